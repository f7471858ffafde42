/**
 * Solve one assignment instance exactly.
 *
 *   npm run --silent solve -- INSTANCE.json
 *
 * INSTANCE.json: {"requests":[{"id","demand"}],"offers":[{"id","capacity"}],
 *                 "edges":[{"request","offer","score"}]}
 * stdout: {"assignments":[{"request","offer"}],"totalScore":N}
 * A malformed instance or unreadable file: one line on stderr naming the problem, exit code 1
 * (2 for a usage error). All the work is in app/matching/solver; this file only does the I/O.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
  InstanceError,
  parseInstanceJson,
  solveAssignment,
  type CompiledInstance,
  type SolveResult,
} from "../app/matching/solver/index";

const USAGE = "usage: npm run --silent solve -- INSTANCE.json";

export interface SolvedFile {
  instance: CompiledInstance;
  result: SolveResult;
  /** Milliseconds: reading the file, JSON.parse plus validation, solving, and all three. */
  ms: { read: number; parse: number; solve: number; total: number };
}

/** The CLI's whole code path short of printing; the benchmark times exactly this. */
export function solveFile(path: string): SolvedFile {
  const t0 = performance.now();
  const text = readFileSync(path, "utf8");
  const t1 = performance.now();
  const instance = parseInstanceJson(text);
  const t2 = performance.now();
  const result = solveAssignment(instance);
  const t3 = performance.now();
  return { instance, result, ms: { read: t1 - t0, parse: t2 - t1, solve: t3 - t2, total: t3 - t0 } };
}

export function formatResult(result: SolveResult): string {
  return JSON.stringify({ assignments: result.assignments, totalScore: result.totalScore });
}

function main(args: string[]): number {
  if (args.length === 1 && (args[0] === "-h" || args[0] === "--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length !== 1 || args[0].startsWith("-")) {
    process.stderr.write(`solve: ${args.length === 0 ? "missing the instance file" : `expected one file, got ${args.join(" ")}`}\n${USAGE}\n`);
    return 2;
  }
  const path = args[0];
  // A reader that stops early (`| head`) closes the pipe: stop quietly instead of a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") process.stderr.write(`solve: cannot write the result: ${error.message}\n`);
    process.exit(error.code === "EPIPE" ? 0 : 1);
  });
  try {
    const { result } = solveFile(path);
    process.stdout.write(`${formatResult(result)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`solve: ${describeError(path, error)}\n`);
    return 1;
  }
}

function describeError(path: string, error: unknown): string {
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  if (error instanceof InstanceError) return oneLine(`${path}: ${error.message}`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string") {
    const reasons: Record<string, string> = {
      ENOENT: "no such file",
      EACCES: "permission denied",
      EISDIR: "it is a directory",
      ENOTDIR: "a part of the path is not a directory",
    };
    return oneLine(`cannot read ${path}: ${reasons[code] ?? code}`);
  }
  if (error instanceof RangeError && /string length/i.test(error.message)) {
    return oneLine(`cannot read ${path}: the file is too large to hold in memory as text`);
  }
  return oneLine(`internal error: ${error instanceof Error ? error.message : String(error)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
