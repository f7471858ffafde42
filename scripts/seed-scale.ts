/**
 * Seeds a realistic data set at scale for demos and benchmarks:
 *
 *   npm run seed -- --orgs 5000 --requests 50000 --learning 200000 [--seed 7] [--append]
 *
 * See --help, or scripts/lib/scale/args.ts, for the options.
 */
import { configOrExit } from "../app/config.server";
import { connect } from "../db/connect";
import { parseScaleArgs, USAGE, UsageError } from "./lib/scale/args";
import { formatSummary, Progress } from "./lib/scale/progress";
import { clockSeed } from "./lib/scale/random";
import { ScaledDataPresent, seedScale } from "./lib/scale/seed";

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let args;
  try {
    args = parseScaleArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nRun "npm run seed -- --help" for the options.\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }

  configOrExit("seed");
  const seed = args.seed ?? clockSeed();
  const connection = connect();
  // A bulk load into indexes keyed by random ids: a large page cache saves most of SQLite's work, and
  // syncing the WAL at checkpoints rather than at every commit is enough for data that can be seeded again.
  connection.sqlite?.pragma("cache_size = -524288");
  connection.sqlite?.pragma("synchronous = NORMAL");
  const started = performance.now();
  try {
    out(
      `Seeding ${connection.description}: ${args.orgs.toLocaleString("en-GB")} organisations, ${args.requests.toLocaleString("en-GB")} requests, ${args.learning.toLocaleString("en-GB")} learning entries (seed ${seed})`,
    );
    const result = await seedScale(connection.db, { ...args, seed }, new Progress(process.stderr));
    const totalMs = performance.now() - started;
    if (result.demoSeeded)
      out("The database was empty: demo data and accounts were seeded first (password peerlink-demo-2026).");
    out("");
    out(`Planned in ${(result.planMs / 1000).toFixed(1)} s, then written:`);
    out(formatSummary(result.phases, totalMs));
    out("");
    for (const [name, count] of Object.entries(result.counts))
      out(`${name.padEnd(32)} ${count.toLocaleString("en-GB").padStart(10)}`);
    out("");
    out(
      `Done in ${(totalMs / 1000).toFixed(1)} s. Repeat with --seed ${seed}. Synthetic trusts start at ${result.firstOdsCode ?? "(none)"}; each has lead.<code>@example.org.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScaledDataPresent) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
