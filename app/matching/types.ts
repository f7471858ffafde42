/**
 * What matching knows about requests and offers. The matching models load these facts from
 * the database; everything in app/matching works on them without I/O.
 */
export type TravelLimit = "icb" | "region" | "anywhere";
export type CostModel = "free" | "cost_recovery" | "fee";
export type Priority = "low" | "medium" | "high";

export interface DateRange {
  start: string; // YYYY-MM-DD
  end: string; // YYYY-MM-DD, inclusive
}

export interface RequestFacts {
  id: string;
  title: string;
  organisationId: string;
  organisationName: string;
  regionCode: string | null;
  icbCode: string | null;
  capabilityIds: string[];
  audienceCodes: string[];
  formatCodes: string[];
  window: DateRange;
  virtualOk: boolean;
  travelLimit: TravelLimit;
  /** The most the requester can pay. */
  budget: CostModel;
  priority: Priority;
  /** Mean readiness-for-change score (1 to 5) from the latest assessment, or null if never assessed. */
  readiness: number | null;
  /** The requester's latest maturity (1 to 5) per capability id. */
  maturity: Record<string, number>;
  /** The offer the requester asked for ("Ask for this offer"), if any. */
  preferredOfferId?: string | null;
  /** Pioneer organisations that said they are interested in helping with this request. */
  interestedOrganisationIds?: string[];
  /** A coordinator flagged the requesting trust as a priority for support, with this reason. */
  supportPriority?: string | null;
}

export interface OfferFacts {
  id: string;
  title: string;
  organisationId: string;
  organisationName: string;
  regionCode: string | null;
  icbCode: string | null;
  capabilityIds: string[];
  audienceCodes: string[];
  formatCode: string;
  /** The format itself is delivered online (e.g. a virtual session). */
  formatIsVirtual: boolean;
  /** The offer can also be run virtually. */
  virtualOk: boolean;
  costModel: CostModel;
  windows: DateRange[];
  /** Places left this quarter after matches already approved. */
  remainingCapacity: number;
  /** The pioneer trust's shared capacity across all its offers is used up this quarter. */
  sharedCapacityFull?: boolean;
  /** The pioneer's latest maturity (1 to 5) per capability id. */
  maturity: Record<string, number>;
  /** Mean maturity change on targeted capabilities after this offer's past engagements, or null when none was measured. */
  impact: { meanChange: number; measured: number } | null;
}

/**
 * A pioneer trust's offers that share its places left this quarter across all of them (its
 * improvement team's time), as well as each offer's own capacity. `id` is the organisation's id.
 */
export interface SharedCapacityGroup {
  id: string;
  organisationName: string;
  /** Places left this quarter across the offers, at least 1. */
  capacity: number;
  offerIds: string[];
}

/** Display names for explanations. */
export interface Vocabulary {
  capabilityName(id: string): string;
  formatName(code: string): string;
  audienceName(code: string): string;
}

export interface PairRules {
  /** "requestId|offerId" pairs that must never be proposed (blocked by a coordinator, or declined by either side). */
  excluded: Set<string>;
  /** "requestId|offerId" pairs a coordinator pinned: proposed whenever capacity allows. */
  pinned: Set<string>;
}

export const pairKey = (requestId: string, offerId: string) => `${requestId}|${offerId}`;

export interface Factor {
  key: string;
  label: string;
  weight: number;
  /** 0 to 1: how well this pair does on the factor. */
  value: number;
  /** weight × value: the factor's share of the score. */
  points: number;
  /** Plain words, e.g. "Same integrated care board". */
  text: string;
}

export type Ineligibility =
  | "own_organisation"
  | "offer_not_open"
  | "no_shared_capability"
  | "travel_limit"
  | "over_budget"
  | "excluded_pair"
  | "no_capacity"
  | "shared_capacity_full";

export type ScoredPair =
  | { eligible: true; requestId: string; offerId: string; score: number; factors: Factor[] }
  | { eligible: false; requestId: string; offerId: string; reason: Ineligibility; text: string };

export interface Alternative {
  offerId: string;
  offerTitle: string;
  organisationName: string;
  score: number;
  /** Why it was not chosen, in plain words. */
  note: string;
}

export interface Proposal {
  requestId: string;
  offerId: string;
  score: number;
  factors: Factor[];
  alternatives: Alternative[];
  pinned: boolean;
}

export interface Unmatched {
  requestId: string;
  reason: "no_eligible_offer" | "capacity_taken";
  /** Plain words, e.g. "Every eligible offer's places went to requests that had no other option". */
  text: string;
  alternatives: Alternative[];
}

export interface RoundResult {
  proposals: Proposal[];
  unmatched: Unmatched[];
  totalScore: number;
  /** For comparison on the round page: what highest-score-first would have matched. */
  greedyMatched: number;
}
