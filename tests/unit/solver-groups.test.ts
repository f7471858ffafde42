/**
 * Shared capacity groups: clear one-line errors for bad groups; the optimum against independent
 * ones (the LP solved by HiGHS, integral for this network, and exhaustive search on tiny
 * instances); every offer's and group's value of one more place against the LP with that
 * capacity raised; and with no groups, the same answers as the bipartite fast path.
 */
import highsLoader from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileInstance, InstanceError, type AssignmentInstance } from "~/matching/solver";
import { compileGroups } from "~/matching/solver/groups";
import { offerMarginals } from "~/matching/solver/marginals";
import { solveWithGroups } from "~/matching/solver/network";
import { solveWithFlow } from "~/matching/solver/solve";
import {
  bruteForce,
  checkSolution,
  lpOptimum,
  randomGroups,
  randomInstance,
  type GroupInput,
  type Highs,
  type Shape,
} from "../support/solver-instances";

const MANY_INSTANCES = 120_000;
let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

function solveGrouped(inst: AssignmentInstance, groups: GroupInput[]) {
  const compiled = compileInstance(inst);
  return solveWithGroups(compiled, compileGroups(groups, compiled)!);
}

function checkGroups(inst: AssignmentInstance, groups: GroupInput[], assignments: { offer: string }[], label: string) {
  for (const g of groups) {
    const used = assignments.filter((a) => g.offers.includes(a.offer)).length;
    expect(used, `${label}: group ${g.id} over its capacity`).toBeLessThanOrEqual(g.capacity);
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

const shapes: Record<string, Shape> = {
  skewed: {
    requests: 40,
    offers: 10,
    maxCandidates: 5,
    demand: [1, 1],
    capacity: [1, 4],
    scores: "decimal",
    skew: 1.2,
  },
  "demand above 1": {
    requests: 25,
    offers: 10,
    maxCandidates: 6,
    demand: [1, 3],
    capacity: [1, 5],
    scores: "decimal",
    skew: 0.7,
  },
  ties: { requests: 30, offers: 10, maxCandidates: 4, demand: [1, 2], capacity: [1, 3], scores: "integer", skew: 1 },
  "float arithmetic": {
    requests: 30,
    offers: 10,
    maxCandidates: 4,
    demand: [1, 2],
    capacity: [1, 3],
    scores: "float",
    skew: 1,
  },
  "negative scores, zero demands and capacities": {
    requests: 30,
    offers: 10,
    maxCandidates: 4,
    demand: [0, 2],
    capacity: [0, 3],
    scores: "signed",
    skew: 1,
  },
};

describe("groups are validated with one clear line", () => {
  const inst = compileInstance({
    requests: [{ id: "r", demand: 1 }],
    offers: [
      { id: "A", capacity: 1 },
      { id: "B", capacity: 1 },
    ],
    edges: [],
  });
  const cases: [string, unknown, string][] = [
    ["not an array", { id: "g" }, "groups: expected an array, got an object"],
    ["an unknown offer", [{ id: "g", capacity: 1, offers: ["A", "Q"] }], 'groups[0].offers[1]: unknown offer "Q"'],
    [
      "an offer in two groups",
      [
        { id: "g", capacity: 1, offers: ["A"] },
        { id: "h", capacity: 2, offers: ["B", "A"] },
      ],
      'groups[1].offers[1]: offer "A" is already in group "g"',
    ],
    [
      "a zero capacity",
      [{ id: "g", capacity: 0, offers: ["A"] }],
      "groups[0].capacity: expected a positive integer, got 0",
    ],
    [
      "a fractional capacity",
      [{ id: "g", capacity: 1.5, offers: ["A"] }],
      "groups[0].capacity: expected a positive integer, got 1.5",
    ],
    [
      "a capacity given as text",
      [{ id: "g", capacity: "2", offers: ["A"] }],
      'groups[0].capacity: expected a positive integer, got the string "2"',
    ],
    [
      "a duplicate id",
      [
        { id: "g", capacity: 1, offers: ["A"] },
        { id: "g", capacity: 1, offers: ["B"] },
      ],
      'groups[1].id: duplicate group id "g" (also groups[0])',
    ],
    ["a missing id", [{ capacity: 1, offers: ["A"] }], "groups[0].id: expected a non-empty string"],
    [
      "offers not a list",
      [{ id: "g", capacity: 1, offers: "A" }],
      'groups[0].offers: expected an array of offer ids, got the string "A"',
    ],
  ];
  for (const [name, value, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => compileGroups(value, inst)).toThrow(InstanceError);
      expect(() => compileGroups(value, inst)).toThrow(message);
    });
  }
  it("accepts no groups at all", () => {
    expect(compileGroups(undefined, inst)).toBeNull();
    expect(compileGroups([], inst)?.ids).toEqual([]);
  });
});

