/**
 * The solver's total against independent exact optima: exhaustive search on tiny instances, and
 * the linear program solved by HiGHS on larger ones (the LP relaxation of bipartite b-matching is
 * integral, so its optimum is the integer optimum). Every instance comes from a printed seed.
 */
import highsLoader from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileInstance, solveAssignment, solveGreedy, type AssignmentInstance } from "~/matching/solver";
import { mulberry32 } from "~/matching/solver/generate";
import { buildGraph } from "~/matching/solver/graph";
import { certify } from "~/matching/solver/certificate";
import { solveExact } from "~/matching/solver/ssp";
import {
  bruteForce,
  checkSolution,
  lpOptimum as lpWith,
  randomInstance,
  type Highs,
  type Shape,
} from "../support/solver-instances";

/**
 * Loops over many instances: a second or two on a quiet machine, several times that on a loaded
 * 2-core one. Correctness is what these tests check, so the limit is only a guard against hangs.
 */
const MANY_INSTANCES = 120_000;

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

const lpOptimum = (inst: AssignmentInstance) => lpWith(highs, inst);

function expectOptimal(inst: AssignmentInstance, expected: number, label: string) {
  const result = solveAssignment(inst);
  checkSolution(inst, result.assignments, result.totalScore, label);
  const tolerance = 1e-7 * Math.max(1, Math.abs(expected));
  expect(
    Math.abs(result.totalScore - expected),
    `${label}: solver ${result.totalScore}, optimum ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
  // The solver's own certificate must agree: no gap at all when it worked on integers.
  if (result.stats.arithmetic === "integer") expect(result.stats.gap, `${label}: certificate gap`).toBe(0);
  else
    expect(result.stats.gap, `${label}: certificate gap`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  return result;
}

const tinyShapes: Shape[] = [
  { requests: 3, offers: 3, maxCandidates: 3, demand: [1, 1], capacity: [1, 1], scores: "integer" },
  { requests: 4, offers: 3, maxCandidates: 3, demand: [0, 2], capacity: [0, 2], scores: "decimal" },
  { requests: 5, offers: 2, maxCandidates: 2, demand: [1, 2], capacity: [1, 3], scores: "float" },
  { requests: 4, offers: 4, maxCandidates: 3, demand: [1, 3], capacity: [0, 2], scores: "signed" },
  { requests: 6, offers: 3, maxCandidates: 2, demand: [1, 1], capacity: [1, 2], scores: "integer", skew: 2 },
];

describe("exactness against exhaustive search (tiny instances)", () => {
  it(
    "matches the brute-force optimum on 800 instances",
    () => {
      // The comparison only proves something if the instances are ones where a plausible but
      // inexact method goes wrong: count those where highest-score-first falls short of the optimum.
      let greedyShort = 0;
      let nonEmpty = 0;
      for (let seed = 1; seed <= 800; seed++) {
        const shape = tinyShapes[seed % tinyShapes.length];
        const inst = randomInstance(seed, shape);
        if (inst.edges.length > 14) inst.edges.length = 14; // keep the search at 2^14 subsets or fewer
        const optimum = bruteForce(inst);
        expectOptimal(inst, optimum, `tiny seed ${seed} (${shape.scores})`);
        if (optimum > 0) nonEmpty++;
        if (solveGreedy(inst).totalScore < optimum - 1e-9) greedyShort++;
      }
      expect(nonEmpty, "instances with something to assign").toBeGreaterThan(600);
      expect(greedyShort, "instances where greedy is not optimal").toBeGreaterThan(20);
    },
    MANY_INSTANCES,
  );
});

const lpShapes: Record<string, Shape> = {
  "skewed: a few offers wanted by most requests": {
    requests: 200,
    offers: 40,
    maxCandidates: 6,
    demand: [1, 1],
    capacity: [1, 4],
    scores: "decimal",
    skew: 1.2,
  },
  "demand above 1": {
    requests: 120,
    offers: 30,
    maxCandidates: 8,
    demand: [1, 4],
    capacity: [1, 6],
    scores: "decimal",
    skew: 0.7,
  },
  "zero capacities and zero demands": {
    requests: 150,
    offers: 40,
    maxCandidates: 6,
    demand: [0, 2],
    capacity: [0, 3],
    scores: "decimal",
    skew: 0.5,
  },
  "negative and zero scores": {
    requests: 150,
    offers: 30,
    maxCandidates: 6,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "signed",
    skew: 1,
  },
  "fractional scores in float arithmetic": {
    requests: 200,
    offers: 40,
    maxCandidates: 6,
    demand: [1, 2],
    capacity: [1, 4],
    scores: "float",
    skew: 1,
  },
  "integer scores with many ties": {
    requests: 200,
    offers: 30,
    maxCandidates: 6,
    demand: [1, 2],
    capacity: [1, 5],
    scores: "integer",
    skew: 1,
  },
  "disconnected parts": {
    requests: 80,
    offers: 20,
    maxCandidates: 5,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "decimal",
    skew: 1,
    split: true,
  },
  "large capacities": {
    requests: 300,
    offers: 8,
    maxCandidates: 4,
    demand: [1, 1],
    capacity: [10, 60],
    scores: "integer",
    skew: 1,
  },
};

describe("exactness against the LP optimum (HiGHS)", () => {
  for (const [name, shape] of Object.entries(lpShapes)) {
    it(
      `${name}: 40 instances`,
      () => {
        for (let seed = 1; seed <= 40; seed++) {
          const inst = randomInstance(seed * 7919 + name.length, shape);
          const result = expectOptimal(inst, lpOptimum(inst), `${name}, seed ${seed * 7919 + name.length}`);
          if (shape.scores === "float") expect(result.stats.arithmetic).toBe("float");
          if (shape.scores === "decimal" || shape.scores === "integer") expect(result.stats.arithmetic).toBe("integer");
        }
      },
      MANY_INSTANCES,
    );
  }

  it(
    "medium skewed instances (3,000 requests × 300 offers): 4 instances",
    () => {
      for (let seed = 1; seed <= 4; seed++) {
        const shape: Shape = {
          requests: 3000,
          offers: 300,
          maxCandidates: 10,
          demand: [1, 1],
          capacity: [1, 10],
          scores: seed % 2 ? "decimal" : "float",
          skew: 1,
        };
        const inst = randomInstance(seed * 31, shape);
        expectOptimal(inst, lpOptimum(inst), `medium seed ${seed * 31}`);
      }
    },
    MANY_INSTANCES,
  );
});

describe("the exact phase alone", () => {
  // Any prices p ≥ 0 and any partial assignment are a valid start for the shortest-path phase;
  // random ones exercise paths the auction's warm start rarely needs (deficits, reverse searches).
  it(
    "reaches the LP optimum from random prices and assignments: 120 instances",
    () => {
      const shapes = Object.values(lpShapes);
      let reverse = 0;
      for (let seed = 1; seed <= 120; seed++) {
        const shape = { ...shapes[seed % shapes.length], requests: 60 };
        const inst = randomInstance(seed * 104729, shape);
        const g = buildGraph(compileInstance(inst));
        const rnd = mulberry32(seed);
        const price = Float64Array.from({ length: g.m }, () => (rnd() < 0.5 ? 0 : rnd() * g.maxCost));
        if (g.integral) price.forEach((v, j) => (price[j] = Math.round(v)));
        const held = Uint8Array.from({ length: g.cost.length }, () => (rnd() < 0.3 ? 1 : 0));
        const exact = solveExact(g, price, held);
        reverse += exact.reverseSearches;
        const cert = certify(g, exact.held, exact.u, exact.p);
        const expected = lpOptimum(inst);
        const label = `exact phase, seed ${seed * 104729}`;
        expect(Math.abs(cert.primal / g.scale - expected), label).toBeLessThanOrEqual(1e-7 * Math.max(1, expected));
        expect(cert.dual - cert.primal, `${label}: certificate`).toBeLessThanOrEqual(1e-9 * Math.max(1, cert.dual));
        const assignments = [...exact.held].flatMap((h, e) =>
          h === 1 ? [{ request: inst.edges[g.edge[e]].request, offer: inst.edges[g.edge[e]].offer }] : [],
        );
        checkSolution(inst, assignments, cert.primal / g.scale, label);
      }
      expect(reverse, "random starts should need some reverse searches").toBeGreaterThan(0);
    },
    MANY_INSTANCES,
  );

  it(
    "gives the same optimum without the auction's warm start: 60 instances",
    () => {
      const shapes = Object.values(lpShapes);
      for (let seed = 1; seed <= 60; seed++) {
        const inst = randomInstance(seed * 613, shapes[seed % shapes.length]);
        const warm = solveAssignment(inst);
        const cold = solveAssignment(inst, { warmStart: false });
        expect(Math.abs(warm.totalScore - cold.totalScore), `seed ${seed * 613}`).toBeLessThanOrEqual(
          1e-7 * Math.max(1, cold.totalScore),
        );
      }
    },
    MANY_INSTANCES,
  );

  it(
    "finishes exactly when the auction is cut short: 60 instances",
    () => {
      const shapes = Object.values(lpShapes);
      for (let seed = 1; seed <= 60; seed++) {
        const inst = randomInstance(seed * 337, shapes[seed % shapes.length]);
        const result = solveAssignment(inst, { maxAuctionBids: seed % 7 });
        const expected = lpOptimum(inst);
        expect(Math.abs(result.totalScore - expected), `seed ${seed * 337}`).toBeLessThanOrEqual(
          1e-7 * Math.max(1, expected),
        );
      }
    },
    MANY_INSTANCES,
  );
});
