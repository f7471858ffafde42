/**
 * Properties any optimum must have, checked on seeded random instances: feasibility, monotonicity
 * (more capacity or one more edge never lowers the best total), greedy never beats it, and a
 * crafted skewed instance where highest-score-first leaves requests out that the exact solver
 * (with a coverage bonus) places.
 */
import { describe, expect, it } from "vitest";
import {
  compileInstance,
  InstanceError,
  solveAssignment,
  solveGreedy,
  type AssignmentInstance,
} from "~/matching/solver";
import { runAuction } from "~/matching/solver/auction";
import { generateInstance, mulberry32, type GenerateOptions } from "~/matching/solver/generate";
import { buildGraph } from "~/matching/solver/graph";

/**
 * Loops over many instances: a second or two on a quiet machine, several times that on a loaded
 * 2-core one. Correctness is what these tests check, so the limit is only a guard against hangs.
 */
const MANY_INSTANCES = 120_000;

const shapes: Omit<GenerateOptions, "seed">[] = [
  { requests: 300, offers: 40, candidates: 6 },
  { requests: 200, offers: 30, candidates: 5, maxDemand: 3, minCapacity: 0, maxCapacity: 4 },
  { requests: 250, offers: 50, candidates: 8, scores: "mixed", skew: 1.3 },
  { requests: 250, offers: 20, candidates: 4, scores: "integer", maxInteger: 3 },
  { requests: 250, offers: 40, candidates: 6, scores: "float", skew: 0.3, minDemand: 0, maxDemand: 2 },
];

function instanceFor(seed: number): AssignmentInstance {
  return generateInstance({ ...shapes[seed % shapes.length], seed });
}

function checkFeasible(inst: AssignmentInstance, assignments: { request: string; offer: string }[], label: string) {
  const requests = new Map(inst.requests.map((r) => [r.id, r.demand]));
  const offers = new Map(inst.offers.map((o) => [o.id, o.capacity]));
  const scores = new Map(inst.edges.map((e) => [`${e.request}|${e.offer}`, e.score]));
  const used = new Set<string>();
  for (const { request, offer } of assignments) {
    expect(requests.has(request), `${label}: unknown request ${request}`).toBe(true);
    expect(offers.has(offer), `${label}: unknown offer ${offer}`).toBe(true);
    const key = `${request}|${offer}`;
    expect(scores.has(key), `${label}: ${key} is not an edge`).toBe(true);
    expect(scores.get(key)!, `${label}: ${key} has a score of 0 or less`).toBeGreaterThan(0);
    expect(used.has(key), `${label}: ${key} used twice`).toBe(false);
    used.add(key);
    requests.set(request, requests.get(request)! - 1);
    offers.set(offer, offers.get(offer)! - 1);
  }
  for (const [id, left] of requests) expect(left, `${label}: request ${id} over its demand`).toBeGreaterThanOrEqual(0);
  for (const [id, left] of offers) expect(left, `${label}: offer ${id} over its capacity`).toBeGreaterThanOrEqual(0);
}

const close = (a: number, b: number) => 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("feasibility", () => {
  it(
    "every assignment is a known edge, used once, within demands and capacities: 100 instances",
    () => {
      for (let seed = 1; seed <= 100; seed++) {
        const inst = instanceFor(seed);
        const result = solveAssignment(inst);
        checkFeasible(inst, result.assignments, `seed ${seed}`);
        const greedy = solveGreedy(inst);
        checkFeasible(inst, greedy.assignments, `greedy, seed ${seed}`);
        expect(result.requestsMatched).toBe(new Set(result.assignments.map((a) => a.request)).size);
      }
    },
    MANY_INSTANCES,
  );

  it("accepts the compiled form and the plain form alike", () => {
    const inst = instanceFor(7);
    expect(solveAssignment(compileInstance(inst)).totalScore).toBe(solveAssignment(inst).totalScore);
  });

  it(
    "handles empty and degenerate instances",
    () => {
      expect(solveAssignment({ requests: [], offers: [], edges: [] }).assignments).toEqual([]);
      const noRoom = solveAssignment({
        requests: [{ id: "a", demand: 1 }],
        offers: [{ id: "x", capacity: 0 }],
        edges: [{ request: "a", offer: "x", score: 5 }],
      });
      expect(noRoom.assignments).toEqual([]);
      expect(noRoom.totalScore).toBe(0);
      const onlyBad = solveAssignment({
        requests: [{ id: "a", demand: 2 }],
        offers: [
          { id: "x", capacity: 1 },
          { id: "y", capacity: 1 },
        ],
        edges: [
          { request: "a", offer: "x", score: -1 },
          { request: "a", offer: "y", score: 0 },
        ],
      });
      expect(onlyBad.assignments).toEqual([]);
    },
    MANY_INSTANCES,
  );

  it("rejects a pair given twice, naming both edges", () => {
    const twice = {
      requests: [{ id: "a", demand: 1 }],
      offers: [{ id: "x", capacity: 1 }],
      edges: [
        { request: "a", offer: "x", score: 1 },
        { request: "a", offer: "x", score: 2 },
      ],
    };
    expect(() => solveAssignment(twice)).toThrow(InstanceError);
    expect(() => solveAssignment(twice)).toThrow('edges[1]: duplicate pair (request "a", offer "x"), also edges[0]');
  });
});

