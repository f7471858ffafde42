/**
 * The command line: `tsx scripts/solve.ts FILE` prints one JSON object; a malformed instance or a
 * bad argument gets one clear line on stderr, a non-zero exit and never a stack trace.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "solve-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function solve(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(root, "scripts/solve.ts"), ...args],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let counter = 0;
function file(content: unknown): string {
  const path = join(dir, `instance-${++counter}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

/** r1 takes X (0.9) only if r2 has nowhere to go: the optimum is r1–Y + r2–X = 1.65, not 0.9. */
const small = {
  requests: [
    { id: "r1", demand: 1 },
    { id: "r2", demand: 1 },
    { id: "r3", demand: 2 },
  ],
  offers: [
    { id: "X", capacity: 1 },
    { id: "Y", capacity: 1 },
    { id: "Z", capacity: 5 },
  ],
  edges: [
    { request: "r1", offer: "X", score: 0.9 },
    { request: "r1", offer: "Y", score: 0.8 },
    { request: "r2", offer: "X", score: 0.85 },
    { request: "r3", offer: "Z", score: 0.125 },
    { request: "r3", offer: "Y", score: -2 },
  ],
};

function expectCleanFailure(run: Run, message: string) {
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/^\s{4}at /m);
  expect(run.stderr.trim().split("\n")[0]).toContain(message);
}

