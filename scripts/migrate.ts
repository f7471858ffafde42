import { configOrExit } from "../app/config.server";
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";

configOrExit("db:migrate");
const connection = connect();
try {
  const result = await migrateToLatest(connection.db);
  const applied = result.results?.filter((r) => r.status === "Success") ?? [];
  console.log(applied.length ? `Applied ${applied.map((r) => r.migrationName).join(", ")}` : "Database is up to date");
  console.log(`(${connection.description})`);
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