describe("the optimum with groups", () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(
      `${name}: equals the LP optimum on 40 instances, and each offer's and group's extra place too`,
      () => {
        let binding = 0;
        let valued = 0;
        for (let seed = 1; seed <= 40; seed++) {
          const s = seed * 577 + name.length;
          const label = `${name}, seed ${s}`;
          const inst = randomInstance(s, shape);
          const groups = randomGroups(s, inst);
          const solved = solveGrouped(inst, groups);
          const { result } = solved;
          const expected = lpOptimum(highs, inst, groups);
          expect(close(result.totalScore, expected), `${label}: ${result.totalScore} vs ${expected}`).toBe(true);
          checkSolution(inst, result.assignments, result.totalScore, label);
          checkGroups(inst, groups, result.assignments, label);
          if (result.stats.arithmetic === "integer") expect(result.stats.gap, `${label}: certificate`).toBe(0);
          if (expected < lpOptimum(highs, inst) - 1e-9) binding++;

          const { offers, groups: groupValues } = solved.marginals();
          for (const x of offers) {
            const raised = {
              ...inst,
              offers: inst.offers.map((o) => (o.id === x.offer ? { ...o, capacity: o.capacity + 1 } : o)),
            };
            const gain = lpOptimum(highs, raised, groups) - expected;
            expect(
              close(x.oneMorePlace, Math.max(0, gain)),
              `${label}, offer ${x.offer}: ${x.oneMorePlace} vs ${gain}`,
            ).toBe(true);
            if (x.oneMorePlace > 0) valued++;
          }
          for (const x of groupValues) {
            const raised = groups.map((g) => (g.id === x.group ? { ...g, capacity: g.capacity + 1 } : g));
            const gain = lpOptimum(highs, inst, raised) - expected;
            expect(
              close(x.oneMorePlace, Math.max(0, gain)),
              `${label}, group ${x.group}: ${x.oneMorePlace} vs ${gain}`,
            ).toBe(true);
          }
        }
        // The groups must actually bind on many instances, or this tests nothing new.
        expect(binding, `${name}: instances where a group lowers the optimum`).toBeGreaterThan(10);
        expect(valued, `${name}: offers whose extra place is worth something`).toBeGreaterThan(5);
      },
      MANY_INSTANCES,
    );
  }

  it(
    "equals exhaustive search on 300 tiny instances",
    () => {
      const tiny: Shape[] = [
        { requests: 5, offers: 4, maxCandidates: 3, demand: [1, 2], capacity: [1, 2], scores: "integer", skew: 1 },
        { requests: 4, offers: 4, maxCandidates: 3, demand: [1, 3], capacity: [0, 3], scores: "decimal" },
      ];
      for (let seed = 1; seed <= 300; seed++) {
        const inst = randomInstance(seed * 13, tiny[seed % 2]);
        if (inst.edges.length > 13) inst.edges.length = 13;
        const groups = randomGroups(seed, inst);
        const { result } = solveGrouped(inst, groups);
        const expected = bruteForce(inst, groups);
        expect(close(result.totalScore, expected), `tiny seed ${seed * 13}: ${result.totalScore} vs ${expected}`).toBe(
          true,
        );
        checkGroups(inst, groups, result.assignments, `tiny seed ${seed * 13}`);
      }
    },
    MANY_INSTANCES,
  );

  it(
    "with no groups, agrees with the bipartite fast path on totals and marginals: 100 instances",
    () => {
      const all = Object.values(shapes);
      for (let seed = 1; seed <= 100; seed++) {
        const inst = randomInstance(seed * 71, all[seed % all.length]);
        const fast = solveWithFlow(inst);
        const grouped = solveGrouped(inst, []);
        expect(close(grouped.result.totalScore, fast.result.totalScore), `seed ${seed * 71}`).toBe(true);
        const a = offerMarginals(fast.instance, fast.flow()).map((x) => x.oneMorePlace);
        const b = grouped.marginals().offers.map((x) => x.oneMorePlace);
        a.forEach((x, j) => expect(close(x, b[j]), `seed ${seed * 71}, offer ${j}: ${x} vs ${b[j]}`).toBe(true));
      }
    },
    MANY_INSTANCES,
  );

  it("a full group: a place on one of its offers gains nothing, a place for the group does", () => {
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
    const solved = solveGrouped(inst, groups);
    expect(solved.result.totalScore).toBe(9);
    expect(solved.marginals()).toEqual({
      offers: [
        { offer: "morning", oneMorePlace: 0, moreHelped: 0 },
        { offer: "afternoon", oneMorePlace: 0, moreHelped: 0 },
      ],
      groups: [{ group: "team", oneMorePlace: 3, moreHelped: 1 }],
    });
  });
});
