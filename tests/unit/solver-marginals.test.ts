/**
 * Price of capacity: every offer's "one more place" value from one search over the optimum's
 * residual graph, against an independent optimum with that offer's capacity raised by one
 * (the solver re-run from scratch on hundreds of instances, exhaustive search on tiny ones).
 */
import { describe, expect, it } from "vitest";
import { solveAssignment, type AssignmentInstance } from "~/matching/solver";
import { offerMarginals } from "~/matching/solver/marginals";
import { solveWithFlow } from "~/matching/solver/solve";
import { bruteForce, randomInstance, type Shape } from "../support/solver-instances";

const MANY_INSTANCES = 120_000;

function raised(inst: AssignmentInstance, offer: string): AssignmentInstance {
  return { ...inst, offers: inst.offers.map((o) => (o.id === offer ? { ...o, capacity: o.capacity + 1 } : o)) };
}

function marginalsOf(inst: AssignmentInstance) {
  const { instance, result, flow } = solveWithFlow(inst);
  return { result, marginals: offerMarginals(instance, flow()) };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

const shapes: Record<string, Shape> = {
  "skewed: a few offers wanted by most requests": {
    requests: 40,
    offers: 10,
    maxCandidates: 5,
    demand: [1, 1],
    capacity: [1, 3],
    scores: "decimal",
    skew: 1.5,
  },
  "one offer wanted by nearly everyone": {
    requests: 30,
    offers: 6,
    maxCandidates: 3,
    demand: [1, 1],
    capacity: [1, 2],
    scores: "decimal",
    skew: 3,
  },
  "demand above 1": {
    requests: 25,
    offers: 8,
    maxCandidates: 6,
    demand: [1, 4],
    capacity: [1, 5],
    scores: "decimal",
    skew: 0.8,
  },
  "integer scores with many ties": {
    requests: 30,
    offers: 8,
    maxCandidates: 4,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "integer",
    skew: 1,
  },
  "float arithmetic": {
    requests: 30,
    offers: 8,
    maxCandidates: 4,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "float",
    skew: 1,
  },
  "negative scores, zero demands and capacities": {
    requests: 30,
    offers: 8,
    maxCandidates: 4,
    demand: [0, 2],
    capacity: [0, 3],
    scores: "signed",
    skew: 1,
  },
  "disconnected parts": {
    requests: 15,
    offers: 5,
    maxCandidates: 3,
    demand: [1, 2],
    capacity: [1, 2],
    scores: "decimal",
    skew: 1,
    split: true,
  },
};

describe("one more place on each offer", () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(
      `${name}: equals the re-solved optimum on 50 instances`,
      () => {
        let positive = 0;
        for (let seed = 1; seed <= 50; seed++) {
          const label = `${name}, seed ${seed * 211 + name.length}`;
          const inst = randomInstance(seed * 211 + name.length, shape);
          const { result, marginals } = marginalsOf(inst);
          expect(marginals.map((x) => x.offer)).toEqual(inst.offers.map((o) => o.id));
          for (const x of marginals) {
            const again = solveAssignment(raised(inst, x.offer));
            const expected = again.totalScore - result.totalScore;
            expect(
              close(x.oneMorePlace, Math.max(0, expected)),
              `${label}, offer ${x.offer}: ${x.oneMorePlace} vs ${expected}`,
            ).toBe(true);
            expect(x.moreHelped === 0 || x.moreHelped === 1, label).toBe(true);
            if (x.oneMorePlace === 0) expect(x.moreHelped, label).toBe(0);
            if (x.oneMorePlace > 0) positive++;
          }
        }
        // Instances where a place is worth something are the ones that test the search.
        expect(positive, `${name}: offers whose extra place has a value`).toBeGreaterThan(25);
      },
      MANY_INSTANCES,
    );
  }
});

/** Every optimal assignment's count of requests helped (exhaustive; tiny instances only). */
function optimalHelpedCounts(inst: AssignmentInstance): { best: number; helped: Set<number> } {
  const best = bruteForce(inst);
  const ri = new Map(inst.requests.map((r, i) => [r.id, i]));
  const oi = new Map(inst.offers.map((o, j) => [o.id, j]));
  const demand = inst.requests.map((r) => r.demand);
  const capacity = inst.offers.map((o) => o.capacity);
  const got = inst.requests.map(() => 0);
  const edges = inst.edges
    .filter((e) => e.score > 0)
    .map((e) => ({ r: ri.get(e.request)!, o: oi.get(e.offer)!, s: e.score }));
  const helped = new Set<number>();
  const visit = (k: number, total: number) => {
    if (k === edges.length) {
      if (Math.abs(total - best) <= 1e-9 * Math.max(1, best)) helped.add(got.filter((c) => c > 0).length);
      return;
    }
    visit(k + 1, total);
    const e = edges[k];
    if (demand[e.r] > got[e.r] && capacity[e.o] > 0) {
      got[e.r]++;
      capacity[e.o]--;
      visit(k + 1, total + e.s);
      got[e.r]--;
      capacity[e.o]++;
    }
  };
  visit(0, 0);
  return { best, helped };
}