describe("arithmetic", () => {
  const oneOffer = (scores: number[]): AssignmentInstance => ({
    requests: scores.map((_, i) => ({ id: `r${i}`, demand: 1 })),
    offers: [{ id: "o", capacity: scores.length }],
    edges: scores.map((score, i) => ({ request: `r${i}`, offer: "o", score })),
  });
  it("uses exact integers for decimal scores and floats otherwise", () => {
    const cases: [number[], "integer" | "float", number][] = [
      [[0.125, 73.5, 3], "integer", 1000],
      [[5, 7], "integer", 1],
      [[123456.789012], "integer", 1e6],
      [[0.1 + 0.2], "float", 1], // 0.30000000000000004 has 17 decimals
      [[1e14, 0.001], "float", 1], // 1e14 × 1000 would pass 2^50
      [[1e-300, 1], "float", 1],
      [[-0.123456789, 0.5], "integer", 10], // unusable edges do not count
    ];
    for (const [scores, arithmetic, scale] of cases) {
      const { stats } = solveAssignment(oneOffer(scores));
      expect(stats.arithmetic, JSON.stringify(scores)).toBe(arithmetic);
      expect(stats.scale, JSON.stringify(scores)).toBe(scale);
    }
  });
});

describe("warm start", () => {
  // The auction's answer is only a starting point, but it must itself be a feasible assignment
  // with prices that are positive only on full offers (what the exact phase relies on for speed).
  it(
    "is feasible and prices only full offers: 60 instances, some with zero capacities",
    () => {
      for (let seed = 1; seed <= 60; seed++) {
        const inst = instanceFor(seed);
        const g = buildGraph(compileInstance(inst));
        const { held, price } = runAuction(g);
        const served = new Int32Array(g.n);
        const filled = new Int32Array(g.m);
        held.forEach((h, e) => {
          if (h === 1) {
            served[g.request[e]]++;
            filled[g.offer[e]]++;
          }
        });
        for (let i = 0; i < g.n; i++)
          expect(served[i], `seed ${seed}, request ${i}`).toBeLessThanOrEqual(inst.requests[i].demand);
        for (let j = 0; j < g.m; j++) {
          expect(filled[j], `seed ${seed}, offer ${j}`).toBeLessThanOrEqual(inst.offers[j].capacity);
          if (price[j] > 0) expect(filled[j], `seed ${seed}, priced offer ${j} not full`).toBe(g.capacity[j]);
        }
      }
    },
    MANY_INSTANCES,
  );
});

