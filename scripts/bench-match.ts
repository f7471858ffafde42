/**
 * Benchmark of the exact assignment solver.
 *
 *   npm run bench:match                 # all three sizes, HiGHS reference on the two smaller
 *   npm run bench:match -- --no-lp      # skip HiGHS
 *   npm run bench:match -- --lp-all     # HiGHS on the largest size too (slow)
 *   npm run bench:match -- --runs 5 --only 100k --keep
 *
 * Every run also prices one more place on every offer (`solve --marginals`), timed apart from the
 * solve. The "groups" case adds shared capacity groups (four consecutive offers sharing half their
 * places), which the solver handles on its general network path.
 *
 * Each size is generated with a fixed seed (skewed Zipf popularity: a few offers are wanted by
 * most requests; capacities 1–10; scores with 3 decimals), written to a temporary JSON file, and
 * solved in fresh child processes through the CLI's own code path (read file → parse and validate,
 * with the byte reader from 4 MB and JSON.parse below → solve: scripts/solve.ts solveFile), so
 * times include reading and parsing and peak memory is that process's alone. The real CLI is also run once per size, end to end.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileInstance, solveGreedy, type CompiledInstance, type SolveStats } from "../app/matching/solver/index";
import { generateInstance } from "../app/matching/solver/generate";
import { parseGroupedInstanceJson, type CompiledGroups } from "../app/matching/solver/groups";
import { solveFile } from "./solve";

interface Case {
  name: string;
  requests: number;
  offers: number;
  candidates: number;
  seed: number;
  /** Solve HiGHS as a reference. */
  lp: boolean;
  /** Target for read + parse + validate + solve, ms. */
  targetMs?: number;
  /** Add shared capacity groups. */
  groups?: boolean;
}

const CASES: Case[] = [
  { name: "1k", requests: 1_000, offers: 100, candidates: 10, seed: 1, lp: true },
  { name: "20k", requests: 20_000, offers: 2_000, candidates: 10, seed: 2, lp: true, targetMs: 500 },
  { name: "100k", requests: 100_000, offers: 10_000, candidates: 10, seed: 3, lp: false, targetMs: 2_000 },
  { name: "groups", requests: 2_000, offers: 200, candidates: 10, seed: 4, lp: true, groups: true },
];

/** Four consecutive offers share half of their places (rounded up). */
function addGroups(inst: ReturnType<typeof generateInstance>) {
  const groups: { id: string; capacity: number; offers: string[] }[] = [];
  for (let j = 0; j < inst.offers.length; j += 4) {
    const members = inst.offers.slice(j, j + 4);
    const places = members.reduce((s, o) => s + o.capacity, 0);
    groups.push({
      id: `team-${j / 4}`,
      capacity: Math.max(1, Math.ceil(places / 2)),
      offers: members.map((o) => o.id),
    });
  }
  return { ...inst, groups };
}

/** What one child process reports. */
interface ChildReport {
  ms: { read: number; parse: number; solve: number; total: number; marginals: number };
  maxRssMB: number;
  totalScore: number;
  requestsMatched: number;
  assignments: number;
  stats: SolveStats;
  greedy: { totalScore: number; requestsMatched: number; ms: number };
  /** A second, separate timing of the two halves of parse+validate in the same process. */
  split: { jsonParse: number; validate: number };
}

const script = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const fmt = (x: number, digits = 0) =>
  x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (line: string) => process.stdout.write(`${line}\n`);

function child(file: string): void {
  const { instance, groups, result, ms } = solveFile(file, { marginals: true });
  const maxRssMB = process.resourceUsage().maxRSS / 1024; // before the baseline runs
  const t = performance.now();
  const greedy = solveGreedy(instance, groups);
  const greedyMs = performance.now() - t;
  const text = readFileSync(file, "utf8");
  const t1 = performance.now();
  const value: unknown = JSON.parse(text);
  const t2 = performance.now();
  compileInstance(value);
  const t3 = performance.now();
  const report: ChildReport = {
    ms,
    maxRssMB,
    totalScore: result.totalScore,
    requestsMatched: result.requestsMatched,
    assignments: result.assignments.length,
    stats: result.stats,
    greedy: { totalScore: greedy.totalScore, requestsMatched: greedy.requestsMatched, ms: greedyMs },
    split: { jsonParse: t2 - t1, validate: t3 - t2 },
  };
  process.stdout.write(JSON.stringify(report));
}

function runChild(file: string): ChildReport {
  const run = spawnSync(process.execPath, ["--import", "tsx", script, "--child", file], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`benchmark child failed: ${run.stderr.trim() || `exit ${run.status}`}`);
  return JSON.parse(run.stdout) as ChildReport;
}

