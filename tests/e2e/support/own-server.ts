import { afterAll } from "vitest";
import { startServer, type RunningServer } from "./server";

/**
 * A production server on its own freshly seeded database for one test file, stopped when the
 * file ends: no file sees another's changes, so each passes alone and in any order.
 */
export async function serverForThisFile(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  // Journeys change data and then read the dashboard at once; its snapshot cache is unit-tested apart.
  const server = await startServer({ DASHBOARD_CACHE_SECONDS: "0", ...extraEnv });
  afterAll(() => server.stop());
  return server;
}
