import os from "node:os";
import { parseArgs } from "node:util";

export interface BenchOptions {
  orgs: number;
  requests: number;
  learning: number;
  /** Seconds of measured load per target. */
  duration: number;
  /** Seconds of unmeasured load before each target. */
  warmup: number;
  connections: number;
  /** Rebuild the cached scaled database. */
  fresh: boolean;
  /** Run `remix build` even when a build exists. */
  build: boolean;
  json: string | null;
  engine: "sqlite" | "postgres";
  /** Server processes to measure with, in turn. */
  workers: number[];
  /** Kept learning searches and dashboard figures off, on, or both in turn. */
  caches: ("off" | "on")[];
}

export type ParsedBenchArgs = { help: true } | ({ help: false } & BenchOptions);

export class BenchUsageError extends Error {}

export const BENCH_USAGE = `Usage: npm run bench:web -- [options]

Serves the production build as a child process over a scaled database and loads pages from
this process with autocannon, signed in as coordinator@example.org. A bare Remix app of one
route (bench/bare-remix), built and served with the project's own Remix, React and Express, is
measured in the same run; every page is reported as a ratio to it and to the app's static page.

  --orgs N, --requests N, --learning N
                     size of the scaled database (default 5000, 50000, 200000); cached in
                     data/bench/scale-<orgs>-<requests>-<learning>.db and seeded when missing
  --engine E         sqlite (default) or postgres: on PostgreSQL the data set is seeded into
                     peerlink_bench_scale_… on DATABASE_URL's server when it is postgres://,
                     else on postgres://peerlink:peerlink@127.0.0.1:55432 (.ci/start-postgres.sh)
  --workers LIST     server processes (WEB_CONCURRENCY) to measure with, in turn (default 1,N
                     where N is this machine's available parallelism)
  --caches LIST      kept searches and dashboard figures: off, on or off,on (default off,on)
  --fresh            seed the cached database again
  --build            run "npm run build" and build the reference even if builds exist
  --duration S       seconds of measured load per page (default 10)
  --warmup S         seconds of load before each measurement, not counted (default 2)
  --connections N    concurrent connections (default 10)
  --json FILE        also write the results as JSON
  --help             show this text

Exit code 1 if any page answered other than 2xx or a connection failed; a missed target is
reported, never an error: this is a measurement.`;

function positive(flag: string, text: string | undefined, fallback: number, { allowZero = false } = {}): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new BenchUsageError(`--${flag} must be a whole number, not "${text}"`);
  const value = Number(text);
  if (value === 0 && !allowZero) throw new BenchUsageError(`--${flag} must be at least 1`);
  return value;
}

function engineOf(text: string | undefined): "sqlite" | "postgres" {
  if (text === undefined || text === "sqlite") return "sqlite";
  if (text === "postgres") return "postgres";
  throw new BenchUsageError(`--engine must be sqlite or postgres, not "${text}"`);
}

function cachesOf(text: string | undefined): ("off" | "on")[] {
  const list = (text ?? "off,on").split(",").map((c) => c.trim());
  if (list.length === 0 || list.some((c) => c !== "off" && c !== "on"))
    throw new BenchUsageError(`--caches must be off, on or off,on, not "${text}"`);
  return [...new Set(list)] as ("off" | "on")[];
}

export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        orgs: { type: "string" },
        requests: { type: "string" },
        learning: { type: "string" },
        duration: { type: "string" },
        warmup: { type: "string" },
        connections: { type: "string" },
        fresh: { type: "boolean", default: false },
        build: { type: "boolean", default: false },
        json: { type: "string" },
        engine: { type: "string" },
        workers: { type: "string" },
        caches: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message.split("\n")[0] : String(error));
  }
  if (values.help) return { help: true };
  return {
    help: false,
    orgs: positive("orgs", values.orgs, 5_000),
    requests: positive("requests", values.requests, 50_000),
    learning: positive("learning", values.learning, 200_000, { allowZero: true }),
    duration: positive("duration", values.duration, 10),
    warmup: positive("warmup", values.warmup, 2, { allowZero: true }),
    connections: positive("connections", values.connections, 10),
    fresh: values.fresh ?? false,
    build: values.build ?? false,
    json: values.json ?? null,
    engine: engineOf(values.engine),
    workers: (values.workers ?? `1,${os.availableParallelism()}`)
      .split(",")
      .map((w) => positive("workers", w.trim(), 1))
      .filter((w, i, all) => all.indexOf(w) === i),
    caches: cachesOf(values.caches),
  };
}
