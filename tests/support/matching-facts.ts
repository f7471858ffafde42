import type { OfferFacts, PairRules, RequestFacts, Vocabulary } from "~/matching/types";

/** Small hand-built rounds for the matching tests: a few named capabilities, places and trusts. */
export const NAMES: Record<string, string> = {
  spc: "Measurement for improvement",
  mapping: "Process mapping",
  flow: "Flow",
  site_visit: "Site visit",
  workshop: "Training or workshop",
  board: "Board",
  frontline: "All staff",
};
export const vocabulary: Vocabulary = {
  capabilityName: (id) => NAMES[id],
  formatName: (c) => NAMES[c],
  audienceName: (c) => NAMES[c],
};
export const rules = (pinned: string[] = [], excluded: string[] = []): PairRules => ({
  pinned: new Set(pinned),
  excluded: new Set(excluded),
});

/** Places: integrated care boards QOP (region Y62), QKK (Y56), QJK (Y58). */
export const PLACES = { QOP: "Y62", QKK: "Y56", QJK: "Y58" } as const;
export type Icb = keyof typeof PLACES;

export const request = (id: string, icb: Icb, overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  id,
  title: `Request ${id}`,
  organisationId: `org-${id}`,
  organisationName: `Trust ${id}`,
  regionCode: PLACES[icb],
  icbCode: icb,
  capabilityIds: ["spc"],
  audienceCodes: ["board"],
  formatCodes: ["site_visit"],
  window: { start: "2025-01-01", end: "2025-03-31" },
  virtualOk: false,
  travelLimit: "anywhere",
  budget: "fee",
  priority: "medium",
  readiness: 5,
  maturity: { spc: 1 },
  ...overrides,
});

export const offer = (id: string, icb: Icb, overrides: Partial<OfferFacts> = {}): OfferFacts => ({
  id,
  title: `Offer ${id}`,
  organisationId: `org-${id}`,
  organisationName: `Pioneer ${id}`,
  regionCode: PLACES[icb],
  icbCode: icb,
  capabilityIds: ["spc"],
  audienceCodes: ["board"],
  formatCode: "site_visit",
  formatIsVirtual: false,
  virtualOk: false,
  costModel: "free",
  windows: [],
  remainingCapacity: 1,
  maturity: { spc: 5 },
  impact: { meanChange: 2, measured: 3 },
  ...overrides,
});

/** An offer that is eligible but fits poorly on every preference: far, wrong format and audience, out of window, weak pioneer, a fee. */
export const poorOffer = (id: string, icb: Icb, overrides: Partial<OfferFacts> = {}) =>
  offer(id, icb, {
    audienceCodes: ["frontline"],
    formatCode: "workshop",
    costModel: "fee",
    windows: [{ start: "2025-06-01", end: "2025-06-30" }],
    maturity: { spc: 2, mapping: 2 },
    impact: null,
    ...overrides,
  });
