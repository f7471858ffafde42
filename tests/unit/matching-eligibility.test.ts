import { describe, expect, it } from "vitest";
import { checkEligibility, withinBudget } from "~/matching/eligibility";
import {
  pairKey,
  type CostModel,
  type OfferFacts,
  type PairRules,
  type RequestFacts,
  type Vocabulary,
} from "~/matching/types";

const NAMES: Record<string, string> = { spc: "Measurement for improvement", mapping: "Process mapping", flow: "Flow" };
const vocabulary: Vocabulary = { capabilityName: (id) => NAMES[id], formatName: (c) => c, audienceName: (c) => c };
const noRules = (): PairRules => ({ excluded: new Set(), pinned: new Set() });

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  id: "r1",
  title: "Help with SPC",
  organisationId: "org-req",
  organisationName: "Requesting Trust",
  regionCode: "Y62",
  icbCode: "QOP",
  capabilityIds: ["spc", "mapping"],
  audienceCodes: [],
  formatCodes: [],
  window: { start: "2025-01-01", end: "2025-03-31" },
  virtualOk: false,
  travelLimit: "anywhere",
  budget: "fee",
  priority: "medium",
  readiness: null,
  maturity: {},
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

const check = (r: RequestFacts, o: OfferFacts, rules = noRules()) => checkEligibility(r, o, rules, vocabulary);
const reasonOf = (r: RequestFacts, o: OfferFacts, rules = noRules()) => {
  const result = check(r, o, rules);
  return result.eligible ? "eligible" : result.reason;
};

const sameRegionOtherIcb = { regionCode: "Y62", icbCode: "QYG" };
const otherRegion = { regionCode: "Y56", icbCode: "QKK" };

describe("hard rules", () => {
  it("accepts a pair that breaks none", () => {
    expect(check(request(), offer())).toEqual({ eligible: true });
  });

  it("refuses an offer from the requester's own organisation", () => {
    expect(check(request(), offer({ organisationId: "org-req" }))).toEqual({
      eligible: false,
      reason: "own_organisation",
      text: "This offer is from your own organisation",
    });
  });

  it("refuses an offer with no places left", () => {
    expect(check(request(), offer({ remainingCapacity: 0 }))).toMatchObject({
      reason: "no_capacity",
      text: "No places left this quarter",
    });
  });

  it("refuses an offer that teaches none of the capabilities asked for, naming them", () => {
    expect(check(request(), offer({ capabilityIds: ["flow"] }))).toMatchObject({
      reason: "no_shared_capability",
      text: "Does not teach any capability you asked for (Measurement for improvement, Process mapping)",
    });
    expect(reasonOf(request(), offer({ capabilityIds: ["flow", "mapping"] }))).toBe("eligible");
  });

  it("refuses a pair blocked by a coordinator or declined by either side", () => {
    const rules = noRules();
    rules.excluded.add(pairKey("r1", "o1"));
    expect(check(request(), offer(), rules)).toMatchObject({
      reason: "excluded_pair",
      text: "Blocked by a coordinator or declined",
    });
    expect(reasonOf(request({ id: "r2" }), offer(), rules)).toBe("eligible");
  });
});

describe("travel limit", () => {
  it("same integrated care board only", () => {
    const r = request({ travelLimit: "icb" });
    expect(reasonOf(r, offer())).toBe("eligible");
    expect(reasonOf(r, offer(sameRegionOtherIcb))).toBe("travel_limit");
    expect(reasonOf(r, offer(otherRegion))).toBe("travel_limit");
  });

  it("same region", () => {
    const r = request({ travelLimit: "region" });
    expect(reasonOf(r, offer(sameRegionOtherIcb))).toBe("eligible");
    expect(check(r, offer(otherRegion))).toMatchObject({
      reason: "travel_limit",
      text: "Outside your region (your travel limit) and you did not accept virtual help",
    });
  });

  it("anywhere", () => {
    expect(reasonOf(request({ travelLimit: "anywhere" }), offer(otherRegion))).toBe("eligible");
  });

  it("never treats two unrecorded locations as the same place", () => {
    expect(reasonOf(request({ travelLimit: "icb", icbCode: null }), offer({ icbCode: null }))).toBe("travel_limit");
    expect(reasonOf(request({ travelLimit: "region", regionCode: null }), offer({ regionCode: null }))).toBe(
      "travel_limit",
    );
  });

  it("lets a requester who accepts virtual help take an offer run virtually, however far", () => {
    const r = request({ travelLimit: "icb", virtualOk: true });
    expect(reasonOf(r, offer({ ...otherRegion, virtualOk: true }))).toBe("eligible");
    expect(reasonOf(r, offer({ ...otherRegion, formatIsVirtual: true }))).toBe("eligible");
    expect(check(r, offer(otherRegion))).toMatchObject({
      reason: "travel_limit",
      text: "Outside your integrated care board (your travel limit) and cannot run virtually",
    });
  });

  it("keeps the limit for a requester who does not accept virtual help, even when the offer runs virtually", () => {
    const r = request({ travelLimit: "region", virtualOk: false });
    expect(reasonOf(r, offer({ ...otherRegion, virtualOk: true }))).toBe("travel_limit");
    expect(reasonOf(r, offer({ ...otherRegion, formatIsVirtual: true }))).toBe("travel_limit");
  });
});

describe("budget", () => {
  const order: CostModel[] = ["free", "cost_recovery", "fee"];
  it("allows a cost model up to the budget, in the order free, cost recovery, fee", () => {
    for (const [b, budget] of order.entries()) {
      for (const [c, cost] of order.entries()) {
        expect(withinBudget(cost, budget), `${cost} within ${budget}`).toBe(c <= b);
        expect(reasonOf(request({ budget }), offer({ costModel: cost }))).toBe(c <= b ? "eligible" : "over_budget");
      }
    }
  });
  it("says what the offer charges and what the budget covers", () => {
    expect(check(request({ budget: "cost_recovery" }), offer({ costModel: "fee" }))).toMatchObject({
      text: "Charges a fee; your budget covers up to cost recovery",
    });
    expect(check(request({ budget: "free" }), offer({ costModel: "cost_recovery" }))).toMatchObject({
      text: "Charges cost recovery; your budget covers free help only",
    });
  });
});
