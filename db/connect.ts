import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "./schema";
import { config } from "../app/config.server";
import { parseDatabaseUrl, redact } from "./database-url";
import { SqliteWriteLockFirstDialect } from "./sqlite-dialect";
import { withStatementCache } from "./statement-cache";

export type Engine = "sqlite" | "postgres";

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, with any password removed, for logs and the health check. */
  description: string;
  /** The raw SQLite handle, for the backup API and pragmas; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// COUNT(*) and SUM() come back from PostgreSQL as int8/numeric strings; counts here never
// approach 2^53, so numbers keep model code the same on both engines.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

/** Kept for the backup command, which reads the target from here; new code imports ./database-url. */
export { parseDatabaseUrl, redact, type DatabaseTarget } from "./database-url";

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; FULL syncs the WAL on every commit so an
  // acknowledged write survives a killed process or a power cut.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/** Opens the configured database, or the one at `url` (tests and tools name theirs). */
export function connect(url: string | undefined = config().DATABASE_URL): Connection {
  const target = parseDatabaseUrl(url);
  if (target.engine === "sqlite") {
    const sqlite = openSqlite(target.file);
    const db = new Kysely<Database>({
      dialect: new SqliteWriteLockFirstDialect({ database: withStatementCache(sqlite) }),
    });
    return {
      db,
      engine: "sqlite",
      description: `sqlite:${target.file}`,
      sqlite,
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: config().DATABASE_POOL_SIZE });
  // An idle client dropped by the server (a restart, or a database being dropped) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: "postgres", description: redact(target.url), close: () => db.destroy() };
}
