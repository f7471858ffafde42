import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrityCheck } from "../../db/backup";
import { connect, type Connection } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";

// SQLite only: on PostgreSQL the command's whole job is to point at pg_dump, tested below.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = path.join(ROOT, "scripts/backup.ts");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBackup(args: string[], databaseUrl: string | undefined): Promise<Run> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const outboxRows = (file: string) => {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return sqlite.prepare("SELECT * FROM outbox ORDER BY id").all();
  } finally {
    sqlite.close();
  }
};

const addMessage = (connection: Connection, id: string) =>
  connection.db
    .insertInto("outbox")
    .values({
      id,
      to_address: "ops@example.org",
      subject: `Message ${id}`,
      body: "Hello",
      created_at: new Date().toISOString(),
      sent_at: null,
    })
    .execute();

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe("npm run db:backup", () => {
  let dir: string;
  let source: string;
  // Held open throughout, as the running app would, so recent rows sit in the WAL file.
  let app: Connection;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-backup-"));
    source = path.join(dir, "peerlink.db");
    app = connect(`file:${source}`);
    await migrateToLatest(app.db);
    for (const id of ["m1", "m2", "m3"]) await addMessage(app, id);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies the live database, verifies the copy and reports where, how big and how long", async () => {
    const copy = path.join(dir, "backups", "first.db");
    const run = await runBackup([copy], `file:${source}`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(copy);
    expect(run.stdout).toMatch(/\d+(\.\d+)? (B|KiB|MiB|GiB) \(\d+ pages\)/);
    expect(run.stdout).toMatch(/integrity check ok/);
    expect(run.stdout).toMatch(/took \d+\.\d+ s/);
    expect(run.stderr).toMatch(/0 of \d+ pages remaining/);
    // Only the finished copy is left behind, no partial file.
    expect(fs.readdirSync(path.dirname(copy))).toEqual(["first.db"]);
    expect(integrityCheck(copy)).toBe("ok");
    expect(outboxRows(copy)).toEqual(outboxRows(source));
    expect(outboxRows(copy)).toHaveLength(3);
  });

  it("refuses to overwrite an existing file unless --force is given", async () => {
    const copy = path.join(dir, "second.db");
    expect((await runBackup([copy], `file:${source}`)).code).toBe(0);
    await addMessage(app, "m4");

    const refused = await runBackup([copy], `file:${source}`);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(outboxRows(copy).map((row: any) => row.id)).toEqual(["m1", "m2", "m3"]);

    const forced = await runBackup([copy, "--force"], `file:${source}`);
    expect(forced.code, forced.stderr).toBe(0);
    expect(integrityCheck(copy)).toBe("ok");
    expect(outboxRows(copy).map((row: any) => row.id)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("on PostgreSQL, points to pg_dump with the database's address and without its password (exit 2)", async () => {
    const run = await runBackup(
      ["nightly.dump"],
      "postgres://peerlink:s3cret-Pw@db.internal:5433/peerlink?sslmode=require&password=other-s3cret",
    );
    expect(run.code).toBe(2);
    const output = run.stdout + run.stderr;
    expect(output).toMatch(/pg_dump .*--file=nightly\.dump/);
    expect(output).toContain("peerlink@db.internal:5433/peerlink");
    expect(output).toContain("sslmode=require");
    expect(output).not.toContain("s3cret");
    noStackTrace(output);
  });

  it("without a FILE says what is missing in one line, with no stack trace", async () => {
    const run = await runBackup([], `file:${source}`);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/name the file.*npm run db:backup -- FILE/);
    noStackTrace(run.stderr);
  });

  it("reports a missing or unreadable database in one line and writes nothing", async () => {
    const missing = await runBackup([path.join(dir, "never.db")], `file:${path.join(dir, "absent.db")}`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toMatch(/^db:backup: no database at .*absent\.db/);
    expect(fs.existsSync(path.join(dir, "absent.db"))).toBe(false);

    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not a database ".repeat(400));
    const unreadable = await runBackup([path.join(dir, "never.db")], `file:${junk}`);
    expect(unreadable.code).not.toBe(0);
    expect(unreadable.stderr.trim()).toMatch(/^db:backup: cannot copy .*junk\.db: file is not a database$/);
    noStackTrace(missing.stderr + unreadable.stderr);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith("never.db"))).toEqual([]);
  });
});
