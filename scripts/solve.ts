/**
 * Solve one assignment instance exactly.
 *
 *   npm run --silent solve -- [--marginals] INSTANCE.json
 *
 * INSTANCE.json: {"requests":[{"id","demand"}],"offers":[{"id","capacity"}],
 *                 "edges":[{"request","offer","score"}],
 *                 "groups":[{"id","capacity","offers":[ids]}] (optional: shared capacity)}
 * stdout: {"assignments":[{"request","offer"}],"totalScore":N}
 *         with --marginals also "offerMarginals":[{"offer","oneMorePlace","moreHelped"}]: for
 *         every offer, the rise in the optimum from one more place and the requests it would
 *         newly help.
 * A malformed instance or unreadable file: one line on stderr naming the problem, exit code 1
 * (2 for a usage error). All the work is in app/matching/solver; this file only does the I/O.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { InstanceError, type CompiledInstance, type SolveResult } from "../app/matching/solver/index";
import { parseInstanceBytes, type ParsedInstance } from "../app/matching/solver/fast-parse";
import { parseGroupedInstanceJson, type CompiledGroups } from "../app/matching/solver/groups";
import { offerMarginals, type OfferMarginal } from "../app/matching/solver/marginals";
import { solveWithGroups, type GroupMarginal } from "../app/matching/solver/network";
import { solveWithFlow } from "../app/matching/solver/solve";

const USAGE = "usage: npm run --silent solve -- [--marginals] INSTANCE.json";

export interface SolveFileOptions {
  /** Also price one more place on every offer. */
  marginals?: boolean;
}

export interface SolvedFile {
  instance: CompiledInstance;
  groups: CompiledGroups | null;
  result: SolveResult;
  offerMarginals?: OfferMarginal[];
  /** Only when the instance has groups. */
  groupMarginals?: GroupMarginal[];
  /** Milliseconds: reading the file, parsing plus validation, solving, all three, and then marginals. */
  ms: { read: number; parse: number; solve: number; marginals: number; total: number };
}

/** The CLI's whole code path short of printing; the benchmark times exactly this. */
export function solveFile(path: string, options: SolveFileOptions = {}): SolvedFile {
  const t0 = performance.now();
  const bytes = readFileSync(path);
  const t1 = performance.now();
  const { instance, groups } = parseInstanceFile(bytes);
  const t2 = performance.now();
  if (groups && groups.ids.length > 0) {
    const grouped = solveWithGroups(instance, groups);
    const t3 = performance.now();
    const marginals = options.marginals ? grouped.marginals() : undefined;
    const t4 = performance.now();
    return {
      instance,
      groups,
      result: grouped.result,
      offerMarginals: marginals?.offers,
      groupMarginals: marginals?.groups,
      ms: { read: t1 - t0, parse: t2 - t1, solve: t3 - t2, total: t3 - t0, marginals: t4 - t3 },
    };
  }
  const { result, flow } = solveWithFlow(instance);
  const t3 = performance.now();
  const marginals = options.marginals ? offerMarginals(instance, flow()) : undefined;
  const t4 = performance.now();
  return {
    instance,
    groups: null,
    result,
    offerMarginals: marginals,
    ms: { read: t1 - t0, parse: t2 - t1, solve: t3 - t2, total: t3 - t0, marginals: t4 - t3 },
  };
}

/**
 * Below this size JSON.parse (native code) is quicker than the byte reader, which runs mostly
 * unoptimised until V8 has compiled it; above it the reader wins, and keeps memory down.
 */
export const FAST_PARSE_FROM_BYTES = 4 * 1024 * 1024;

/**
 * The instance in a file's bytes: read straight into typed arrays when the file is large and
 * well formed; anything else goes through the text path, which gives the one-line InstanceError.
 */
export function parseInstanceFile(bytes: Buffer, fastFrom = FAST_PARSE_FROM_BYTES): ParsedInstance {
  const fast = bytes.length >= fastFrom ? parseInstanceBytes(bytes) : null;
  return fast ?? parseGroupedInstanceJson(bytes.toString("utf8"));
}

export function formatResult(
  result: SolveResult,
  marginals?: OfferMarginal[],
  groupMarginals?: GroupMarginal[],
): string {
  const output: Record<string, unknown> = { assignments: result.assignments, totalScore: result.totalScore };
  if (marginals) output.offerMarginals = marginals;
  if (groupMarginals) output.groupMarginals = groupMarginals;
  return JSON.stringify(output);
}

function main(args: string[]): number {
  if (args.length === 1 && (args[0] === "-h" || args[0] === "--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const marginals = args.includes("--marginals");
  const files = args.filter((a) => a !== "--marginals");
  if (files.length !== 1 || files[0].startsWith("-")) {
    const problem =
      files.length === 0
        ? "missing the instance file"
        : files.find((a) => a.startsWith("-"))
          ? `unknown option ${files.find((a) => a.startsWith("-"))}`
          : `expected one file, got ${files.join(" ")}`;
    process.stderr.write(`solve: ${problem}\n${USAGE}\n`);
    return 2;
  }
  const path = files[0];
  // A reader that stops early (`| head`) closes the pipe: stop quietly instead of a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") process.stderr.write(`solve: cannot write the result: ${error.message}\n`);
    process.exit(error.code === "EPIPE" ? 0 : 1);
  });
  try {
    const solved = solveFile(path, { marginals });
    process.stdout.write(`${formatResult(solved.result, solved.offerMarginals, solved.groupMarginals)}\n`);
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
