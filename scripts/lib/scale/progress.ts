import cliProgress from "cli-progress";

export interface PhaseReport {
  name: string;
  items: number;
  rows: number;
  ms: number;
}

export interface PhaseRun {
  /** Items finished since the last call. */
  advance(done: number): void;
}

/**
 * One bar per phase on a terminal; elsewhere (pipes, CI, tests) one line per finished phase.
 * Silent when given no stream. Keeps each phase's items, rows and time for the summary.
 */
export class Progress {
  readonly reports: PhaseReport[] = [];

  constructor(private readonly stream: NodeJS.WriteStream | null = process.stderr) {}

  /** `run` returns the rows it wrote. */
  async phase(name: string, total: number, run: (phase: PhaseRun) => Promise<number>): Promise<void> {
    const started = performance.now();
    const bar =
      this.stream?.isTTY === true
        ? new cliProgress.SingleBar(
            {
              stream: this.stream,
              format: `${name.padEnd(24)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
              hideCursor: true,
              etaBuffer: 50,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
    bar?.start(Math.max(total, 1), 0);
    let items = 0;
    let rows = 0;
    try {
      rows = await run({
        advance: (done) => {
          items += done;
          bar?.update(Math.min(items, Math.max(total, 1)));
        },
      });
    } finally {
      if (bar) {
        bar.update(Math.max(total, 1));
        bar.stop();
      }
    }
    const ms = performance.now() - started;
    this.reports.push({ name, items, rows, ms });
    if (this.stream && !this.stream.isTTY)
      this.stream.write(
        `${name}: ${items.toLocaleString("en-GB")} (${rows.toLocaleString("en-GB")} rows) in ${(ms / 1000).toFixed(1)} s\n`,
      );
  }
}

const number = (value: number) => value.toLocaleString("en-GB");

/** The closing table: what each phase made, how many rows that took, and how long. */
export function formatSummary(reports: readonly PhaseReport[], totalMs: number): string {
  const lines = [`${"phase".padEnd(24)} ${"items".padStart(10)} ${"rows".padStart(11)} ${"seconds".padStart(8)}`];
  for (const r of reports)
    lines.push(
      `${r.name.padEnd(24)} ${number(r.items).padStart(10)} ${number(r.rows).padStart(11)} ${(r.ms / 1000).toFixed(1).padStart(8)}`,
    );
  const rows = reports.reduce((sum, r) => sum + r.rows, 0);
  lines.push(
    `${"total".padEnd(24)} ${"".padStart(10)} ${number(rows).padStart(11)} ${(totalMs / 1000).toFixed(1).padStart(8)}`,
  );
  return lines.join("\n");
}
