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
}

export type ParsedBenchArgs = { help: true } | ({ help: false } & BenchOptions);

export class BenchUsageError extends Error {}

export const BENCH_USAGE = `Usage: npm run bench:web -- [options]

Serves the production build as a child process over a scaled SQLite database and loads pages
from this process with autocannon, signed in as coordinator@example.org.

  --orgs N, --requests N, --learning N
                     size of the scaled database (default 5000, 50000, 200000); cached in
                     data/bench/scale-<orgs>-<requests>-<learning>.db and seeded when missing
  --fresh            seed the cached database again
  --build            run "remix build" even if build/ exists (it always runs when missing)
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
  };
}
