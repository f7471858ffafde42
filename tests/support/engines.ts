import pg from "pg";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { connect, type Connection, type Engine } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";

/** The engines integration tests run over: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase extends Connection {
  /** The DATABASE_URL of this fresh database, for child processes. */
  url: string;
  /** Closes the connection and removes the database. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database on the given engine, private to the caller. */
export async function freshDatabase(engine: Engine, { migrate = true } = {}): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString("hex");
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const connection = connect(url);
    if (migrate) await migrateToLatest(connection.db);
    return {
      ...connection,
      url,
      dispose: async () => {
        await connection.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `peerlink_test_${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const connection = connect(url);
  if (migrate) await migrateToLatest(connection.db);
  return {
    ...connection,
    url,
    dispose: async () => {
      await connection.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
