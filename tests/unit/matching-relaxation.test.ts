import { describe, expect, it } from "vitest";
import { relaxationCounts, withRelaxationHint } from "~/matching/relaxation";
import { pairKey, type OfferFacts, type PairRules, type RequestFacts } from "~/matching/types";

const rules = (excluded: string[] = []): PairRules => ({ excluded: new Set(excluded), pinned: new Set() });

/** The requester is in integrated care board QOP (region Y62), asks for SPC in person, nearby and free. */
const request = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  id: "r1",
  title: "Help with SPC",
  organisationId: "org-req",
  organisationName: "Requesting Trust",
  regionCode: "Y62",
  icbCode: "QOP",
  capabilityIds: ["spc"],
  audienceCodes: [],
  formatCodes: [],
  window: { start: "2025-01-01", end: "2025-03-31" },
  virtualOk: false,
  travelLimit: "icb",
  budget: "free",
  priority: "medium",
  readiness: null,
  maturity: {},
  ...overrides,
});

const offer = (id: string, overrides: Partial<OfferFacts> = {}): OfferFacts => ({
  id,
  title: `Offer ${id}`,
  organisationId: `org-${id}`,
  organisationName: `Pioneer ${id}`,
  regionCode: "Y62",
  icbCode: "QOP",
  capabilityIds: ["spc"],
  audienceCodes: [],
  formatCode: "site_visit",
  formatIsVirtual: false,
  virtualOk: false,
  costModel: "free",
  windows: [],
  remainingCapacity: 1,
  maturity: {},
  impact: null,
  ...overrides,
});

const far = (id: string, overrides: Partial<OfferFacts> = {}) =>
  offer(id, { regionCode: "Y56", icbCode: "QKK", ...overrides });

describe("counting the offers one change would let in", () => {
  it("counts far offers that run virtually under virtual sessions, and every far offer under travel", () => {
    const offers = [far("v1", { virtualOk: true }), far("v2", { formatIsVirtual: true }), far("f1")];
    expect(relaxationCounts(request(), offers, rules())).toEqual([
      { relaxation: "virtual", offers: 2 },
      { relaxation: "travel", offers: 3 },
    ]);
  });

  it("counts offers over the budget under paying a fee", () => {
    const offers = [offer("c1", { costModel: "cost_recovery" }), offer("c2", { costModel: "fee" })];
    expect(relaxationCounts(request(), offers, rules())).toEqual([{ relaxation: "budget", offers: 2 }]);
  });

  it("leaves out an offer that two changes together would be needed for", () => {
    expect(relaxationCounts(request(), [far("both", { costModel: "fee" })], rules())).toEqual([]);
  });

  it("never counts what the requester cannot change: its own trust, another capability, blocked pairs, full offers", () => {
    const offers = [
      far("own", { organisationId: "org-req", virtualOk: true }),
      far("other", { capabilityIds: ["flow"], virtualOk: true }),
      far("blocked", { virtualOk: true }),
      far("full", { virtualOk: true, remainingCapacity: 0 }),
    ];
    expect(relaxationCounts(request(), offers, rules([pairKey("r1", "blocked")]))).toEqual([]);
  });

  it("offers no change the request already allows, nor counts offers already eligible", () => {
    const open = request({ virtualOk: true, travelLimit: "anywhere", budget: "fee" });
    expect(relaxationCounts(open, [far("f1"), offer("near")], rules())).toEqual([]);
    expect(relaxationCounts(request(), [offer("near")], rules())).toEqual([]);
  });
});

describe("the hint in words", () => {
  const reason = "No offer teaches Measurement for improvement within your travel limit";

  it("leaves the reason alone when no change would help", () => {
    expect(withRelaxationHint(reason, [])).toBe(reason);
  });

  it("says how many offers one change would let in", () => {
    expect(withRelaxationHint(reason, [{ relaxation: "virtual", offers: 2 }])).toBe(
      `${reason}; 2 offers could help if virtual sessions were acceptable`,
    );
    expect(withRelaxationHint(reason, [{ relaxation: "budget", offers: 1 }])).toBe(
      `${reason}; 1 offer could help if you could pay a fee`,
    );
  });

  it("joins several changes as choices", () => {
    expect(
      withRelaxationHint(reason, [
        { relaxation: "virtual", offers: 1 },
        { relaxation: "travel", offers: 3 },
      ]),
    ).toBe(
      `${reason}; 1 offer could help if virtual sessions were acceptable, or 3 if you would travel anywhere in England`,
    );
  });
});