/** The real CLI as `npm run solve` runs it, end to end: Node start-up, the compiled command, read, parse, solve, print. */
function runCli(file: string): { ms: number; totalScore: number } {
  const compiled = join(root, "dist/solve.js");
  if (!existsSync(compiled)) execFileSync(process.execPath, [join(root, "scripts/compile.mjs")], { cwd: root });
  const t = performance.now();
  const run = spawnSync(process.execPath, [compiled, file], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`solve CLI failed: ${run.stderr.trim()}`);
  return { ms, totalScore: (JSON.parse(run.stdout) as { totalScore: number }).totalScore };
}

async function highsReference(
  inst: CompiledInstance,
  groups: CompiledGroups | null,
): Promise<{ ms: number; objective: number; status: string }> {
  const highs = await (await import("highs")).default();
  const n = inst.requestIds.length;
  const m = inst.offerIds.length;
  const rows = n + m + (groups?.ids.length ?? 0);
  const t = performance.now();
  const count = inst.edgeScore.length;
  const starts = new Int32Array(count + 1);
  const indexList: number[] = [];
  for (let k = 0; k < count; k++) {
    indexList.push(inst.edgeRequest[k], n + inst.edgeOffer[k]);
    const q = groups ? groups.groupOf[inst.edgeOffer[k]] : -1;
    if (q >= 0) indexList.push(n + m + q);
    starts[k + 1] = indexList.length;
  }
  const indices = Int32Array.from(indexList);
  const rowUpper = new Float64Array(rows);
  rowUpper.set(inst.demand, 0);
  rowUpper.set(inst.capacity, n);
  if (groups) rowUpper.set(groups.capacity, n + m);
  const result = highs.withModel(
    {
      numCols: count,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: inst.edgeScore,
      colLower: new Float64Array(count),
      colUpper: new Float64Array(count).fill(1),
      rowLower: new Float64Array(rows).fill(-highs.infinity),
      rowUpper,
      matrix: {
        format: "csc",
        numRows: rows,
        numCols: count,
        starts,
        indices,
        values: new Float64Array(indices.length).fill(1),
      },
    },
    (model) => {
      model.options.set({ output_flag: false });
      model.run();
      const status = model.getModelStatus();
      return {
        objective: model.getObjectiveValue(),
        status: status === highs.constants.modelStatus.optimal ? "optimal" : `status ${status}`,
      };
    },
  );
  return { ms: performance.now() - t, ...result };
}

