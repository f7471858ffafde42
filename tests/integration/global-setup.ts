import pg from "pg";

/** PostgreSQL is required in CI and optional locally, where its absence is announced rather than hidden. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error("CI must test PostgreSQL too: set TEST_DATABASE_URL (see .ci/run)");
    console.warn("\n[notice] TEST_DATABASE_URL is not set: integration tests run on SQLite only.\n");
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new Error(`PostgreSQL at TEST_DATABASE_URL is unreachable: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
