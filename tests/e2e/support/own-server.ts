import { afterAll } from "vitest";
import { startServer, type ExtraEnv, type RunningServer } from "./server";

/**
 * A production server on its own freshly seeded database for one test file, stopped when the
 * file ends: no file sees another's changes, so each passes alone and in any order.
 */
export async function serverForThisFile(extraEnv: ExtraEnv = {}): Promise<RunningServer> {
  // Journeys change data and then read the dashboard at once; its snapshot cache is unit-tested apart.
  const server = await startServer((baseUrl) => ({
    DASHBOARD_CACHE_SECONDS: "0",
    ...(typeof extraEnv === "function" ? extraEnv(baseUrl) : extraEnv),
  }));
  afterAll(() => server.stop());
  return server;
}
