/**
 * Shared capacity groups, the questions asked of a plan: forcing an unchosen pair in, against the
 * LP re-solved with the pair taken out of the instance (one less unit of demand, of the offer's
 * capacity and of its group's), with the changes applied to the optimum checked for feasibility;
 * and the greedy baseline, which must keep within every group too.
 */
import highsLoader from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileInstance, solveGreedy, type AssignmentInstance } from "~/matching/solver";
import { compileGroups } from "~/matching/solver/groups";
import { solveWithGroups } from "~/matching/solver/network";
import {
  applyForcedChanges,
  checkSolution,
  lpOptimum,
  randomGroups,
  randomInstance,
  type GroupInput,
  type Highs,
  type Shape,
  unchosenEligibleEdges,
} from "../support/solver-instances";

const MANY_INSTANCES = 120_000;
let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

function forcedOptimum(inst: AssignmentInstance, groups: GroupInput[], request: string, offer: string): number {
  const edge = inst.edges.find((e) => e.request === request && e.offer === offer)!;
  const rest: AssignmentInstance = {
    requests: inst.requests.map((r) => (r.id === request ? { ...r, demand: r.demand - 1 } : r)),
    offers: inst.offers.map((o) => (o.id === offer ? { ...o, capacity: o.capacity - 1 } : o)),
    edges: inst.edges.filter((e) => e !== edge),
  };
  const restGroups = groups.map((g) => (g.offers.includes(offer) ? { ...g, capacity: g.capacity - 1 } : g));
  return edge.score + lpOptimum(highs, rest, restGroups);
}

function withinGroups(groups: GroupInput[], assignments: { offer: string }[], label: string) {
  for (const g of groups) {
    const used = assignments.filter((a) => g.offers.includes(a.offer)).length;
    expect(used, `${label}: group ${g.id} over its capacity`).toBeLessThanOrEqual(g.capacity);
  }
}

const shapes: Record<string, Shape> = {
  "skewed: a few offers wanted by most requests": {
    requests: 24,
    offers: 8,
    maxCandidates: 5,
    demand: [1, 1],
    capacity: [1, 4],
    scores: "decimal",
    skew: 1.5,
  },
  "demand above 1": {
    requests: 16,
    offers: 8,
    maxCandidates: 5,
    demand: [1, 3],
    capacity: [1, 4],
    scores: "decimal",
    skew: 0.8,
  },
  "integer scores with many ties": {
    requests: 20,
    offers: 8,
    maxCandidates: 4,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "integer",
    skew: 1,
  },
};

describe("forcing an unchosen pair, with groups", () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(
      `${name}: loss and changes agree with re-solving, 25 instances`,
      () => {
        let costly = 0;
        let pairs = 0;
        let groupOnPath = 0;
        for (let seed = 1; seed <= 25; seed++) {
          const s = seed * 733 + name.length;
          const label = `${name}, seed ${s}`;
          const inst = randomInstance(s, shape);
          const groups = randomGroups(s, inst);
          const compiled = compileInstance(inst);
          const solved = solveWithGroups(compiled, compileGroups(groups, compiled)!);
          const { result } = solved;
          for (const e of unchosenEligibleEdges(inst, result.assignments)) {
            pairs++;
            const what = solved.forcedPair(e.request, e.offer);
            const expected = result.totalScore - forcedOptimum(inst, groups, e.request, e.offer);
            const at = `${label}, pair ${e.request}–${e.offer}`;
            expect(Math.abs(what.loss - expected), `${at}: ${what.loss} vs ${expected}`).toBeLessThanOrEqual(
              1e-6 * Math.max(1, result.totalScore),
            );
            expect(what.added[0]).toEqual({ request: e.request, offer: e.offer });
            const { assignments, total } = applyForcedChanges(inst, result.assignments, what, at);
            checkSolution(inst, assignments, total, at);
            withinGroups(groups, assignments, at);
            expect(Math.abs(result.totalScore - what.loss - total), `${at}: changes total`).toBeLessThanOrEqual(
              1e-6 * Math.max(1, total),
            );
            if (what.loss > 0) costly++;
            // The group moved a place: the pair's offer kept its own holders, yet something was dropped elsewhere.
            const sameOffer = what.removed.some((a) => a.offer === e.offer);
            if (!sameOffer && what.removed.length > 0 && groups.some((g) => g.offers.includes(e.offer))) groupOnPath++;
          }
        }
        expect(costly, `${name}: pairs whose forcing costs something`).toBeGreaterThan(pairs / 4);
        expect(groupOnPath, `${name}: pairs whose cost passes through a group`).toBeGreaterThan(0);
      },
      MANY_INSTANCES,
    );
  }

  it("a full group: forcing a pair onto its free offer drops a holder of another offer in the group", () => {
    const inst: AssignmentInstance = {
      requests: ["a", "b", "c"].map((id) => ({ id, demand: 1 })),
      offers: [
        { id: "morning", capacity: 2 },
        { id: "afternoon", capacity: 2 },
      ],
      edges: [
        { request: "a", offer: "morning", score: 5 },
        { request: "b", offer: "morning", score: 4 },
        { request: "c", offer: "afternoon", score: 3 },
      ],
    };
    const groups = [{ id: "team", capacity: 2, offers: ["morning", "afternoon"] }];
    const compiled = compileInstance(inst);
    const solved = solveWithGroups(compiled, compileGroups(groups, compiled)!);
    // Optimum a and b on morning (9); c on afternoon needs the team's place b holds: loss 1.
    const what = solved.forcedPair("c", "afternoon");
    expect(what.loss).toBe(1);
    expect(what.added).toEqual([{ request: "c", offer: "afternoon" }]);
    expect(what.removed).toEqual([{ request: "b", offer: "morning" }]);
    expect(solved.forcedPair("a", "morning")).toEqual({ loss: 0, added: [], removed: [] });
    expect(() => solved.forcedPair("a", "afternoon")).toThrow(/not an eligible pair/);
  });
});

describe("the greedy baseline with groups", () => {
  it(
    "keeps within every group and every offer, and never beats the optimum: 100 instances",
    () => {
      const all = Object.values(shapes);
      let binding = 0;
      for (let seed = 1; seed <= 100; seed++) {
        const inst = randomInstance(seed * 61, all[seed % all.length]);
        const groups = randomGroups(seed * 61, inst);
        const compiled = compileInstance(inst);
        const compiledGroups = compileGroups(groups, compiled)!;
        const greedy = solveGreedy(compiled, compiledGroups);
        const label = `seed ${seed * 61}`;
        checkSolution(inst, greedy.assignments, greedy.totalScore, label);
        withinGroups(groups, greedy.assignments, label);
        const optimum = solveWithGroups(compiled, compiledGroups).result.totalScore;
        expect(greedy.totalScore, label).toBeLessThanOrEqual(optimum + 1e-9);
        if (solveGreedy(compiled).assignments.length > greedy.assignments.length) binding++;
      }
      expect(binding, "instances where the groups hold greedy back").toBeGreaterThan(10);
    },
    MANY_INSTANCES,
  );
});
