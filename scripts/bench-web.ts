/**
 * Web benchmark: the production server as a child process over a scaled database, loaded with
 * autocannon from this process, signed in as the national demo coordinator.
 *
 *   npm run bench:web                          # 5,000 trusts, 50,000 requests, 200,000 entries
 *   npm run bench:web -- --duration 5 --workers 1,2 --caches off,on --json bench.json
 *   npm run bench:web -- --engine postgres
 *
 * The honest reference is a bare Remix app of one route (bench/bare-remix), built and served with
 * the project's own Remix, React and Express, measured first and last in the same run: every page
 * is reported as a ratio to it, beside the ratio to the app's own static page (/accessibility,
 * which pays the app's middleware, session check and layout). A second reference, the same bare
 * app with a trivial module for each of the app's route files, is measured once on its
 * /accessibility: what the size of the route tree alone costs the framework. Each server configuration (workers,
 * kept figures off or on) is started afresh; every page is measured with the chosen connections,
 * then with one connection for latency without queueing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchOptions } from "./lib/bench-web/args";
import { readFixtures, SEARCH_QUERIES, type Fixtures } from "./lib/bench-web/fixtures";
import { measure, type LoadResult, type LoadSettings } from "./lib/bench-web/load";
import { ensureBuild, ensureScaledDatabase } from "./lib/bench-web/prepare";
import {
  formatReport,
  hasFaults,
  STATIC_PAGE,
  type BenchReport,
  type PageResult,
  type RunResult,
  type Target,
} from "./lib/bench-web/report";
import { ensureMatchingRound } from "./lib/bench-web/round";
import { ensureRouteTreeReference } from "./lib/bench-web/route-tree-reference";
import { startServer } from "./lib/bench-web/server";
import { signIn } from "./lib/bench-web/sign-in";
import { DEMO_PASSWORD } from "../db/seed/demo/seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => process.stderr.write(`${line}\n`);

function targetsFor(fixtures: Fixtures): Target[] {
  return [
    { name: "home page with tasks", paths: ["/"] },
    { name: "dashboard", paths: ["/dashboard"] },
    { name: "offer list", paths: ["/offers"] },
    { name: "learning search", paths: SEARCH_QUERIES.map((q) => `/learning?q=${encodeURIComponent(q)}`) },
    { name: "request page", paths: fixtures.requestIds.map((id) => `/requests/${id}`) },
    { name: "engagement page", paths: fixtures.engagementIds.map((id) => `/engagements/${id}`) },
    { name: "matching round page", paths: fixtures.roundIds.map((id) => `/matching/rounds/${id}`) },
    { name: STATIC_PAGE, paths: ["/accessibility"] },
  ];
}

/** A page that does not answer 200 signed in is reported, not loaded. */
async function probe(baseUrl: string, cookie: string, target: Target): Promise<string | null> {
  if (target.paths.length === 0) return "nothing to request in this database";
  const response = await fetch(`${baseUrl}${target.paths[0]}`, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  return response.status === 200 ? null : `${target.paths[0].split("?")[0]} answers ${response.status}`;
}

async function measureBoth(settings: LoadSettings, paths: string[], name: string, options: BenchOptions) {
  log(`  ${name}: ${options.warmup} s warm-up, ${options.duration} s measured, then again with one connection…`);
  const load = await measure(settings, paths);
  const alone = await measure({ ...settings, connections: 1 }, paths);
  return { load, alone };
}

async function measureReference(
  options: BenchOptions,
  { folder = "bench/bare-remix", page = "/", name = "bare Remix reference" } = {},
): Promise<{ load: LoadResult; alone: LoadResult }> {
  const server = await startServer(root, path.join(root, folder, "server.mjs"), {});
  try {
    const settings = {
      baseUrl: server.baseUrl,
      cookie: "",
      connections: options.connections,
      duration: options.duration,
      warmup: options.warmup,
    };
    return await measureBoth(settings, [page], name, options);
  } finally {
    await server.stop();
  }
}

async function measureApp(
  options: BenchOptions,
  databaseUrl: string,
  fixtures: Fixtures,
  workers: number,
  caches: "off" | "on",
): Promise<RunResult> {
  log(`${workers} worker${workers === 1 ? "" : "s"}, kept figures ${caches}:`);
  const server = await startServer(root, path.join(root, "dist/serve.js"), {
    PEERLINK_SEED_DEMO: "0",
    DATABASE_URL: databaseUrl,
    WEB_CONCURRENCY: String(workers),
    LEARNING_SEARCH_CACHE_SECONDS: caches === "on" ? "30" : "0",
    DASHBOARD_CACHE_SECONDS: caches === "on" ? "60" : "0",
  });
  try {
    const cookie = await signIn(server.baseUrl, "coordinator@example.org", DEMO_PASSWORD);
    const settings = {
      baseUrl: server.baseUrl,
      cookie,
      connections: options.connections,
      duration: options.duration,
      warmup: options.warmup,
    };
    const pages: PageResult[] = [];
    for (const target of targetsFor(fixtures)) {
      const skipped = await probe(server.baseUrl, cookie, target);
      if (skipped) {
        log(`  ${target.name}: skipped, ${skipped}`);
        pages.push({ name: target.name, paths: target.paths, load: null, alone: null, skipped });
        continue;
      }
      pages.push({
        name: target.name,
        paths: target.paths,
        ...(await measureBoth(settings, target.paths, target.name, options)),
      });
    }
    return { workers, caches, pages };
  } finally {
    await server.stop();
  }
}

async function run(options: BenchOptions, command: string): Promise<BenchReport> {
  const loadAverageBefore = os.loadavg();
  ensureBuild(root, options.build, log);
  const routeTree = ensureRouteTreeReference(root, options.build, log);
  const database = await ensureScaledDatabase(root, options.engine, options, options.fresh, log);
  // The server migrates on start: run one first so the fixtures read the current schema.
  await (
    await startServer(root, path.join(root, "dist/serve.js"), {
      PEERLINK_SEED_DEMO: "0",
      DATABASE_URL: database.url,
      WEB_CONCURRENCY: "1",
    })
  ).stop();
  await ensureMatchingRound(database.url, log);
  const fixtures = await readFixtures(database.url, SEARCH_QUERIES);
  const first = await measureReference(options);
  const sameRoutes = await measureReference(options, {
    folder: path.relative(root, routeTree.folder),
    page: "/accessibility",
    name: `bare Remix reference with the app's ${routeTree.routes} route files`,
  });
  const runs: RunResult[] = [];
  for (const workers of options.workers)
    for (const caches of options.caches) runs.push(await measureApp(options, database.url, fixtures, workers, caches));
  const last = await measureReference(options);
  const report: BenchReport = {
    command,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model.trim() ?? "unknown",
      node: process.versions.node,
      loadAverageBefore,
      loadAverageAfter: os.loadavg(),
    },
    engine: options.engine === "postgres" ? "PostgreSQL" : "SQLite",
    database: {
      name: database.name,
      orgs: options.orgs,
      requests: options.requests,
      learning: options.learning,
      seededNow: database.seeded,
      seedSeconds: database.seconds,
    },
    settings: { connections: options.connections, duration: options.duration, warmup: options.warmup },
    searches: fixtures.queries,
    reference: { first: first.load, firstAlone: first.alone, last: last.load, lastAlone: last.alone },
    routeTreeReference: { routes: routeTree.routes, load: sameRoutes.load, alone: sameRoutes.alone },
    runs,
    failed: false,
  };
  report.failed = hasFaults(report);
  return report;
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