// Each test starts a Node process with tsx; on a loaded 2-core machine that alone can take seconds.
describe.concurrent("solve CLI", { timeout: 60_000 }, () => {
  it("prints exactly one JSON object with the optimal assignment", async () => {
    const run = await solve([file(small)]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(run.stdout) as { assignments: { request: string; offer: string }[]; totalScore: number };
    expect(Object.keys(out)).toEqual(["assignments", "totalScore"]);
    const pairs = out.assignments.map((a) => `${a.request}-${a.offer}`).sort();
    expect(pairs).toEqual(["r1-Y", "r2-X", "r3-Z"]);
    expect(out.totalScore).toBeCloseTo(0.8 + 0.85 + 0.125, 12);
  });

  it("prints the total unrounded", async () => {
    const run = await solve([
      file({
        requests: [{ id: "a", demand: 2 }],
        offers: [
          { id: "x", capacity: 1 },
          { id: "y", capacity: 1 },
        ],
        edges: [
          { request: "a", offer: "x", score: 0.1 },
          { request: "a", offer: "y", score: 0.2 },
        ],
      }),
    ]);
    expect(JSON.parse(run.stdout).totalScore).toBe(0.1 + 0.2);
  });

  const malformed: [string, unknown, string][] = [
    ["text that is not JSON", '{"requests": [', "not valid JSON"],
    [
      "a top-level array",
      [1, 2],
      'instance: expected an object with "requests", "offers" and "edges" arrays, got an array',
    ],
    ["missing edges", { requests: [], offers: [] }, "edges: expected an array, got nothing (the field is missing)"],
    ["a request without an id", { ...small, requests: [{ demand: 1 }] }, "requests[0].id: expected a non-empty string"],
    [
      "a numeric request id",
      { ...small, requests: [{ id: 7, demand: 1 }] },
      "requests[0].id: expected a non-empty string, got 7",
    ],
    [
      "a negative demand",
      { ...small, requests: [...small.requests, { id: "r4", demand: -1 }] },
      "requests[3].demand: expected a non-negative integer, got -1",
    ],
    [
      "a fractional capacity",
      { ...small, offers: [{ id: "X", capacity: 1.5 }] },
      "offers[0].capacity: expected a non-negative integer, got 1.5",
    ],
    [
      "a capacity given as text",
      { ...small, offers: [{ id: "X", capacity: "2" }] },
      'offers[0].capacity: expected a non-negative integer, got the string "2"',
    ],
    [
      "an unknown offer in an edge",
      { ...small, edges: [...small.edges, { request: "r1", offer: "Q", score: 1 }] },
      'edges[5].offer: unknown offer "Q"',
    ],
    [
      "an unknown request in an edge",
      { ...small, edges: [{ request: "nobody", offer: "X", score: 1 }] },
      'edges[0].request: unknown request "nobody"',
    ],
    [
      "a score that is not a number",
      { ...small, edges: [{ request: "r1", offer: "X", score: "high" }] },
      'edges[0].score: expected a finite number, got the string "high"',
    ],
    [
      "an infinite score",
      '{"requests":[{"id":"a","demand":1}],"offers":[{"id":"x","capacity":1}],"edges":[{"request":"a","offer":"x","score":1e999}]}',
      "edges[0].score: expected a finite number, got Infinity",
    ],
    [
      "duplicate request ids",
      { ...small, requests: [...small.requests, { id: "r2", demand: 1 }] },
      'requests[3].id: duplicate request id "r2" (also requests[1])',
    ],
    [
      "duplicate offer ids",
      { ...small, offers: [...small.offers, { id: "X", capacity: 1 }] },
      'offers[3].id: duplicate offer id "X" (also offers[0])',
    ],
    [
      "a pair given twice",
      { ...small, edges: [...small.edges, { request: "r2", offer: "X", score: 0.1 }] },
      'edges[5]: duplicate pair (request "r2", offer "X"), also edges[2]',
    ],
  ];
  for (const [name, content, message] of malformed) {
    it(`rejects ${name}`, async () => {
      const path = file(content);
      const run = await solve([path]);
      expectCleanFailure(run, message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.code).toBe(1);
    });
  }

  it("with --marginals, prices one more place on every offer", async () => {
    const run = await solve(["--marginals", file(small)]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { totalScore: number; offerMarginals: unknown };
    expect(output.totalScore).toBeCloseTo(1.775, 12);
    // One more place on X lets r1 move up from Y (0.9 − 0.8); nobody else wants Y or Z.
    expect(output.offerMarginals).toEqual([
      { offer: "X", oneMorePlace: 0.1, moreHelped: 0 },
      { offer: "Y", oneMorePlace: 0, moreHelped: 0 },
      { offer: "Z", oneMorePlace: 0, moreHelped: 0 },
    ]);
  });

  it("honours shared capacity groups and prices their places", async () => {
    // X and Y share one place: r1–X (0.9) is its best use, plus r3–Z (0.125).
    const grouped = { ...small, groups: [{ id: "pair", capacity: 1, offers: ["X", "Y"] }] };
    const run = await solve(["--marginals", file(grouped)]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { totalScore: number; assignments: unknown[]; groupMarginals: unknown };
    expect(output.totalScore).toBeCloseTo(1.025, 12);
    expect(output.assignments).toContainEqual({ request: "r1", offer: "X" });
    // A second shared place lets r2 in on X while r1 moves to Y: 0.8 + 0.85 − 0.9.
    expect(output.groupMarginals).toEqual([{ group: "pair", oneMorePlace: 0.75, moreHelped: 1 }]);
  });

  it("rejects an offer in two groups with one line", async () => {
    const grouped = {
      ...small,
      groups: [
        { id: "a", capacity: 1, offers: ["X"] },
        { id: "b", capacity: 2, offers: ["X"] },
      ],
    };
    const run = await solve([file(grouped)]);
    expectCleanFailure(run, 'groups[1].offers[0]: offer "X" is already in group "a"');
    expect(run.code).toBe(1);
  });

  it("rejects an unknown option with usage", async () => {
    const run = await solve(["--fast", file(small)]);
    expectCleanFailure(run, "unknown option --fast");
    expect(run.code).toBe(2);
  });

  it("rejects a missing file argument with usage", async () => {
    const run = await solve([]);
    expectCleanFailure(run, "missing the instance file");
    expect(run.stderr).toContain("usage: npm run --silent solve -- [--marginals] INSTANCE.json");
    expect(run.code).toBe(2);
  });

  it("rejects an unreadable file", async () => {
    const run = await solve([join(dir, "no-such-file.json")]);
    expectCleanFailure(run, "no-such-file.json: no such file");
    expect(run.code).toBe(1);
  });

  it("rejects a directory", async () => {
    const run = await solve([dir]);
    expectCleanFailure(run, "it is a directory");
  });
});
