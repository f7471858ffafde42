import {
  pairKey,
  type CostModel,
  type Ineligibility,
  type OfferFacts,
  type PairRules,
  type RequestFacts,
  type Vocabulary,
} from "./types";

/** Cheapest first: a budget covers its own cost model and every cheaper one. */
const COST_ORDER: CostModel[] = ["free", "cost_recovery", "fee"];
export const CHARGE_WORDS: Record<CostModel, string> = {
  free: "nothing",
  cost_recovery: "cost recovery",
  fee: "a fee",
};
export const BUDGET_WORDS: Record<CostModel, string> = {
  free: "free help only",
  cost_recovery: "up to cost recovery",
  fee: "fees",
};

export const withinBudget = (cost: CostModel, budget: CostModel) =>
  COST_ORDER.indexOf(cost) <= COST_ORDER.indexOf(budget);

/** The offer can be delivered online, either because that is its format or because the pioneer offers to. */
export const runsVirtually = (offer: OfferFacts) => offer.formatIsVirtual || offer.virtualOk;

/** Distance does not matter when the requester accepts virtual help and the offer can be run that way. */
export const distanceIrrelevant = (request: RequestFacts, offer: OfferFacts) =>
  request.virtualOk && runsVirtually(offer);

export const sameIcb = (request: RequestFacts, offer: OfferFacts) =>
  request.icbCode !== null && request.icbCode === offer.icbCode;
export const sameRegion = (request: RequestFacts, offer: OfferFacts) =>
  request.regionCode !== null && request.regionCode === offer.regionCode;

export type Eligibility = { eligible: true } | { eligible: false; reason: Ineligibility; text: string };

const TRAVEL_LIMIT_WORDS = { icb: "your integrated care board", region: "your region" } as const;

/**
 * The hard rules: a pair that breaks one is never proposed, whatever its score, even when a
 * coordinator pinned it. Checked in this order, so the reason given is the most basic one.
 */
export function checkEligibility(
  request: RequestFacts,
  offer: OfferFacts,
  rules: PairRules,
  vocabulary: Vocabulary,
): Eligibility {
  if (offer.organisationId === request.organisationId) {
    return refuse("own_organisation", "This offer is from your own organisation");
  }
  if (!request.capabilityIds.some((id) => offer.capabilityIds.includes(id))) {
    const asked = request.capabilityIds.map((id) => vocabulary.capabilityName(id)).join(", ");
    return refuse("no_shared_capability", `Does not teach any capability you asked for (${asked})`);
  }
  if (rules.excluded.has(pairKey(request.id, offer.id))) {
    return refuse("excluded_pair", "Blocked by a coordinator or declined");
  }
  if (offer.remainingCapacity <= 0) {
    return refuse("no_capacity", "No places left this quarter");
  }
  if (offer.sharedCapacityFull) {
    return refuse(
      "shared_capacity_full",
      `${offer.organisationName} has no places left this quarter across its offers (its shared capacity is full)`,
    );
  }
  if (!withinTravelLimit(request, offer)) {
    const limit = TRAVEL_LIMIT_WORDS[request.travelLimit as keyof typeof TRAVEL_LIMIT_WORDS];
    const virtualWords = request.virtualOk ? "and cannot run virtually" : "and you did not accept virtual help";
    return refuse("travel_limit", `Outside ${limit} (your travel limit) ${virtualWords}`);
  }
  if (!withinBudget(offer.costModel, request.budget)) {
    return refuse(
      "over_budget",
      `Charges ${CHARGE_WORDS[offer.costModel]}; your budget covers ${BUDGET_WORDS[request.budget]}`,
    );
  }
  return { eligible: true };
}

export function withinTravelLimit(request: RequestFacts, offer: OfferFacts): boolean {
  if (distanceIrrelevant(request, offer)) return true;
  if (request.travelLimit === "anywhere") return true;
  if (request.travelLimit === "region") return sameRegion(request, offer);
  return sameIcb(request, offer);
}

const refuse = (reason: Ineligibility, text: string): Eligibility => ({ eligible: false, reason, text });
