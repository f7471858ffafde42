import { describe, expect, it } from "vitest";
import {
  audienceMatch,
  capabilityFit,
  costWithinBudget,
  evidenceOfImpact,
  formatMatch,
  locality,
  readinessForChange,
  timeWindowOverlap,
} from "~/matching/factors";
import { scorePair } from "~/matching/score";
import type { OfferFacts, RequestFacts, Vocabulary } from "~/matching/types";
import { DEFAULT_WEIGHTS, describeWeights, maxFitScore } from "~/matching/weights";

const NAMES: Record<string, string> = {
  spc: "Measurement for improvement",
  mapping: "Process mapping",
  pdsa: "Model for improvement and PDSA",
  site_visit: "Site visit",
  workshop: "Training or workshop",
  virtual: "Virtual session",
  mentoring: "Mentoring or coaching",
  board: "Board",
  senior: "Senior leaders",
  frontline: "All staff",
};
const vocabulary: Vocabulary = {
  capabilityName: (id) => NAMES[id],
  formatName: (c) => NAMES[c],
  audienceName: (c) => NAMES[c],
};
const context = { weights: DEFAULT_WEIGHTS, vocabulary };

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  id: "r1",
  title: "Help with SPC",
  organisationId: "org-req",
  organisationName: "Requesting Trust",
  regionCode: "Y62",
  icbCode: "QOP",
  capabilityIds: ["spc"],
  audienceCodes: ["board"],
  formatCodes: ["site_visit"],
  window: { start: "2025-01-01", end: "2025-01-10" },
  virtualOk: false,
  travelLimit: "anywhere",
  budget: "fee",
  priority: "medium",
  readiness: 3,
  maturity: { spc: 2 },
  ...overrides,
});

const offer = (overrides: Partial<OfferFacts> = {}): OfferFacts => ({
  id: "o1",
  title: "SPC masterclass",
  organisationId: "org-pio",
  organisationName: "Pioneer Trust",
  regionCode: "Y62",
  icbCode: "QOP",
  capabilityIds: ["spc"],
  audienceCodes: ["board"],
  formatCode: "site_visit",
  formatIsVirtual: false,
  virtualOk: false,
  costModel: "free",
  windows: [],
  remainingCapacity: 2,
  maturity: { spc: 5 },
  impact: null,
  ...overrides,
});

describe("capability fit", () => {
  it("multiplies the requester's gap by the pioneer's strength, naming the capability and both levels", () => {
    const f = capabilityFit(request(), offer(), context);
    // emerging requester: gap (5 - 2) / 4; exemplary pioneer: strength (5 - 1) / 4
    expect(f.value).toBeCloseTo(0.75 * 1);
    expect(f.points).toBeCloseTo(40 * 0.75);
    expect(f.text).toBe("Pioneer is exemplary in Measurement for improvement; you assessed yourself as emerging");
  });
  it("averages over every capability asked for, so partial coverage scores lower", () => {
    const f = capabilityFit(
      request({ capabilityIds: ["spc", "mapping"], maturity: { spc: 1, mapping: 1 } }),
      offer({ capabilityIds: ["spc"], maturity: { spc: 5 } }),
      context,
    );
    expect(f.value).toBeCloseTo((1 + 0) / 2);
    expect(f.text).toContain("Does not cover Process mapping");
    expect(f.text).toContain("you assessed yourself as not started");
  });
  it("counts an unassessed requester as a gap and an unassessed pioneer as modest, and says so", () => {
    const f = capabilityFit(request({ maturity: {} }), offer({ maturity: {} }), context);
    expect(f.value).toBeGreaterThan(0);
    expect(f.value).toBeLessThan(0.75);
    expect(f.text).toBe(
      "Pioneer teaches Measurement for improvement but has not assessed it; you have not assessed it yet",
    );
    const measuredGap = capabilityFit(request({ maturity: { spc: 1 } }), offer({ maturity: {} }), context).value;
    expect(f.value).toBeLessThan(measuredGap);
  });
  it("is zero when the requester is already exemplary or the pioneer has not started", () => {
    expect(capabilityFit(request({ maturity: { spc: 5 } }), offer(), context).value).toBe(0);
    expect(capabilityFit(request(), offer({ maturity: { spc: 1 } }), context).value).toBe(0);
  });
});

