import type { LoadResult } from "./load";

export interface Target {
  name: string;
  /** Paths cycled through by every connection. */
  paths: string[];
  /** p99 latency, in ms, the page must stay under, besides the throughput ratio. */
  maxP99?: number;
}

/** A page must serve at least this share of the bare page's throughput. */
export const MIN_RATIO = 0.7;

export interface TargetResult {
  name: string;
  paths: string[];
  /** Null when the page was not measured, with the reason in `skipped`. */
  load: LoadResult | null;
  /** The same page with one connection: latency without queueing. */
  alone: LoadResult | null;
  skipped?: string;
  ratio: number | null;
  goal: string;
  met: boolean | null;
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

export interface BenchReport {
  command: string;
  machine: Machine;
  database: { file: string; orgs: number; requests: number; learning: number; seededNow: boolean; seedSeconds: number };
  settings: { connections: number; duration: number; warmup: number };
  searches: { query: string; hits: number; share: number }[];
  bare: { first: number; last: number; mean: number };
  results: TargetResult[];
  failed: boolean;
}

const goalText = (target: Target) => `≥ ${MIN_RATIO} × bare${target.maxP99 ? `, p99 alone < ${target.maxP99} ms` : ""}`;

/** Ratios against the mean of the two bare-page runs, and whether each page met its goal. */
export function judge(
  targets: readonly Target[],
  loads: readonly (LoadResult | { skipped: string })[],
  alone: readonly (LoadResult | null)[],
  bareMean: number,
  isBare: (t: Target) => boolean,
): TargetResult[] {
  return targets.map((target, i) => {
    const load = loads[i];
    if ("skipped" in load) return { name: target.name, paths: target.paths, load: null, alone: null, skipped: load.skipped, ratio: null, goal: goalText(target), met: null };
    const single = alone[i] ?? null;
    const ratio = bareMean > 0 ? load.requestsPerSecond / bareMean : null;
    const clean = [load, single].every((r) => r === null || (r.non2xx === 0 && r.errors === 0 && r.timeouts === 0));
    const latencyMet = target.maxP99 === undefined || (single !== null && single.p99 < target.maxP99);
    const met = isBare(target) ? null : clean && ratio !== null && ratio >= MIN_RATIO && latencyMet;
    return { name: target.name, paths: target.paths, load, alone: single, ratio, goal: isBare(target) ? "reference" : goalText(target), met };
  });
}

const fixed = (value: number, digits: number) => value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatReport(report: BenchReport): string {
  const header = ["page", "req/s", "p50 ms", "p99 ms", "alone p50", "alone p99", "ratio", "target", "met", "non-2xx"];
  const rows = report.results.map((r) =>
    r.load
      ? [
          r.name,
          fixed(r.load.requestsPerSecond, 0),
          fixed(r.load.p50, 1),
          fixed(r.load.p99, 1),
          r.alone ? fixed(r.alone.p50, 1) : "–",
          r.alone ? fixed(r.alone.p99, 1) : "–",
          r.ratio === null ? "–" : fixed(r.ratio, 2),
          r.goal,
          r.met === null ? "–" : r.met ? "yes" : "NO",
          r.load.non2xx + r.load.errors + r.load.timeouts === 0
            ? "0"
            : `${r.load.non2xx} ${JSON.stringify(r.load.statusCodes)}${r.load.errors ? `, ${r.load.errors} errors` : ""}${r.load.timeouts ? `, ${r.load.timeouts} timeouts` : ""}`,
        ]
      : [r.name, "–", "–", "–", "–", "–", "–", r.goal, "not run", r.skipped ?? ""],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 7 || i === 9 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const m = report.machine;
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `bare page: ${fixed(report.bare.first, 0)} req/s first, ${fixed(report.bare.last, 0)} req/s last (${fixed(Math.abs(report.bare.first - report.bare.last) / Math.max(report.bare.mean, 1) * 100, 1)}% apart); ratios use the mean, ${fixed(report.bare.mean, 0)}`,
    `searches (cycled): ${report.searches.map((s) => `"${s.query}" ${s.hits.toLocaleString("en-GB")} hits (${fixed(s.share * 100, 2)}%)`).join(", ")}`,
    `database: ${report.database.file} (${report.database.orgs.toLocaleString("en-GB")} organisations, ${report.database.requests.toLocaleString("en-GB")} requests, ${report.database.learning.toLocaleString("en-GB")} learning entries${report.database.seededNow ? `, seeded now in ${report.database.seedSeconds.toFixed(0)} s` : ", cached"})`,
    `load: ${report.settings.connections} connections, ${report.settings.warmup} s warm-up + ${report.settings.duration} s per page, from the benchmark process; the server is a separate child process; "alone" is the same page with one connection`,
    `machine: ${m.cores} cores (${m.cpu}), Node ${m.node}, load average ${load(m.loadAverageBefore)} before, ${load(m.loadAverageAfter)} after`,
    `command: ${report.command}`,
  ].join("\n");
}
