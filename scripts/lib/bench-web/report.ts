import type { LoadResult } from "./load";

export interface Target {
  name: string;
  /** Paths cycled through by every connection. */
  paths: string[];
}

export interface PageResult {
  name: string;
  paths: string[];
  /** Null when the page was not measured, with the reason in `skipped`. */
  load: LoadResult | null;
  /** The same page with one connection: latency without queueing. */
  alone: LoadResult | null;
  skipped?: string;
}

/** One server configuration: a number of processes, with the kept figures off or on. */
export interface RunResult {
  workers: number;
  caches: "off" | "on";
  pages: PageResult[];
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
  engine: string;
  database: { name: string; orgs: number; requests: number; learning: number; seededNow: boolean; seedSeconds: number };
  settings: { connections: number; duration: number; warmup: number };
  searches: { query: string; hits: number; moreThan: boolean }[];
  /** The bare Remix app of one route: one process, measured first and last. */
  reference: { first: LoadResult; firstAlone: LoadResult; last: LoadResult; lastAlone: LoadResult };
  /** The same bare app with a trivial module for each of the app's route files, on /accessibility. */
  routeTreeReference: { routes: number; load: LoadResult; alone: LoadResult };
  runs: RunResult[];
  failed: boolean;
}

export const STATIC_PAGE = "static page";

const fixed = (value: number, digits: number) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mean = (a: number, b: number) => (a + b) / 2;
const faults = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;

export function hasFaults(report: Pick<BenchReport, "runs">): boolean {
  return report.runs.some((run) => run.pages.some((p) => [p.load, p.alone].some((l) => l !== null && faults(l) > 0)));
}

function runTable(
  run: RunResult,
  reference: BenchReport["reference"],
  routeTree: BenchReport["routeTreeReference"],
): string[] {
  const refRps = mean(reference.first.requestsPerSecond, reference.last.requestsPerSecond);
  const sameRoutesRps = routeTree.load.requestsPerSecond;
  const refAloneMean = mean(reference.firstAlone.mean, reference.lastAlone.mean);
  const staticPage = run.pages.find((p) => p.name === STATIC_PAGE)?.load;
  const header = [
    "page",
    "req/s",
    "p50 ms",
    "p99 ms",
    "alone p50",
    "alone p99",
    "req/s ÷ bare Remix",
    "alone mean ÷ bare Remix",
    "req/s ÷ bare, same routes",
    "req/s ÷ static page",
    "non-2xx",
  ];
  const rows = run.pages.map((p) =>
    p.load
      ? [
          p.name,
          fixed(p.load.requestsPerSecond, 0),
          fixed(p.load.p50, 1),
          fixed(p.load.p99, 1),
          p.alone ? fixed(p.alone.p50, 1) : "–",
          p.alone ? fixed(p.alone.p99, 1) : "–",
          refRps > 0 ? fixed(p.load.requestsPerSecond / refRps, 3) : "–",
          p.alone && refAloneMean > 0 ? `${fixed(p.alone.mean / refAloneMean, 1)}×` : "–",
          sameRoutesRps > 0 ? fixed(p.load.requestsPerSecond / sameRoutesRps, 3) : "–",
          staticPage && staticPage.requestsPerSecond > 0
            ? fixed(p.load.requestsPerSecond / staticPage.requestsPerSecond, 2)
            : "–",
          faults(p.load) + (p.alone ? faults(p.alone) : 0) === 0
            ? "0"
            : `${p.load.non2xx} ${JSON.stringify(p.load.statusCodes)}${p.load.errors ? `, ${p.load.errors} errors` : ""}${p.load.timeouts ? `, ${p.load.timeouts} timeouts` : ""}`,
        ]
      : [p.name, "–", "–", "–", "–", "–", "–", "–", "–", "–", `not run: ${p.skipped ?? ""}`],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    `${run.workers} worker${run.workers === 1 ? "" : "s"}, kept searches and dashboard figures ${run.caches}:`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
  ];
}

export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const r = report.reference;
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");
  const refRps = mean(r.first.requestsPerSecond, r.last.requestsPerSecond);
  return [
    `bare Remix reference (one route, one process): ${fixed(r.first.requestsPerSecond, 0)} req/s first, ${fixed(r.last.requestsPerSecond, 0)} req/s last (ratios use the mean, ${fixed(refRps, 0)}); alone mean ${fixed(r.firstAlone.mean, 2)} / ${fixed(r.lastAlone.mean, 2)} ms, p99 ${fixed(r.firstAlone.p99, 1)} / ${fixed(r.lastAlone.p99, 1)} ms`,
    "",
    `bare Remix reference with the app's ${report.routeTreeReference.routes} route files, on /accessibility: ${fixed(report.routeTreeReference.load.requestsPerSecond, 0)} req/s (${fixed(report.routeTreeReference.load.requestsPerSecond / refRps, 3)} of the one-route reference); alone mean ${fixed(report.routeTreeReference.alone.mean, 2)} ms`,
    "",
    ...report.runs.flatMap((run) => runTable(run, r, report.routeTreeReference)),
    `searches (cycled): ${report.searches.map((s) => `"${s.query}" ${s.moreThan ? "more than " : ""}${s.hits.toLocaleString("en-GB")} hits`).join(", ")}`,
    `database: ${report.engine}, ${report.database.name} (${report.database.orgs.toLocaleString("en-GB")} organisations, ${report.database.requests.toLocaleString("en-GB")} requests, ${report.database.learning.toLocaleString("en-GB")} learning entries${report.database.seededNow ? `, seeded now in ${report.database.seedSeconds.toFixed(0)} s` : ", cached"})`,
    `load: ${report.settings.connections} connections, ${report.settings.warmup} s warm-up + ${report.settings.duration} s per page, from the benchmark process on the same machine; "alone" is the same page with one connection`,
    `machine: ${m.cores} cores (${m.cpu}), Node ${m.node}, load average ${load(m.loadAverageBefore)} before, ${load(m.loadAverageAfter)} after`,
    `command: ${report.command}`,
  ].join("\n");
}
