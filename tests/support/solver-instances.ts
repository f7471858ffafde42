/**
 * Seeded random instances and independent references for the solver's tests: exhaustive search
 * on tiny instances and the linear program solved by HiGHS on larger ones.
 */
import type highsLoader from "highs";
import { expect } from "vitest";
import type { AssignmentInstance } from "~/matching/solver";
import { mulberry32 } from "~/matching/solver/generate";

export type Highs = Awaited<ReturnType<typeof highsLoader>>;

/** A set of offers sharing one capacity (the shape the solver's groups take). */
export interface GroupInput {
  id: string;
  capacity: number;
  offers: string[];
}

export type Scores = "integer" | "decimal" | "float" | "signed";
export interface Shape {
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

export function randomInstance(seed: number, shape: Shape): AssignmentInstance {
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
    return {
      requests: [...x.requests, ...y.requests],
      offers: [...x.offers, ...y.offers],
      edges: [...x.edges, ...y.edges],
    };
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

/** About a third of the offers in no group, the rest in runs of consecutive offers sharing a tight capacity. */
export function randomGroups(seed: number, inst: AssignmentInstance): GroupInput[] {
  const rnd = mulberry32(seed);
  const groups: GroupInput[] = [];
  let current: GroupInput | null = null;
  for (const o of inst.offers) {
    const roll = rnd();
    if (roll < 0.3) continue; // in no group
    if (current === null || roll < 0.55) {
      current = { id: `g${groups.length}`, capacity: 1, offers: [] };
      groups.push(current);
    }
    current.offers.push(o.id);
  }
  for (const g of groups) {
    const sum = g.offers.reduce((s, id) => s + inst.offers.find((o) => o.id === id)!.capacity, 0);
    g.capacity = 1 + Math.floor(rnd() * Math.max(1, sum)); // usually tighter than the offers' own
  }
  return groups;
}

/** Exhaustive: every subset of edges that respects demands, capacities and group capacities. */
export function bruteForce(inst: AssignmentInstance, groups: GroupInput[] = []): number {
  const ri = new Map(inst.requests.map((r, i) => [r.id, i]));
  const oi = new Map(inst.offers.map((o, j) => [o.id, j]));
  const demand = inst.requests.map((r) => r.demand);
  const capacity = inst.offers.map((o) => o.capacity);
  const groupOf = new Map<number, number>();
  groups.forEach((grp, q) => grp.offers.forEach((id) => groupOf.set(oi.get(id)!, q)));
  const groupLeft = groups.map((grp) => grp.capacity);
  const edges = inst.edges.map((e) => ({
    r: ri.get(e.request)!,
    o: oi.get(e.offer)!,
    s: e.score,
    q: groupOf.get(oi.get(e.offer)!) ?? -1,
  }));
  let best = 0;
  const visit = (k: number, total: number) => {
    if (k === edges.length) {
      if (total > best) best = total;
      return;
    }
    visit(k + 1, total);
    const e = edges[k];
    if (demand[e.r] > 0 && capacity[e.o] > 0 && (e.q < 0 || groupLeft[e.q] > 0)) {
      demand[e.r]--;
      capacity[e.o]--;
      if (e.q >= 0) groupLeft[e.q]--;
      visit(k + 1, total + e.s);
      demand[e.r]++;
      capacity[e.o]++;
      if (e.q >= 0) groupLeft[e.q]++;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * max Σ score·x  s.t.  Σ_request x ≤ demand, Σ_offer x ≤ capacity, Σ_group x ≤ group capacity,
 * 0 ≤ x ≤ 1 (all edges). The constraint matrix is a network matrix (offers nest inside groups), so
 * the LP optimum is the integer optimum.
 */
export function lpOptimum(highs: Highs, inst: AssignmentInstance, groups: GroupInput[] = []): number {
  const n = inst.requests.length;
  const m = inst.offers.length;
  const rows = n + m + groups.length;
  const count = inst.edges.length;
  if (count === 0) return 0;
  const ri = new Map(inst.requests.map((r, i) => [r.id, i]));
  const oi = new Map(inst.offers.map((o, j) => [o.id, j]));
  const groupOf = new Map<string, number>();
  groups.forEach((grp, q) => grp.offers.forEach((id) => groupOf.set(id, q)));
  const starts = new Int32Array(count + 1);
  const indices: number[] = [];
  const colCost = new Float64Array(count);
  inst.edges.forEach((e, k) => {
    indices.push(ri.get(e.request)!, n + oi.get(e.offer)!);
    const q = groupOf.get(e.offer);
    if (q !== undefined) indices.push(n + m + q);
    starts[k + 1] = indices.length;
    colCost[k] = e.score;
  });
  const rowUpper = new Float64Array(rows);
  inst.requests.forEach((r, i) => (rowUpper[i] = r.demand));
  inst.offers.forEach((o, j) => (rowUpper[n + j] = o.capacity));
  groups.forEach((grp, q) => (rowUpper[n + m + q] = grp.capacity));
  return highs.withModel(
    {
      numCols: count,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(count),
      colUpper: new Float64Array(count).fill(1),
      rowLower: new Float64Array(rows).fill(-highs.infinity),
      rowUpper,
      matrix: {
        format: "csc",
        numRows: rows,
        numCols: count,
        starts,
        indices: Int32Array.from(indices),
        values: new Float64Array(indices.length).fill(1),
      },
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
export function checkSolution(
  inst: AssignmentInstance,
  assignments: { request: string; offer: string }[],
  totalScore: number,
  label: string,
) {
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
  expect(Math.abs(sum - totalScore), `${label}: totalScore is not the sum of the chosen scores`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(sum)),
  );
}

type Pair = { request: string; offer: string };
const pairKey = (a: Pair) => `${a.request}\u0000${a.offer}`;

/** Edges the optimum left out that could be forced in: a positive score, demand and capacity. */
export function unchosenEligibleEdges(inst: AssignmentInstance, chosen: Pair[]): AssignmentInstance["edges"] {
  const taken = new Set(chosen.map(pairKey));
  const demand = new Map(inst.requests.map((r) => [r.id, r.demand]));
  const capacity = new Map(inst.offers.map((o) => [o.id, o.capacity]));
  return inst.edges.filter(
    (e) => e.score > 0 && demand.get(e.request)! > 0 && capacity.get(e.offer)! > 0 && !taken.has(pairKey(e)),
  );
}

/**
 * A forced pair's changes applied to the optimum: they may only drop chosen pairs and add new
 * ones. Returns the assignments that result and their total, for the caller to check.
 */
export function applyForcedChanges(
  inst: AssignmentInstance,
  chosen: Pair[],
  changes: { added: Pair[]; removed: Pair[] },
  label: string,
): { assignments: Pair[]; total: number } {
  const score = new Map(inst.edges.map((e) => [pairKey(e), e.score]));
  const after = new Set(chosen.map(pairKey));
  for (const a of changes.removed) expect(after.delete(pairKey(a)), `${label}: removes a pair not chosen`).toBe(true);
  for (const a of changes.added) {
    expect(after.has(pairKey(a)), `${label}: adds a pair already chosen`).toBe(false);
    after.add(pairKey(a));
  }
  const assignments = [...after].map((k) => ({ request: k.split("\u0000")[0], offer: k.split("\u0000")[1] }));
  return { assignments, total: assignments.reduce((sum, a) => sum + score.get(pairKey(a))!, 0) };
}
