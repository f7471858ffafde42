import { SingleBar, Presets } from "cli-progress";
import fs from "node:fs";
import { configOrExit } from "../app/config.server";
import { connect, type Connection } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seedReferenceData } from "../db/seed/reference";
import { importEtr, NotAnEtrFile } from "../app/models/organisation/ods-import.server";
import { SYSTEM_ACTOR } from "../app/auth/policy";

const USAGE = `Usage: npm run import:ods -- FILE

Imports an NHS ODS trust file (etr.csv: no header row, 27 columns) into the database named by
DATABASE_URL (default file:./data/peerlink.db). New trusts are created, known ones updated by
ODS code, closed ones marked inactive. Malformed lines are listed and skipped; the rest are
imported in one transaction.

Exit status:
  0  every line imported
  1  the file could not be read or the import failed; nothing was written
  2  the file was imported, but some lines were malformed and skipped (listed above)`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length !== 1) {
  console.error(`${USAGE}\n\nGive exactly one file.`);
  process.exit(1);
}
configOrExit("import:ods");

const file = args[0];
try {
  if (fs.statSync(file).isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
  fs.accessSync(file, fs.constants.R_OK);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "it is a directory"
        : code === "EACCES"
          ? "permission denied"
          : (error as Error).message;
  console.error(`Cannot read ${file}: ${reason}`);
  process.exit(1);
}

let connection: Connection;
try {
  connection = connect();
} catch (error) {
  console.error(`Cannot open the database: ${(error as Error).message}`);
  process.exit(1);
}
// The bar draws on stderr so the summary on stdout stays clean for scripts.
const bar = new SingleBar(
  { stream: process.stderr, format: "Importing [{bar}] {value}/{total} rows", hideCursor: true },
  Presets.shades_classic,
);
try {
  await migrateToLatest(connection.db);
  await seedReferenceData(connection.db);
  let started = false;
  // Read as a stream: a wrong file is refused from its first rows, however large it is.
  const result = await importEtr(connection.db, SYSTEM_ACTOR, fs.createReadStream(file), {
    onProgress: (done, total) => {
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    },
  });
  bar.stop();
  console.log(`Imported ${file} into ${connection.description}`);
  console.log(
    `Created ${result.created}, updated ${result.updated}, deactivated ${result.deactivated}, unchanged ${result.unchanged}.`,
  );
  for (const w of result.warnings) console.log(`Warning, line ${w.line}: ${w.message}`);
  if (result.moreWarnings > 0) console.log(`and ${result.moreWarnings} more warnings.`);
  for (const e of result.errors) console.error(`Skipped line ${e.line}: ${e.message}`);
  const malformed = result.errors.length + result.moreErrors;
  if (malformed > 0) {
    if (result.moreErrors > 0) console.error(`and ${result.moreErrors} more.`);
    console.error(`${malformed} malformed line${malformed === 1 ? "" : "s"} skipped.`);
    process.exitCode = 2;
  }
} catch (error) {
  bar.stop();
  if (error instanceof NotAnEtrFile) console.error(`Cannot import ${file}: ${error.message}`);
  else console.error(`Import failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
