/**
 * "Why not this pair": the loss from forcing an unchosen eligible pair, from one search over the
 * optimum's residual graph, against re-solving with the pair forced in (the pair's score plus the
 * optimum of the instance without it and with one less unit of demand and capacity), and the
 * changed assignments applied to the optimum must give a feasible solution with exactly that total.
 */
import { describe, expect, it } from "vitest";
import { InstanceError, solveAssignment, type AssignmentInstance } from "~/matching/solver";
import { forcedPairLoss } from "~/matching/solver/forced";
import { solveWithFlow } from "~/matching/solver/solve";
import {
  applyForcedChanges,
  checkSolution,
  randomInstance,
  unchosenEligibleEdges,
  type Shape,
} from "../support/solver-instances";

const MANY_INSTANCES = 120_000;

function forcedOptimum(inst: AssignmentInstance, request: string, offer: string): number {
  const edge = inst.edges.find((e) => e.request === request && e.offer === offer)!;
  const rest: AssignmentInstance = {
    requests: inst.requests.map((r) => (r.id === request ? { ...r, demand: r.demand - 1 } : r)),
    offers: inst.offers.map((o) => (o.id === offer ? { ...o, capacity: o.capacity - 1 } : o)),
    edges: inst.edges.filter((e) => e !== edge),
  };
  return edge.score + solveAssignment(rest).totalScore;
}

const key = (a: { request: string; offer: string }) => `${a.request}\u0000${a.offer}`;

const shapes: Record<string, Shape> = {
  "skewed: a few offers wanted by most requests": {
    requests: 30,
    offers: 8,
    maxCandidates: 5,
    demand: [1, 1],
    capacity: [1, 3],
    scores: "decimal",
    skew: 1.5,
  },
  "demand above 1": {
    requests: 20,
    offers: 8,
    maxCandidates: 6,
    demand: [1, 4],
    capacity: [1, 5],
    scores: "decimal",
    skew: 0.8,
  },
  "integer scores with many ties": {
    requests: 25,
    offers: 8,
    maxCandidates: 4,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "integer",
    skew: 1,
  },
  "float arithmetic": {
    requests: 25,
    offers: 8,
    maxCandidates: 4,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "float",
    skew: 1,
  },
  "negative scores, zero demands and capacities": {
    requests: 25,
    offers: 8,
    maxCandidates: 4,
    demand: [0, 2],
    capacity: [0, 3],
    scores: "signed",
    skew: 1,
  },
};

describe("forcing an unchosen pair", () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(
      `${name}: loss and changes agree with re-solving, 40 instances`,
      () => {
        let costly = 0;
        let pairs = 0;
        for (let seed = 1; seed <= 40; seed++) {
          const label = `${name}, seed ${seed * 389 + name.length}`;
          const inst = randomInstance(seed * 389 + name.length, shape);
          const { instance, result, flow } = solveWithFlow(inst);
          for (const e of unchosenEligibleEdges(inst, result.assignments)) {
            pairs++;
            const what = forcedPairLoss(instance, flow(), e.request, e.offer);
            const expected = result.totalScore - forcedOptimum(inst, e.request, e.offer);
            const at = `${label}, pair ${e.request}–${e.offer}`;
            expect(Math.abs(what.loss - expected), `${at}: ${what.loss} vs ${expected}`).toBeLessThanOrEqual(
              1e-6 * Math.max(1, result.totalScore),
            );
            // The changes applied to the optimum: feasible, contains the pair, loses exactly that.
            expect(what.added[0]).toEqual({ request: e.request, offer: e.offer });
            const { assignments, total } = applyForcedChanges(inst, result.assignments, what, at);
            checkSolution(inst, assignments, total, at);
            expect(Math.abs(result.totalScore - what.loss - total), `${at}: changes total`).toBeLessThanOrEqual(
              1e-6 * Math.max(1, total),
            );
            if (what.loss > 0) costly++;
          }
        }
        expect(costly, `${name}: pairs whose forcing costs something`).toBeGreaterThan(pairs / 4);
      },
      MANY_INSTANCES,
    );
  }
});

describe("crafted cases", () => {
  const inst: AssignmentInstance = {
    requests: [
      { id: "a", demand: 1 },
      { id: "b", demand: 1 },
    ],
    offers: [
      { id: "best", capacity: 1 },
      { id: "fallback", capacity: 1 },
    ],
    edges: [
      { request: "a", offer: "best", score: 10 },
      { request: "b", offer: "best", score: 9 },
      { request: "a", offer: "fallback", score: 1 },
      { request: "b", offer: "fallback", score: 6 },
    ],
  };
  it("names the chain of changes: b on best pushes a to fallback and b off it", () => {
    // Optimum a–best 10 + b–fallback 6 = 16. Forcing b–best: a–fallback 1, total 10, loss 6.
    const { instance, flow } = solveWithFlow(inst);
    const what = forcedPairLoss(instance, flow(), "b", "best");
    expect(what.loss).toBe(6);
    expect(new Set(what.added.map(key))).toEqual(
      new Set([key({ request: "b", offer: "best" }), key({ request: "a", offer: "fallback" })]),
    );
    expect(new Set(what.removed.map(key))).toEqual(
      new Set([key({ request: "a", offer: "best" }), key({ request: "b", offer: "fallback" })]),
    );
  });

  it("a chosen pair costs nothing; unknown ids and ineligible pairs are clear errors", () => {
    const { instance, flow } = solveWithFlow(inst);
    expect(forcedPairLoss(instance, flow(), "a", "best")).toEqual({ loss: 0, added: [], removed: [] });
    expect(() => forcedPairLoss(instance, flow(), "nobody", "best")).toThrow(
      new InstanceError('unknown request "nobody"'),
    );
    expect(() => forcedPairLoss(instance, flow(), "a", "nowhere")).toThrow(
      new InstanceError('unknown offer "nowhere"'),
    );
    const noEdge = solveWithFlow({ ...inst, edges: inst.edges.slice(0, 3) });
    expect(() => forcedPairLoss(noEdge.instance, noEdge.flow(), "b", "fallback")).toThrow(/not an eligible pair/);
  });
});