describe("against exhaustive search (tiny instances)", () => {
  const tiny: Shape[] = [
    { requests: 5, offers: 3, maxCandidates: 3, demand: [1, 1], capacity: [1, 1], scores: "integer", skew: 2 },
    { requests: 4, offers: 3, maxCandidates: 3, demand: [1, 3], capacity: [0, 2], scores: "decimal" },
    { requests: 5, offers: 2, maxCandidates: 2, demand: [1, 2], capacity: [1, 2], scores: "float" },
  ];
  it(
    "gain and requests helped agree with every optimum of the raised instance: 300 instances",
    () => {
      let helpedSome = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const inst = randomInstance(seed * 37, tiny[seed % tiny.length]);
        if (inst.edges.length > 12) inst.edges.length = 12;
        const { result, marginals } = marginalsOf(inst);
        const base = bruteForce(inst);
        for (const x of marginals) {
          const label = `tiny seed ${seed * 37}, offer ${x.offer}`;
          const after = optimalHelpedCounts(raised(inst, x.offer));
          expect(close(x.oneMorePlace, after.best - base), `${label}: ${x.oneMorePlace} vs ${after.best - base}`).toBe(
            true,
          );
          if (x.oneMorePlace > 0) {
            // The optimum it describes exists: some optimal raised assignment helps that many more.
            expect(after.helped.has(result.requestsMatched + x.moreHelped), label).toBe(true);
            if (x.moreHelped === 1) helpedSome++;
          }
        }
      }
      expect(helpedSome, "places that would help a request nobody helps now").toBeGreaterThan(20);
    },
    MANY_INSTANCES,
  );
});

describe("crafted cases", () => {
  it("a full offer with a request waiting: one more place helps it; a spare place is worth nothing", () => {
    const inst: AssignmentInstance = {
      requests: [
        { id: "a", demand: 1 },
        { id: "b", demand: 1 },
        { id: "c", demand: 1 },
      ],
      offers: [
        { id: "popular", capacity: 1 },
        { id: "other", capacity: 1 },
        { id: "spare", capacity: 3 },
      ],
      edges: [
        { request: "a", offer: "popular", score: 5 },
        { request: "b", offer: "popular", score: 4 },
        { request: "b", offer: "other", score: 1 },
        { request: "c", offer: "other", score: 3 },
        { request: "c", offer: "spare", score: 0.5 },
      ],
    };
    // Optimum 5 + 3 (a–popular, c–other), b left out. One more place on popular: b joins (+4).
    // One more on other: b takes it (+1). Spare has free places.
    const { result, marginals } = marginalsOf(inst);
    expect(result.totalScore).toBe(8);
    expect(marginals).toEqual([
      { offer: "popular", oneMorePlace: 4, moreHelped: 1 },
      { offer: "other", oneMorePlace: 1, moreHelped: 1 },
      { offer: "spare", oneMorePlace: 0, moreHelped: 0 },
    ]);
  });

  it("a place that only moves a request up to a better offer helps nobody new", () => {
    const inst: AssignmentInstance = {
      requests: [
        { id: "a", demand: 1 },
        { id: "b", demand: 1 },
      ],
      offers: [
        { id: "best", capacity: 1 },
        { id: "fallback", capacity: 5 },
      ],
      edges: [
        { request: "a", offer: "best", score: 10 },
        { request: "b", offer: "best", score: 9 },
        { request: "a", offer: "fallback", score: 1 },
        { request: "b", offer: "fallback", score: 2 },
      ],
    };
    // a–best 10, b–fallback 2. Another place on best: b moves up, 9 − 2 = 7, nobody new helped.
    const { marginals } = marginalsOf(inst);
    expect(marginals[0]).toEqual({ offer: "best", oneMorePlace: 7, moreHelped: 0 });
    expect(marginals[1]).toEqual({ offer: "fallback", oneMorePlace: 0, moreHelped: 0 });
  });
});