describe("audience match", () => {
  it("is the share of requested audiences served, naming both sides", () => {
    const f = audienceMatch(
      request({ audienceCodes: ["board", "senior", "frontline"] }),
      offer({ audienceCodes: ["board", "frontline"] }),
      context,
    );
    expect(f.value).toBeCloseTo(2 / 3);
    expect(f.text).toBe("Serves Board, All staff; not Senior leaders");
  });
  it("is 1 when every audience is served and 0 when none is", () => {
    expect(audienceMatch(request(), offer(), context).value).toBe(1);
    expect(audienceMatch(request(), offer({ audienceCodes: ["frontline"] }), context)).toMatchObject({
      value: 0,
      text: "Serves none of the audiences you asked for (Board)",
    });
  });
  it("is 1 when the request names no audience", () => {
    expect(audienceMatch(request({ audienceCodes: [] }), offer(), context).value).toBe(1);
  });
});

describe("format match", () => {
  it("is 1 for a format the requester asked for, 0 otherwise", () => {
    expect(formatMatch(request(), offer(), context)).toMatchObject({
      value: 1,
      text: "Site visit, a format you asked for",
    });
    expect(formatMatch(request(), offer({ formatCode: "workshop" }), context)).toMatchObject({
      value: 0,
      text: "Training or workshop is not a format you asked for (Site visit)",
    });
  });
  it("counts a virtual session as asked for when the requester accepts virtual help", () => {
    const virtualSession = offer({ formatCode: "virtual", formatIsVirtual: true });
    expect(formatMatch(request({ virtualOk: true }), virtualSession, context).value).toBe(1);
    expect(formatMatch(request({ virtualOk: false }), virtualSession, context).value).toBe(0);
  });
  it("gives half for another format that can run virtually when the requester accepts virtual help", () => {
    expect(
      formatMatch(request({ virtualOk: true }), offer({ formatCode: "workshop", virtualOk: true }), context).value,
    ).toBe(0.5);
    expect(
      formatMatch(request({ virtualOk: false }), offer({ formatCode: "workshop", virtualOk: true }), context).value,
    ).toBe(0);
  });
});

describe("locality", () => {
  it("is 1 in the same integrated care board, 0.6 in the same region, 0.2 elsewhere", () => {
    expect(locality(request(), offer(), context)).toMatchObject({ value: 1, text: "Same integrated care board" });
    expect(locality(request(), offer({ icbCode: "QYG" }), context)).toMatchObject({ value: 0.6 });
    expect(locality(request(), offer({ icbCode: "QKK", regionCode: "Y56" }), context)).toMatchObject({
      value: 0.2,
      text: "In another region",
    });
  });
  it("ignores distance only when the offer can run virtually and the requester accepts virtual help", () => {
    const far = { icbCode: "QKK", regionCode: "Y56" };
    const virtualText = "Can run virtually, so distance does not matter";
    expect(locality(request({ virtualOk: true }), offer({ ...far, virtualOk: true }), context)).toMatchObject({
      value: 1,
      text: virtualText,
    });
    expect(locality(request({ virtualOk: true }), offer({ ...far, formatIsVirtual: true }), context)).toMatchObject({
      value: 1,
      text: virtualText,
    });
    expect(locality(request({ virtualOk: false }), offer({ ...far, virtualOk: true }), context).value).toBe(0.2);
    expect(locality(request({ virtualOk: true }), offer(far), context).value).toBe(0.2);
  });
  it("never counts two unrecorded locations as the same place", () => {
    expect(
      locality(request({ icbCode: null, regionCode: null }), offer({ icbCode: null, regionCode: null }), context).value,
    ).toBe(0.2);
  });
});

describe("time window overlap", () => {
  it("is the share of the request's days inside the offer's windows, overlapping windows counted once", () => {
    const f = timeWindowOverlap(
      request({ window: { start: "2025-01-01", end: "2025-01-10" } }),
      offer({
        windows: [
          { start: "2024-12-20", end: "2025-01-03" },
          { start: "2025-01-02", end: "2025-01-04" },
          { start: "2025-01-10", end: "2025-02-01" },
        ],
      }),
      context,
    );
    // 1 to 4 January and 10 January: 5 of 10 days
    expect(f.value).toBeCloseTo(0.5);
    expect(f.text).toBe("Available for 5 of the 10 days in your window");
  });
  it("is 1 when the offer lists no windows, saying it is available any time", () => {
    expect(timeWindowOverlap(request(), offer({ windows: [] }), context)).toMatchObject({
      value: 1,
      text: "No availability windows listed, so available any time",
    });
  });
  it("is 0 when no window touches the request's", () => {
    expect(
      timeWindowOverlap(request(), offer({ windows: [{ start: "2025-03-01", end: "2025-03-31" }] }), context).value,
    ).toBe(0);
  });
});

