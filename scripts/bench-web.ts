/**
 * Web benchmark: the production server as a child process over a scaled SQLite database, loaded
 * with autocannon from this process, signed in as the national demo coordinator.
 *
 *   npm run bench:web                          # 5,000 trusts, 50,000 requests, 200,000 entries
 *   npm run bench:web -- --duration 20 --connections 20 --json bench.json
 *
 * The bare page (/accessibility: static, but through the session check and the layout) is
 * measured first and last; each page's ratio is its throughput over the mean of the two. Every
 * page is then measured again with one connection, for latency without queueing; a p99 target is
 * judged on that run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchOptions } from "./lib/bench-web/args";
import { readFixtures, SEARCH_QUERIES } from "./lib/bench-web/fixtures";
import { measure, type LoadResult } from "./lib/bench-web/load";
import { ensureBuild, ensureScaledDatabase } from "./lib/bench-web/prepare";
import { formatReport, judge, type BenchReport, type Target } from "./lib/bench-web/report";
import { startServer } from "./lib/bench-web/server";
import { signIn } from "./lib/bench-web/sign-in";
import { DEMO_PASSWORD } from "../db/seed/demo/seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => process.stderr.write(`${line}\n`);
const BARE = "/accessibility";

function targetsFor(requestIds: string[]): Target[] {
  const bare: Target = { name: "bare page (first)", paths: [BARE] };
  return [
    bare,
    { name: "dashboard", paths: ["/dashboard"] },
    { name: "learning search", paths: SEARCH_QUERIES.map((q) => `/learning?q=${encodeURIComponent(q)}`), maxP99: 20 },
    { name: "offer list", paths: ["/offers"] },
    { name: "request page", paths: requestIds.slice(0, 20).map((id) => `/requests/${id}`) },
    { ...bare, name: "bare page (last)" },
  ];
}

/** A page that answers 404 signed in is not built yet: it is reported, not loaded. */
async function probe(baseUrl: string, cookie: string, target: Target): Promise<string | null> {
  if (target.paths.length === 0) return "nothing to request (no submitted request in the database)";
  const response = await fetch(`${baseUrl}${target.paths[0]}`, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  return response.status === 404 ? `${target.paths[0].split("?")[0]} answers 404: not built yet` : null;
}

async function run(options: BenchOptions, command: string): Promise<BenchReport> {
  const loadAverageBefore = os.loadavg();
  ensureBuild(root, options.build, log);
  const database = ensureScaledDatabase(root, options, options.fresh, log);
  const fixtures = readFixtures(database.file, SEARCH_QUERIES);
  const server = await startServer(root, database.file);
  log(`Server ready at ${server.baseUrl} (pid ${server.pid}) on ${path.relative(root, database.file)}`);
  try {
    const cookie = await signIn(server.baseUrl, "coordinator@example.org", DEMO_PASSWORD);
    const settings = { baseUrl: server.baseUrl, cookie, connections: options.connections, duration: options.duration, warmup: options.warmup };
    const targets = targetsFor(fixtures.requestIds);
    const loads: (LoadResult | { skipped: string })[] = [];
    for (const target of targets) {
      const skipped = await probe(server.baseUrl, cookie, target);
      if (skipped) {
        log(`${target.name}: skipped, ${skipped}`);
        loads.push({ skipped });
        continue;
      }
      log(`${target.name}: ${options.warmup} s warm-up, ${options.duration} s measured…`);
      loads.push(await measure(settings, target.paths));
    }
    // Latency one request at a time: at full load on two cores, latency is mostly the queue.
    const alone: (LoadResult | null)[] = [];
    for (const [i, target] of targets.entries()) {
      if ("skipped" in loads[i]) {
        alone.push(null);
        continue;
      }
      log(`${target.name}: one connection, ${options.warmup} s warm-up, ${options.duration} s measured…`);
      alone.push(await measure({ ...settings, connections: 1 }, target.paths));
    }
    const bareFirst = loads[0] as LoadResult;
    const bareLast = loads[loads.length - 1] as LoadResult;
    const mean = (bareFirst.requestsPerSecond + bareLast.requestsPerSecond) / 2;
    const results = judge(targets, loads, alone, mean, (t) => t.paths.length === 1 && t.paths[0] === BARE);
    return {
      command,
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim() ?? "unknown", node: process.versions.node, loadAverageBefore, loadAverageAfter: os.loadavg() },
      database: { file: path.relative(root, database.file), orgs: options.orgs, requests: options.requests, learning: options.learning, seededNow: database.seeded, seedSeconds: database.seconds },
      settings: { connections: options.connections, duration: options.duration, warmup: options.warmup },
      searches: fixtures.queries,
      bare: { first: bareFirst.requestsPerSecond, last: bareLast.requestsPerSecond, mean },
      results,
      failed: results.some((r) => [r.load, r.alone].some((l) => l !== null && l.non2xx + l.errors + l.timeouts > 0)),
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof BenchUsageError) {
      log(`${error.message}\nRun "npm run bench:web -- --help" for the options.`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const command = ["npm run bench:web", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
  const report = await run(options, command);
  process.stdout.write(`${formatReport(report)}\n`);
  if (options.json) {
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`Results written to ${options.json}`);
  }
  if (report.failed) log("Some pages answered other than 2xx or failed to connect: see the non-2xx column.");
  return report.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
