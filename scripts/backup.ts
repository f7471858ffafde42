import fs from "node:fs";
import path from "node:path";
import { backupSqlite, integrityCheck, type BackupProgress } from "../db/backup";
import { config, configOrExit } from "../app/config.server";
import { parseDatabaseUrl, redact, type DatabaseTarget } from "../db/connect";

const USAGE = "usage: npm run db:backup -- FILE [--force]";

/** A failure the operator can fix: printed as a plain message with its exit code, never a stack trace. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function parseArguments(argv: string[]): { file?: string; force: boolean } {
  let file: string | undefined;
  let force = false;
  for (const arg of argv) {
    if (arg === "--force") force = true;
    else if (arg === "--help" || arg === "-h") throw new Refusal(USAGE, 0);
    else if (arg.startsWith("-")) throw new Refusal(`unknown option ${arg} (${USAGE})`);
    else if (file) throw new Refusal(`one FILE only, got "${file}" and "${arg}" (${USAGE})`);
    else file = arg;
  }
  return { file, force };
}

/** A pg_dump command for the same database, without the password, which pg_dump asks for itself. */
function pgDumpAdvice(url: string, file = "peerlink.dump"): string {
  let target: string;
  try {
    const parsed = new URL(url);
    parsed.password = "";
    parsed.searchParams.delete("password");
    target = parsed.toString();
  } catch {
    target = redact(url);
  }
  return [
    "db:backup copies SQLite databases; on PostgreSQL use pg_dump, which takes a consistent snapshot while the app runs:",
    `  pg_dump --format=custom --file=${shellQuote(file)} --dbname=${shellQuote(target)}`,
    "It asks for the password, or reads it from PGPASSWORD or ~/.pgpass. Restore with pg_restore.",
  ].join("\n");
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function progressReporter(): (progress: BackupProgress) => void {
  const tty = process.stderr.isTTY;
  let lastShown = -1;
  let restartNoted = false;
  return ({ totalPages, remainingPages, restarted }) => {
    if (restarted && !restartNoted) {
      restartNoted = true;
      process.stderr.write(`${tty ? "\n" : ""}The database changed during the copy; copying the rest in one step.\n`);
    }
    const line = `Copying: ${remainingPages} of ${totalPages} pages remaining`;
    if (tty) {
      process.stderr.write(`\r${line}${remainingPages === 0 ? "\n" : ""}`);
      return;
    }
    // Logs get a line per tenth of the copy rather than one per step.
    const tenth = Math.floor(((totalPages - remainingPages) / Math.max(totalPages, 1)) * 10);
    if (tenth > lastShown || remainingPages === 0) {
      lastShown = tenth;
      process.stderr.write(`${line}\n`);
    }
  };
}

function removeQuietly(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

function readTarget(): DatabaseTarget {
  try {
    return parseDatabaseUrl(config().DATABASE_URL);
  } catch (error) {
    throw new Refusal((error as Error).message);
  }
}

async function main(): Promise<void> {
  const { file, force } = parseArguments(process.argv.slice(2));
  configOrExit("db:backup");
  const target = readTarget();
  if (target.engine === "postgres") throw new Refusal(pgDumpAdvice(target.url, file), 2);
  if (!file) throw new Refusal(`name the file to write the copy to (${USAGE})`);

  const source = path.resolve(target.file);
  const destination = path.resolve(file);
  if (destination === source) throw new Refusal("the copy cannot replace the database it copies");
  if (!fs.existsSync(source)) throw new Refusal(`no database at ${source} (from DATABASE_URL)`);
  if (fs.existsSync(destination) && !force)
    throw new Refusal(`${destination} already exists; add --force to replace it`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });

  // The copy is written beside FILE and renamed into place once verified, so an interrupted
  // or failed run never leaves a half-written FILE nor destroys the backup it would replace.
  const partial = `${destination}.partial-${process.pid}`;
  const abandon = () => {
    removeQuietly(partial);
    process.exit(130);
  };
  process.once("SIGINT", abandon);
  process.once("SIGTERM", abandon);

  const started = performance.now();
  try {
    let result;
    try {
      result = await backupSqlite(source, partial, progressReporter());
    } catch (error) {
      throw new Refusal(`cannot copy ${source}: ${(error as Error).message}`);
    }
    const verdict = integrityCheck(partial);
    if (verdict !== "ok") throw new Refusal(`the copy failed its integrity check: ${verdict.split("\n")[0]}`);
    // A stale WAL left beside an old FILE would be replayed into the new one when it is opened.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(destination + suffix, { force: true });
    fs.renameSync(partial, destination);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`Backed up ${source}`);
    console.log(`       to ${destination}`);
    console.log(`     size ${formatBytes(result.bytes)} (${result.pages} pages), integrity check ok`);
    console.log(`     took ${seconds} s`);
  } finally {
    removeQuietly(partial);
    process.off("SIGINT", abandon);
    process.off("SIGTERM", abandon);
  }
}

main().catch((error: unknown) => {
  if (error instanceof Refusal) {
    // Exit 2 carries advice of several lines, which reads better without the prefix.
    if (error.exitCode === 0) process.stdout.write(`${error.message}\n`);
    else process.stderr.write(`${error.exitCode === 2 ? "" : "db:backup: "}${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`db:backup: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
