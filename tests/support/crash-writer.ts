/**
 * Commits outbox rows until it is killed, for tests/integration/crash.test.ts.
 *
 *   node --import tsx tests/support/crash-writer.ts DATABASE_FILE LABEL
 *
 * Waits for its stdin to close, so the test can start it ahead of time without it touching
 * the database, then prints "ready" once the database is open, then one line per committed transaction: the
 * ids it wrote, space-separated. A line is written only after the commit has resolved, and
 * with a synchronous write, so a line on stdout is a promise that those rows are durable.
 * Every fourth transaction writes several rows, to show a half-done transaction never
 * survives a crash; each row's subject names its transaction and its body the row count.
 * SIGTERM stops it after the transaction in flight, so every commit is acknowledged.
 */
import fs from "node:fs";
import { connect } from "../../db/connect";

const [file, label] = process.argv.slice(2);
if (!file || !label) {
  process.stderr.write("usage: crash-writer.ts DATABASE_FILE LABEL\n");
  process.exit(64);
}

const ROWS_PER_BATCH = 5;
// About a page per row, so transactions cross page boundaries and the WAL reaches checkpoints.
const padding = "x".repeat(1500);

function acknowledge(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

await new Promise<void>((resolve) => process.stdin.once("end", resolve).resume());
const connection = connect(`file:${file}`);
acknowledge("ready");

const row = (id: string, transaction: string, rows: number) => ({
  id,
  to_address: "crash@example.org",
  subject: transaction,
  body: `${rows} ${padding}`,
  created_at: new Date().toISOString(),
  sent_at: null,
});

for (let sequence = 0; !stopping; sequence++) {
  // Zero-padded, so ordering ids by text is ordering by commit.
  const transaction = `${label}-${String(sequence).padStart(6, "0")}`;
  if (sequence % 4 === 3) {
    const ids = Array.from({ length: ROWS_PER_BATCH }, (_, i) => `${transaction}.${i}`);
    await connection.db.transaction().execute(async (trx) => {
      // One statement per row, so a kill can land between them inside the transaction.
      for (const id of ids)
        await trx
          .insertInto("outbox")
          .values(row(id, transaction, ids.length))
          .execute();
    });
    acknowledge(ids.join(" "));
  } else {
    const id = `${transaction}.0`;
    await connection.db
      .insertInto("outbox")
      .values(row(id, transaction, 1))
      .execute();
    acknowledge(id);
  }
  // better-sqlite3 settles every promise in microtasks; yielding lets the SIGTERM handler run.
  await new Promise((resolve) => setImmediate(resolve));
}

await connection.close();
