/**
 * The solver's total against independent exact optima: exhaustive search on tiny instances, and
 * the linear program solved by HiGHS on larger ones (the LP relaxation of bipartite b-matching is
 * integral, so its optimum is the integer optimum). Every instance comes from a printed seed.
 */
import highsLoader from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileInstance, solveAssignment, type AssignmentInstance } from "~/matching/solver";
import { mulberry32 } from "~/matching/solver/generate";
import { buildGraph } from "~/matching/solver/graph";
import { certify } from "~/matching/solver/certificate";
import { solveExact } from "~/matching/solver/ssp";

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

type Scores = "integer" | "decimal" | "float" | "signed";
interface Shape {
  requests: number;
  offers: number;
  /** Candidate offers per request: uniform in [0, maxCandidates]. */
  maxCandidates: number;
  demand: [number, number];
  capacity: [number, number];
  scores: Scores;
  /** Zipf exponent of offer popularity (0 = uniform). */
  skew?: number;
  /** Two independent halves with no edge between them. */
  split?: boolean;
}

function randomInstance(seed: number, shape: Shape): AssignmentInstance {
  if (shape.split) {
    const a = randomInstance(seed * 2 + 1, { ...shape, split: false });
    const b = randomInstance(seed * 2 + 2, { ...shape, split: false });
    const tag = (inst: AssignmentInstance, t: string): AssignmentInstance => ({
      requests: inst.requests.map((r) => ({ ...r, id: t + r.id })),
      offers: inst.offers.map((o) => ({ ...o, id: t + o.id })),
      edges: inst.edges.map((e) => ({ ...e, request: t + e.request, offer: t + e.offer })),
    });
    const x = tag(a, "a");
    const y = tag(b, "b");
    return { requests: [...x.requests, ...y.requests], offers: [...x.offers, ...y.offers], edges: [...x.edges, ...y.edges] };
  }
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const m = shape.offers;
  const weights = Array.from({ length: m }, (_, r) => 1 / Math.pow(r + 1, shape.skew ?? 0));
  const total = weights.reduce((s, w) => s + w, 0);
  const pick = () => {
    let x = rnd() * total;
    for (let j = 0; j < m; j++) {
      x -= weights[j];
      if (x <= 0) return j;
    }
    return m - 1;
  };
  const score = (): number => {
    switch (shape.scores) {
      case "integer":
        return int(1, 4); // many ties
      case "decimal":
        return int(0, 1000) / 100;
      case "float":
        return rnd() * 10 + rnd() * 1e-7; // full binary fractions: float arithmetic
      case "signed":
        return rnd() < 0.3 ? -int(0, 500) / 100 : int(0, 500) / 100; // negative and zero scores too
    }
  };
  const requests = Array.from({ length: shape.requests }, (_, i) => ({ id: `r${i}`, demand: int(...shape.demand) }));
  const offers = Array.from({ length: m }, (_, j) => ({ id: `o${j}`, capacity: int(...shape.capacity) }));
  const edges: AssignmentInstance["edges"] = [];
  for (let i = 0; i < shape.requests; i++) {
    const chosen = new Set<number>();
    const want = int(0, Math.min(shape.maxCandidates, m));
    for (let tries = 0; chosen.size < want && tries < 20 * want; tries++) chosen.add(pick());
    for (const j of chosen) edges.push({ request: `r${i}`, offer: `o${j}`, score: score() });
  }
  // Shuffle so that edges of one request are not always adjacent.
  for (let k = edges.length - 1; k > 0; k--) {
    const s = Math.floor(rnd() * (k + 1));
    [edges[k], edges[s]] = [edges[s], edges[k]];
  }
  return { requests, offers, edges };
}

/** Exhaustive: every subset of edges that respects demands and capacities. */
function bruteForce(inst: AssignmentInstance): number {
  const ri = new Map(inst.requests.map((r, i) => [r.id, i]));
  const oi = new Map(inst.offers.map((o, j) => [o.id, j]));
  const demand = inst.requests.map((r) => r.demand);
  const capacity = inst.offers.map((o) => o.capacity);
  const edges = inst.edges.map((e) => ({ r: ri.get(e.request)!, o: oi.get(e.offer)!, s: e.score }));
  let best = 0;
  const visit = (k: number, total: number) => {
    if (k === edges.length) {
      if (total > best) best = total;
      return;
    }
    visit(k + 1, total);
    const e = edges[k];
    if (demand[e.r] > 0 && capacity[e.o] > 0) {
      demand[e.r]--;
      capacity[e.o]--;
      visit(k + 1, total + e.s);
      demand[e.r]++;
      capacity[e.o]++;
    }
  };
  visit(0, 0);
  return best;
}