describe("monotonicity", () => {
  it(
    "adding capacity to an offer never lowers the total: 80 instances",
    () => {
      for (let seed = 1; seed <= 80; seed++) {
        const inst = instanceFor(seed);
        const before = solveAssignment(inst).totalScore;
        const rnd = mulberry32(seed);
        const j = Math.floor(rnd() * inst.offers.length);
        const more = {
          ...inst,
          offers: inst.offers.map((o, k) => (k === j ? { ...o, capacity: o.capacity + 1 + Math.floor(rnd() * 3) } : o)),
        };
        const after = solveAssignment(more).totalScore;
        expect(after, `seed ${seed}, offer ${j}`).toBeGreaterThanOrEqual(before - close(before, after));
      }
    },
    MANY_INSTANCES,
  );

  it(
    "adding an edge never lowers the total: 80 instances",
    () => {
      for (let seed = 1; seed <= 80; seed++) {
        const inst = instanceFor(seed);
        const before = solveAssignment(inst).totalScore;
        const rnd = mulberry32(seed + 1000);
        const existing = new Set(inst.edges.map((e) => `${e.request}|${e.offer}`));
        let request = "";
        let offer = "";
        do {
          request = inst.requests[Math.floor(rnd() * inst.requests.length)].id;
          offer = inst.offers[Math.floor(rnd() * inst.offers.length)].id;
        } while (existing.has(`${request}|${offer}`));
        const more = { ...inst, edges: [...inst.edges, { request, offer, score: Math.round(rnd() * 1000) / 1000 }] };
        const after = solveAssignment(more).totalScore;
        expect(after, `seed ${seed}, edge ${request}–${offer}`).toBeGreaterThanOrEqual(before - close(before, after));
      }
    },
    MANY_INSTANCES,
  );

  it(
    "raising demand never lowers the total: 40 instances",
    () => {
      for (let seed = 1; seed <= 40; seed++) {
        const inst = instanceFor(seed);
        const before = solveAssignment(inst).totalScore;
        const more = {
          ...inst,
          requests: inst.requests.map((r, i) => (i % 3 === 0 ? { ...r, demand: r.demand + 1 } : r)),
        };
        expect(solveAssignment(more).totalScore, `seed ${seed}`).toBeGreaterThanOrEqual(before - close(before, before));
      }
    },
    MANY_INSTANCES,
  );
});

describe("greedy baseline", () => {
  it(
    "never beats the optimum: 100 instances",
    () => {
      let strictlyBetter = 0;
      for (let seed = 1; seed <= 100; seed++) {
        const inst = instanceFor(seed);
        const exact = solveAssignment(inst).totalScore;
        const greedy = solveGreedy(inst).totalScore;
        expect(greedy, `seed ${seed}`).toBeLessThanOrEqual(exact + close(exact, greedy));
        if (exact > greedy + close(exact, greedy)) strictlyBetter++;
      }
      expect(strictlyBetter, "on skewed instances the optimum should usually beat greedy").toBeGreaterThan(50);
    },
    MANY_INSTANCES,
  );

  /**
   * Three popular offers with two places each. "Flexible" requests score them highest but also
   * have a private niche offer; "specialist" requests can only use the popular offers and score
   * them a little lower. Highest-score-first hands every popular place to a flexible request and
   * leaves the specialists out. Every request can be placed (specialists in the popular offers,
   * flexible ones in their niches), which is what the exact solver does once each edge carries a
   * coverage bonus larger than any fit it could lose.
   */
  it("on a crafted skewed instance, leaves out requests that the exact solver places", () => {
    const popular = ["P1", "P2", "P3"];
    const flexible = Array.from({ length: 6 }, (_, i) => `flex${i}`);
    const specialists = Array.from({ length: 6 }, (_, i) => `spec${i}`);
    const fit: AssignmentInstance = {
      requests: [...flexible, ...specialists].map((id) => ({ id, demand: 1 })),
      offers: [
        ...popular.map((id) => ({ id, capacity: 2 })),
        ...flexible.map((id) => ({ id: `niche-${id}`, capacity: 1 })),
      ],
      edges: [
        ...flexible.flatMap((id, i) => [
          ...popular.map((p, k) => ({ request: id, offer: p, score: 0.9 - 0.01 * ((i + k) % 3) })),
          { request: id, offer: `niche-${id}`, score: 0.4 },
        ]),
        ...specialists.flatMap((id, i) =>
          popular.map((p, k) => ({ request: id, offer: p, score: 0.8 - 0.01 * ((i + k) % 3) })),
        ),
      ],
    };
    const requestCount = fit.requests.length;
    const maxFit = Math.max(...fit.edges.map((e) => e.score));
    const bonus = maxFit * requestCount + 1; // more than any fit a reshuffle could lose
    const withBonus = { ...fit, edges: fit.edges.map((e) => ({ ...e, score: e.score + bonus })) };

    const greedy = solveGreedy(withBonus);
    const exact = solveAssignment(withBonus);
    // Independent count: 6 specialists fill the 6 popular places, 6 flexible requests their niches.
    expect(exact.requestsMatched).toBe(requestCount);
    expect(greedy.requestsMatched).toBe(6);
    expect(greedy.requestsMatched).toBeLessThan(exact.requestsMatched);
    // Without the bonus the exact optimum still beats greedy on fit alone.
    expect(solveAssignment(fit).totalScore).toBeGreaterThan(solveGreedy(fit).totalScore);
  });
});
