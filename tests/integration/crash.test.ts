import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupSqlite, integrityCheck } from "../../db/backup";
import { connect } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";

// SQLite only: this is about the embedded engine keeping its word when the process dies.
// PostgreSQL's durability is the server's, not something this app can break or test here.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRITER = path.join(ROOT, "tests/support/crash-writer.ts");
const ROUNDS = 24;
const SEED = Number(process.env.CRASH_SEED ?? 20261129);
// Each round starts a tsx process; on a loaded 2-core machine that can take seconds, so the
// limits are generous and no step waits a fixed time for another process to get going.
const KILL_ROUNDS_TIMEOUT = 10 * 60_000;
const BACKUP_TIMEOUT = 3 * 60_000;

/** mulberry32: a small seeded generator, so a failing schedule of kills can be replayed with CRASH_SEED. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Writer {
  /** Lets the writer open the database and start; resolves once it has. */
  begin(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  isStopped(): boolean;
  /** The transactions acknowledged so far, each as the ids it committed, in commit order. */
  acks: string[][];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Spawns a writer, which loads its modules (most of its start-up time) and then waits for begin(). */
function spawnWriter(file: string, label: string): Writer {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, file, label], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const acks: string[][] = [];
  let pending = "";
  let stderr = "";
  let markReady!: () => void;
  let failReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    // A line without its newline was cut off by the kill and acknowledges nothing.
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "ready") markReady();
      else acks.push(line.split(" "));
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on("close", (code, signal) => {
      failReady(new Error(`the writer stopped before it was ready (${code ?? signal}): ${stderr}`));
      resolve({ code, signal, stderr });
    });
  });
  let stopped = false;
  void exited.then(() => (stopped = true));
  return {
    isStopped: () => stopped,
    begin: () => {
      child.stdin.end();
      return ready;
    },
    kill: (signal) => child.kill(signal),
    acks,
    exited,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, however long the machine takes, until the writer has acknowledged more than `count` transactions. */
async function acknowledgedMoreThan(writer: Writer, count: number): Promise<void> {
  while (writer.acks.length <= count) {
    if (writer.isStopped())
      throw new Error(`the writer stopped after ${writer.acks.length} transactions: ${(await writer.exited).stderr}`);
    await sleep(10);
  }
}

/** Transactions in the database whose row count differs from the count each of their rows declares. */
function partialTransactions(rows: { subject: string; body: string }[]): string[] {
  const seen = new Map<string, { expected: number; found: number }>();
  for (const { subject, body } of rows) {
    const entry = seen.get(subject) ?? { expected: Number.parseInt(body, 10), found: 0 };
    entry.found++;
    seen.set(subject, entry);
  }
  return [...seen].filter(([, { expected, found }]) => expected !== found).map(([subject]) => subject);
}

describe("SQLite durability when the writing process is killed", () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-crash-"));
    file = path.join(dir, "peerlink.db");
    const connection = connect(`file:${file}`);
    await migrateToLatest(connection.db);
    await connection.close();
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    `loses no acknowledged write and no transaction half-way, over ${ROUNDS} SIGKILLs (seed ${SEED})`,
    async () => {
      const random = seededRandom(SEED);
      const label = (round: number) => `r${String(round).padStart(2, "0")}`;
      let roundsWithAcks = 0;
      let next = spawnWriter(file, label(0));
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const delay = Math.floor(random() * 350);
          const writer = next;
          await writer.begin();
          // The next writer loads while this one writes; it opens nothing until its turn.
          if (round + 1 < ROUNDS) next = spawnWriter(file, label(round + 1));
          // The kill lands a random time after writing is under way, however slowly the writer got there.
          await acknowledgedMoreThan(writer, 0);
          await sleep(delay);
          writer.kill("SIGKILL");
          const exit = await writer.exited;
          const context = `round ${round}, killed ${delay} ms after its first commit (CRASH_SEED=${SEED})`;
          expect(exit.signal, `${context}: ${exit.stderr}`).toBe("SIGKILL");

          // Reopened as the app would after a crash: the first connection recovers the WAL.
          const connection = connect(`file:${file}`);
          try {
            expect(connection.sqlite!.pragma("integrity_check", { simple: true }), context).toBe("ok");
            const rows = await connection.db
              .selectFrom("outbox")
              .select(["id", "subject", "body"])
              .where("id", "like", `${label(round)}-%`)
              .orderBy("id")
              .execute();
            const stored = new Set(rows.map((row) => row.id));
            const acknowledged = writer.acks.flat();
            expect(
              acknowledged.filter((id) => !stored.has(id)),
              `acknowledged but lost, ${context}`,
            ).toEqual([]);
            expect(partialTransactions(rows), `half-written transactions, ${context}`).toEqual([]);
            // A kill between a commit and its acknowledgement may leave the last transaction
            // unacknowledged; any other would mean acknowledgements lag behind commits.
            const acked = new Set(acknowledged);
            const unacknowledged = new Set(rows.filter((row) => !acked.has(row.id)).map((row) => row.subject));
            expect(
              [...unacknowledged].filter((subject) => subject !== rows.at(-1)?.subject),
              `committed but unacknowledged, ${context}`,
            ).toEqual([]);
            if (acknowledged.length > 0) roundsWithAcks++;
          } finally {
            await connection.close();
          }
        }
      } finally {
        next.kill("SIGKILL");
      }
      // Kills must land while writes are under way, or the rounds above prove nothing.
      expect(roundsWithAcks).toBe(ROUNDS);
    },
    KILL_ROUNDS_TIMEOUT,
  );

  it(
    "a backup taken while the writer commits opens cleanly and holds a prefix of its acknowledged writes",
    async () => {
      const seedFile = path.join(dir, "busy.db");
      const copyFile = path.join(dir, "busy-copy.db");
      const connection = connect(`file:${seedFile}`);
      await migrateToLatest(connection.db);
      // Enough pages that the copy takes many steps, so the writer's commits meet it mid-way.
      const insert = connection.sqlite!.prepare(
        "INSERT INTO outbox (id, to_address, subject, body, created_at) VALUES (?, ?, ?, ?, ?)",
      );
      connection.sqlite!.transaction(() => {
        for (let i = 0; i < 2000; i++)
          insert.run(`base-${i}`, "crash@example.org", `base-${i}`, `1 ${"y".repeat(1500)}`, new Date().toISOString());
      })();
      await connection.close();

      const writer = spawnWriter(seedFile, "live");
      await writer.begin();
      await acknowledgedMoreThan(writer, 19);
      const acknowledgedBefore = writer.acks.flat();
      const acksBefore = writer.acks.length;
      const result = await backupSqlite(seedFile, copyFile, undefined, { pagesPerStep: 50 });
      // The writer keeps committing through and after the copy, however the cores were shared.
      await acknowledgedMoreThan(writer, acksBefore);
      writer.kill("SIGTERM");
      const exit = await writer.exited;
      expect(exit.code, exit.stderr).toBe(0);
      const acknowledged = writer.acks.flat();
      expect(acknowledged.length).toBeGreaterThan(acknowledgedBefore.length);

      expect(result.pages).toBeGreaterThan(500);
      expect(result.bytes).toBe(fs.statSync(copyFile).size);
      expect(integrityCheck(copyFile)).toBe("ok");
      const copy = new SQLite(copyFile, { readonly: true });
      try {
        const rows = copy.prepare("SELECT id, subject, body FROM outbox WHERE id LIKE 'live-%' ORDER BY id").all() as {
          id: string;
          subject: string;
          body: string;
        }[];
        const ids = rows.map((row) => row.id);
        // Everything acknowledged before the backup began is in it, and nothing out of order.
        expect(ids.length).toBeGreaterThanOrEqual(acknowledgedBefore.length);
        expect(ids.length).toBeGreaterThan(0);
        expect(ids).toEqual(acknowledged.slice(0, ids.length));
        expect(partialTransactions(rows)).toEqual([]);
        expect(copy.prepare("SELECT count(*) FROM outbox WHERE id LIKE 'base-%'").pluck().get()).toBe(2000);
      } finally {
        copy.close();
      }
    },
    BACKUP_TIMEOUT,
  );
});