/** max Σ score·x  s.t.  Σ_request x ≤ demand, Σ_offer x ≤ capacity, 0 ≤ x ≤ 1 (all edges). */
function lpOptimum(inst: AssignmentInstance): number {
  const n = inst.requests.length;
  const m = inst.offers.length;
  const count = inst.edges.length;
  if (count === 0) return 0;
  const ri = new Map(inst.requests.map((r, i) => [r.id, i]));
  const oi = new Map(inst.offers.map((o, j) => [o.id, j]));
  const starts = new Int32Array(count + 1);
  const indices = new Int32Array(2 * count);
  const colCost = new Float64Array(count);
  inst.edges.forEach((e, k) => {
    starts[k + 1] = 2 * (k + 1);
    indices[2 * k] = ri.get(e.request)!;
    indices[2 * k + 1] = n + oi.get(e.offer)!;
    colCost[k] = e.score;
  });
  const rowUpper = new Float64Array(n + m);
  inst.requests.forEach((r, i) => (rowUpper[i] = r.demand));
  inst.offers.forEach((o, j) => (rowUpper[n + j] = o.capacity));
  return highs.withModel(
    {
      numCols: count,
      numRows: n + m,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(count),
      colUpper: new Float64Array(count).fill(1),
      rowLower: new Float64Array(n + m).fill(-highs.infinity),
      rowUpper,
      matrix: { format: "csc", numRows: n + m, numCols: count, starts, indices, values: new Float64Array(2 * count).fill(1) },
    },
    (model) => {
      model.options.set({ output_flag: false });
      model.run();
      const status = model.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS status ${status}`);
      return model.getObjectiveValue();
    },
  );
}

/** Feasibility and the reported total, checked from the instance alone. */
function checkSolution(inst: AssignmentInstance, assignments: { request: string; offer: string }[], totalScore: number, label: string) {
  const score = new Map(inst.edges.map((e) => [`${e.request}\u0000${e.offer}`, e.score]));
  const demand = new Map(inst.requests.map((r) => [r.id, r.demand]));
  const capacity = new Map(inst.offers.map((o) => [o.id, o.capacity]));
  const pairs = new Set<string>();
  let sum = 0;
  for (const a of assignments) {
    const key = `${a.request}\u0000${a.offer}`;
    expect(score.has(key), `${label}: ${a.request}–${a.offer} is not an edge`).toBe(true);
    expect(pairs.has(key), `${label}: ${a.request}–${a.offer} chosen twice`).toBe(false);
    pairs.add(key);
    sum += score.get(key)!;
    demand.set(a.request, demand.get(a.request)! - 1);
    capacity.set(a.offer, capacity.get(a.offer)! - 1);
  }
  for (const [id, left] of demand) expect(left, `${label}: request ${id} over its demand`).toBeGreaterThanOrEqual(0);
  for (const [id, left] of capacity) expect(left, `${label}: offer ${id} over its capacity`).toBeGreaterThanOrEqual(0);
  expect(Math.abs(sum - totalScore), `${label}: totalScore is not the sum of the chosen scores`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sum)));
}

function expectOptimal(inst: AssignmentInstance, expected: number, label: string) {
  const result = solveAssignment(inst);
  checkSolution(inst, result.assignments, result.totalScore, label);
  const tolerance = 1e-7 * Math.max(1, Math.abs(expected));
  expect(Math.abs(result.totalScore - expected), `${label}: solver ${result.totalScore}, optimum ${expected}`).toBeLessThanOrEqual(tolerance);
  // The solver's own certificate must agree: no gap at all when it worked on integers.
  if (result.stats.arithmetic === "integer") expect(result.stats.gap, `${label}: certificate gap`).toBe(0);
  else expect(result.stats.gap, `${label}: certificate gap`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
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
  it("matches the brute-force optimum on 800 instances", () => {
    let checked = 0;
    for (let seed = 1; seed <= 800; seed++) {
      const shape = tinyShapes[seed % tinyShapes.length];
      const inst = randomInstance(seed, shape);
      if (inst.edges.length > 14) inst.edges.length = 14; // keep the search at 2^14 subsets or fewer
      expectOptimal(inst, bruteForce(inst), `tiny seed ${seed} (${shape.scores})`);
      checked++;
    }
    expect(checked).toBe(800);
  });
});

const lpShapes: Record<string, Shape> = {
  "skewed: a few offers wanted by most requests": { requests: 200, offers: 40, maxCandidates: 6, demand: [1, 1], capacity: [1, 4], scores: "decimal", skew: 1.2 },
  "demand above 1": { requests: 120, offers: 30, maxCandidates: 8, demand: [1, 4], capacity: [1, 6], scores: "decimal", skew: 0.7 },
  "zero capacities and zero demands": { requests: 150, offers: 40, maxCandidates: 6, demand: [0, 2], capacity: [0, 3], scores: "decimal", skew: 0.5 },
  "negative and zero scores": { requests: 150, offers: 30, maxCandidates: 6, demand: [1, 2], capacity: [1, 3], scores: "signed", skew: 1 },
  "fractional scores in float arithmetic": { requests: 200, offers: 40, maxCandidates: 6, demand: [1, 2], capacity: [1, 4], scores: "float", skew: 1 },
  "integer scores with many ties": { requests: 200, offers: 30, maxCandidates: 6, demand: [1, 2], capacity: [1, 5], scores: "integer", skew: 1 },
  "disconnected parts": { requests: 80, offers: 20, maxCandidates: 5, demand: [1, 2], capacity: [1, 3], scores: "decimal", skew: 1, split: true },
  "large capacities": { requests: 300, offers: 8, maxCandidates: 4, demand: [1, 1], capacity: [10, 60], scores: "integer", skew: 1 },
};

describe("exactness against the LP optimum (HiGHS)", () => {
  for (const [name, shape] of Object.entries(lpShapes)) {
    it(`${name}: 40 instances`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const inst = randomInstance(seed * 7919 + name.length, shape);
        const result = expectOptimal(inst, lpOptimum(inst), `${name}, seed ${seed * 7919 + name.length}`);
        if (shape.scores === "float") expect(result.stats.arithmetic).toBe("float");
        if (shape.scores === "decimal" || shape.scores === "integer") expect(result.stats.arithmetic).toBe("integer");
      }
    });
  }

  it("medium skewed instances (3,000 requests × 300 offers): 4 instances", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const shape: Shape = { requests: 3000, offers: 300, maxCandidates: 10, demand: [1, 1], capacity: [1, 10], scores: seed % 2 ? "decimal" : "float", skew: 1 };
      const inst = randomInstance(seed * 31, shape);
      expectOptimal(inst, lpOptimum(inst), `medium seed ${seed * 31}`);
    }
  });
});

describe("the exact phase alone", () => {
  // Any prices p ≥ 0 and any partial assignment are a valid start for the shortest-path phase;
  // random ones exercise paths the auction's warm start rarely needs (deficits, reverse searches).
  it("reaches the LP optimum from random prices and assignments: 120 instances", () => {
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
  });

  it("gives the same optimum without the auction's warm start: 60 instances", () => {
    const shapes = Object.values(lpShapes);
    for (let seed = 1; seed <= 60; seed++) {
      const inst = randomInstance(seed * 613, shapes[seed % shapes.length]);
      const warm = solveAssignment(inst);
      const cold = solveAssignment(inst, { warmStart: false });
      expect(Math.abs(warm.totalScore - cold.totalScore), `seed ${seed * 613}`).toBeLessThanOrEqual(1e-7 * Math.max(1, cold.totalScore));
    }
  });

  it("finishes exactly when the auction is cut short: 60 instances", () => {
    const shapes = Object.values(lpShapes);
    for (let seed = 1; seed <= 60; seed++) {
      const inst = randomInstance(seed * 337, shapes[seed % shapes.length]);
      const result = solveAssignment(inst, { maxAuctionBids: seed % 7 });
      const expected = lpOptimum(inst);
      expect(Math.abs(result.totalScore - expected), `seed ${seed * 337}`).toBeLessThanOrEqual(1e-7 * Math.max(1, expected));
    }
  });
});