describe("cost", () => {
  it("prefers free, then cost recovery, then fee", () => {
    expect(costWithinBudget(request(), offer({ costModel: "free" }), context).value).toBe(1);
    expect(costWithinBudget(request(), offer({ costModel: "cost_recovery" }), context).value).toBe(0.7);
    expect(costWithinBudget(request(), offer({ costModel: "fee" }), context).value).toBe(0.4);
  });
});

describe("readiness for change", () => {
  it("maps the mean readiness score from 1 to 5 onto 0 to 1", () => {
    expect(readinessForChange(request({ readiness: 1 }), offer(), context).value).toBe(0);
    expect(readinessForChange(request({ readiness: 4 }), offer(), context)).toMatchObject({
      value: 0.75,
      text: "Your readiness for change: good (4 out of 5)",
    });
    expect(readinessForChange(request({ readiness: 5 }), offer(), context).value).toBe(1);
  });
  it("is 0.5 without an assessment, and says so", () => {
    expect(readinessForChange(request({ readiness: null }), offer(), context)).toMatchObject({
      value: 0.5,
      text: "No readiness assessment yet",
    });
  });
});

describe("evidence of impact", () => {
  it("is 0 when nothing was measured, and says so rather than inventing impact", () => {
    expect(evidenceOfImpact(request(), offer({ impact: null }), context)).toMatchObject({
      value: 0,
      points: 0,
      text: "No measured impact yet",
    });
    expect(evidenceOfImpact(request(), offer({ impact: { meanChange: 1, measured: 0 } }), context).value).toBe(0);
  });
  it("grows with the mean maturity gain, capped at 1, and never goes below 0", () => {
    expect(evidenceOfImpact(request(), offer({ impact: { meanChange: 1, measured: 4 } }), context)).toMatchObject({
      value: 0.5,
      text: "Maturity rose by 1 level on average after 4 engagements",
    });
    expect(evidenceOfImpact(request(), offer({ impact: { meanChange: 3, measured: 2 } }), context)).toMatchObject({
      value: 1,
      text: "Maturity rose by 3 levels on average after 2 engagements",
    });
    expect(evidenceOfImpact(request(), offer({ impact: { meanChange: -0.5, measured: 2 } }), context).value).toBe(0);
  });
});

describe("scorePair", () => {
  it("sums every factor's points, each value within 0 and 1", () => {
    const scored = scorePair(
      request(),
      offer(),
      { excluded: new Set(), pinned: new Set() },
      DEFAULT_WEIGHTS,
      vocabulary,
    );
    if (!scored.eligible) throw new Error(scored.text);
    expect(scored.factors.map((f) => f.key).sort()).toEqual(Object.keys(DEFAULT_WEIGHTS).sort());
    for (const f of scored.factors) {
      expect(f.value).toBeGreaterThanOrEqual(0);
      expect(f.value).toBeLessThanOrEqual(1);
    }
    // capability 40 × 0.75 + locality 15 + format 10 + audience 10 + time 10 + impact 0 + readiness 5 × 0.5 + cost 2
    expect(scored.score).toBeCloseTo(30 + 15 + 10 + 10 + 10 + 0 + 2.5 + 2);
  });
  it("gives the hard-rule reason instead of a score", () => {
    const scored = scorePair(
      request(),
      offer({ organisationId: "org-req" }),
      { excluded: new Set(), pinned: new Set() },
      DEFAULT_WEIGHTS,
      vocabulary,
    );
    expect(scored).toMatchObject({ eligible: false, reason: "own_organisation" });
  });
});

describe("weights", () => {
  it("add up to 105 (100 of fit to the need, 5 of preference) and are described heaviest first for coordinators", () => {
    expect(maxFitScore(DEFAULT_WEIGHTS)).toBe(105);
    const described = describeWeights();
    expect(described[0]).toMatchObject({ key: "capability", label: "Capability fit", weight: 40 });
    expect(described.every((d) => d.measures.length > 0)).toBe(true);
    expect(described.map((d) => d.weight)).toEqual([...described.map((d) => d.weight)].sort((a, b) => b - a));
  });
});
