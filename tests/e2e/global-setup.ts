import type { TestProject } from "vitest/node";
import { startServer, type RunningServer } from "./support/server";

let server: RunningServer | undefined;

/** One production build served on a fresh, seeded SQLite database for every end-to-end file. */
export async function setup(project: TestProject) {
  // Journeys change data and then read the dashboard at once; its snapshot cache is unit-tested apart.
  server = await startServer({ DASHBOARD_CACHE_SECONDS: "0" });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
}

export async function teardown() {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}