const caseLabel = (c: Case) => `${fmt(c.requests)} × ${fmt(c.offers)} × ${c.candidates}${c.groups ? " + groups" : ""}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function table(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

async function main(args: string[]): Promise<number> {
  if (args[0] === "--child") {
    child(args[1]);
    return 0;
  }
  const flag = (name: string) => args.includes(name);
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const runs = Math.max(1, Number(value("--runs") ?? 3));
  const only = value("--only");
  const cases = CASES.filter((c) => !only || only.split(",").includes(c.name));
  const withLp = !flag("--no-lp");
  const dir = mkdtempSync(join(os.tmpdir(), "peerlink-bench-"));
  const cpu = os.cpus();
  log(
    `Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} logical cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  log(`Each size: ${runs} run(s) in fresh processes (median shown), one core each; instances in ${dir}`);

  interface Row {
    c: Case;
    edges: number;
    fileMB: number;
    reports: ChildReport[];
    cli: { ms: number; totalScore: number };
    lp?: { ms: number; objective: number; status: string };
  }
  const rows: Row[] = [];
  try {
    for (const c of cases) {
      const label = `${fmt(c.requests)} × ${fmt(c.offers)} × ${c.candidates}`;
      let t = performance.now();
      log(`· ${label}: generating (seed ${c.seed}, skewed popularity)…`);
      const file = join(dir, `instance-${c.name}.json`);
      let edges: number;
      {
        const plain = generateInstance({
          requests: c.requests,
          offers: c.offers,
          candidates: c.candidates,
          seed: c.seed,
        });
        const inst = c.groups ? addGroups(plain) : plain;
        edges = inst.edges.length;
        writeFileSync(file, JSON.stringify(inst));
      }
      const fileMB = statSync(file).size / 1e6;
      log(`  wrote ${fmt(edges)} edges, ${fmt(fileMB, 1)} MB JSON in ${fmt((performance.now() - t) / 1000, 1)} s`);
      const reports: ChildReport[] = [];
      for (let r = 1; r <= runs; r++) {
        const report = runChild(file);
        reports.push(report);
        log(
          `  run ${r}/${runs}: read+parse+validate ${fmt(report.ms.read + report.ms.parse)} ms, solve ${fmt(report.ms.solve)} ms, total ${fmt(report.ms.total)} ms, then marginals ${fmt(report.ms.marginals)} ms, peak RSS ${fmt(report.maxRssMB)} MB`,
        );
      }
      const cli = runCli(file);
      log(`  CLI end to end (process start to exit, output included): ${fmt(cli.ms)} ms`);
      let lp: Row["lp"];
      if ((c.lp || flag("--lp-all")) && withLp) {
        log("  HiGHS (LP relaxation, integral for bipartite b-matching)…");
        t = performance.now();
        const parsed = parseGroupedInstanceJson(readFileSync(file, "utf8"));
        lp = await highsReference(parsed.instance, parsed.groups);
        log(`  HiGHS: ${lp.status}, ${fmt(lp.ms)} ms`);
      }
      rows.push({ c, edges, fileMB, reports, cli, lp });
    }
  } finally {
    if (flag("--keep")) log(`Instances kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  log("");
  log("Timing (ms; median of the runs; 'total' = read file + parse and validate + solve, as the CLI does;");
  log("the JSON.parse / validate split times the text path in the same process, for information)");
  log(
    table(
      [
        "requests × offers × candidates",
        "edges",
        "JSON MB",
        "read",
        "parse+validate",
        "(JSON.parse",
        "validate)",
        "solve",
        "total",
        "target",
        "met",
        "+marginals",
        "÷ solve",
        "CLI process",
        "peak RSS MB",
      ],
      rows.map(({ c, edges, fileMB, reports, cli }) => {
        const total = median(reports.map((r) => r.ms.total));
        const marginals = median(reports.map((r) => r.ms.marginals));
        return [
          caseLabel(c),
          fmt(edges),
          fmt(fileMB, 1),
          fmt(median(reports.map((r) => r.ms.read))),
          fmt(median(reports.map((r) => r.ms.parse))),
          fmt(median(reports.map((r) => r.split.jsonParse))),
          fmt(median(reports.map((r) => r.split.validate))),
          fmt(median(reports.map((r) => r.ms.solve))),
          fmt(total),
          c.targetMs ? `< ${fmt(c.targetMs)}` : "-",
          c.targetMs ? (total < c.targetMs ? "yes" : "NO") : "-",
          fmt(marginals),
          `${fmt((100 * marginals) / median(reports.map((r) => r.ms.solve)))} %`,
          fmt(cli.ms),
          fmt(Math.max(...reports.map((r) => r.maxRssMB))),
        ];
      }),
    ),
  );
  log("");
  log("Results (the optimum is exact; greedy = highest score first)");
  log(
    table(
      [
        "requests × offers × candidates",
        "optimum",
        "matched",
        "greedy",
        "matched",
        "greedy/optimum",
        "HiGHS ms",
        "HiGHS/solve",
        "HiGHS/total",
        "totals agree",
      ],
      rows.map(({ c, reports, cli, lp }) => {
        const r = reports[0];
        const solve = median(reports.map((x) => x.ms.solve));
        const total = median(reports.map((x) => x.ms.total));
        const same = reports.every((x) => x.totalScore === r.totalScore) && cli.totalScore === r.totalScore;
        const agree = lp ? Math.abs(lp.objective - r.totalScore) <= 1e-6 * Math.max(1, Math.abs(lp.objective)) : true;
        return [
          caseLabel(c),
          fmt(r.totalScore, 3),
          fmt(r.requestsMatched),
          fmt(r.greedy.totalScore, 3),
          fmt(r.greedy.requestsMatched),
          `${fmt((100 * r.greedy.totalScore) / r.totalScore, 2)} %`,
          lp ? fmt(lp.ms) : "-",
          lp ? `${fmt(lp.ms / solve, 0)}×` : "-",
          lp ? `${fmt(lp.ms / total, 1)}×` : "-",
          !same
            ? "NO (runs differ)"
            : lp
              ? agree
                ? `yes (LP ${fmt(lp.objective, 3)})`
                : `NO (LP ${lp.objective})`
              : "runs and CLI agree",
        ];
      }),
    ),
  );
  log("");
  log("Inside the solver (first run)");
  log(
    table(
      [
        "requests × offers × candidates",
        "arithmetic",
        "auction bids",
        "left to exact",
        "tight placed",
        "searches",
        "certificate gap",
        "prepare",
        "auction",
        "exact",
      ],
      rows.map(({ c, reports }) => {
        const s = reports[0].stats;
        return [
          caseLabel(c),
          s.arithmetic === "integer" ? `integer (×${fmt(s.scale)})` : "float",
          fmt(s.auctionBids),
          fmt(s.auctionLeftOver),
          fmt(s.tightPlaced),
          fmt(s.forwardSearches + s.reverseSearches),
          String(s.gap),
          `${fmt(s.ms.prepare)} ms`,
          `${fmt(s.ms.auction)} ms`,
          `${fmt(s.ms.exact)} ms`,
        ];
      }),
    ),
  );
  const failed = rows.some(({ c, reports, lp }) => {
    const total = median(reports.map((r) => r.ms.total));
    const disagree = lp && Math.abs(lp.objective - reports[0].totalScore) > 1e-6 * Math.max(1, Math.abs(lp.objective));
    return (c.targetMs !== undefined && total >= c.targetMs) || disagree;
  });
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench-match: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
