/**
 * Questions a coordinator asks about a round, answered exactly from the round's optimum and in
 * words: where one more place would help a request that got nothing, and why a given request and
 * offer were not matched. The generic solver gives the numbers; this module names the trusts.
 */
import { BUDGET_WORDS, CHARGE_WORDS, checkEligibility } from "./eligibility";
import { roundInstance, solverGroups, type RoundInput } from "./round";
import { compileGroups, type GroupInput } from "./solver/groups";
import { compileInstance } from "./solver/instance";
import { solveWithGroups } from "./solver/network";
import { displayScore } from "./score";
import { forcedPairLoss, type ForcedPair } from "./solver/forced";
import { offerMarginals } from "./solver/marginals";
import { solveAssignment, solveWithFlow } from "./solver/solve";
import type { Assignment, AssignmentInstance } from "./solver/types";
import { pairKey, type OfferFacts, type RequestFacts, type SharedCapacityGroup } from "./types";

export interface HelpedRequest {
  requestId: string;
  requestTitle: string;
  organisationName: string;
  /** The request could take the new place itself (otherwise someone moves to it and frees theirs). */
  direct: boolean;
  /** Eligible offers the request has besides this one (all full). */
  otherOffers: number;
}

export interface OneMorePlace {
  offerId: string;
  offerTitle: string;
  organisationId: string;
  organisationName: string;
  helped: HelpedRequest[];
  /** E.g. "One more place on Run charts would help Derby (Flow for the board), which has no other eligible offer". */
  text: string;
}

/**
 * The offers where one more place this quarter would get one more request matched, the most
 * valuable first (the rise in the round's optimum), at most `limit` of them. The request helped
 * is found by solving again with that one extra place.
 */
export function whereOneMorePlaceHelps(input: RoundInput, limit = 5): OneMorePlace[] {
  const { instance, fits } = roundInstance(input);
  const groups = solverGroups(input.groups ?? [], instance);
  if (groups.length > 0) return whereOneMorePlaceHelpsShared(input, instance, fits, groups, limit);
  const solved = solveWithFlow(instance);
  const matched = new Set(solved.result.assignments.map((a) => a.request));
  const requests = new Map(input.requests.map((r) => [r.id, r]));
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const eligibleCount = new Map<string, number>();
  for (const key of fits.keys()) {
    const requestId = key.slice(0, key.indexOf("|"));
    eligibleCount.set(requestId, (eligibleCount.get(requestId) ?? 0) + 1);
  }
  const ranked = offerMarginals(solved.instance, solved.flow())
    .filter((m) => m.moreHelped === 1)
    .sort((a, b) => b.oneMorePlace - a.oneMorePlace || a.offer.localeCompare(b.offer));
  const result: OneMorePlace[] = [];
  for (const { offer: offerId } of ranked) {
    if (result.length >= limit) break;
    const offer = offers.get(offerId)!;
    const more = solveAssignment({
      ...instance,
      offers: instance.offers.map((o) => (o.id === offerId ? { ...o, capacity: o.capacity + 1 } : o)),
    });
    const helped = more.assignments
      .filter((a) => !matched.has(a.request))
      .map(({ request: requestId }): HelpedRequest => {
        const request = requests.get(requestId)!;
        const direct = fits.has(pairKey(requestId, offerId));
        return {
          requestId,
          requestTitle: request.title,
          organisationName: request.organisationName,
          direct,
          otherOffers: (eligibleCount.get(requestId) ?? 0) - (direct ? 1 : 0),
        };
      });
    if (helped.length === 0) continue;
    result.push({
      offerId,
      offerTitle: offer.title,
      organisationId: offer.organisationId,
      organisationName: offer.organisationName,
      helped,
      text: oneMorePlaceText(offer, helped[0]),
    });
  }
  return result;
}

/**
 * The same with trusts' shared capacity: an offer's own place helps only where its trust's limit
 * does not bind, and where the trust's limit binds, one more engagement for the trust is named instead.
 */
function whereOneMorePlaceHelpsShared(
  input: RoundInput,
  instance: AssignmentInstance,
  fits: Map<string, number>,
  groups: GroupInput[],
  limit: number,
): OneMorePlace[] {
  const solve = (inst: AssignmentInstance, gs: GroupInput[]) => {
    const compiled = compileInstance(inst);
    return solveWithGroups(compiled, compileGroups(gs, compiled)!);
  };
  const solved = solve(instance, groups);
  const matched = new Set(solved.result.assignments.map((a) => a.request));
  const requests = new Map(input.requests.map((r) => [r.id, r]));
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const trusts = new Map((input.groups ?? []).map((g) => [g.id, g]));
  const eligibleCount = new Map<string, number>();
  for (const key of fits.keys()) {
    const requestId = key.slice(0, key.indexOf("|"));
    eligibleCount.set(requestId, (eligibleCount.get(requestId) ?? 0) + 1);
  }
  const marginals = solved.marginals();
  const ranked = [
    ...marginals.offers.map((m) => ({ ...m, group: null as string | null })),
    ...marginals.groups.map((m) => ({ offer: "", ...m })),
  ]
    .filter((m) => m.moreHelped === 1)
    .sort((a, b) => b.oneMorePlace - a.oneMorePlace || (a.group ?? a.offer).localeCompare(b.group ?? b.offer));
  const result: OneMorePlace[] = [];
  for (const entry of ranked) {
    if (result.length >= limit) break;
    const more = entry.group
      ? solve(
          instance,
          groups.map((g) => (g.id === entry.group ? { ...g, capacity: g.capacity + 1 } : g)),
        )
      : solve(
          {
            ...instance,
            offers: instance.offers.map((o) => (o.id === entry.offer ? { ...o, capacity: o.capacity + 1 } : o)),
          },
          groups,
        );
    const gained = more.result.assignments.find((a) => !matched.has(a.request));
    if (!gained) continue;
    const trust = entry.group ? trusts.get(entry.group) : undefined;
    const offerId = trust ? (trust.offerIds.includes(gained.offer) ? gained.offer : trust.offerIds[0]) : entry.offer;
    const offer = offers.get(offerId)!;
    const request = requests.get(gained.request)!;
    const direct = trust
      ? trust.offerIds.some((id) => fits.has(pairKey(gained.request, id)))
      : fits.has(pairKey(gained.request, offerId));
    const helped: HelpedRequest = {
      requestId: gained.request,
      requestTitle: request.title,
      organisationName: request.organisationName,
      direct,
      otherOffers: (eligibleCount.get(gained.request) ?? 0) - (direct && !trust ? 1 : 0),
    };
    result.push({
      offerId,
      offerTitle: offer.title,
      organisationId: offer.organisationId,
      organisationName: offer.organisationName,
      helped: [helped],
      text: trust ? sharedPlaceText(trust, helped) : oneMorePlaceText(offer, helped),
    });
  }
  return result;
}

/** E.g. "One more engagement this quarter for Leeds Trust, whose shared capacity across its offers is full, would help …". */
function sharedPlaceText(trust: SharedCapacityGroup, helped: HelpedRequest): string {
  const who = `${helped.organisationName} (${helped.requestTitle})`;
  const lead = `One more engagement this quarter for ${trust.organisationName}, whose shared capacity across its offers is full,`;
  return helped.direct
    ? `${lead} would help ${who}`
    : `${lead} would let a matched request move to one of its offers and free a place for ${who}`;
}

function oneMorePlaceText(offer: OfferFacts, helped: HelpedRequest): string {
  const who = `${helped.organisationName} (${helped.requestTitle})`;
  if (!helped.direct)
    return `One more place on ${offer.title} would let a matched request move to it and free a place for ${who}`;
  if (helped.otherOffers === 0)
    return `One more place on ${offer.title} would help ${who}, which has no other eligible offer`;
  const others =
    helped.otherOffers === 1 ? "other eligible offer is" : `${helped.otherOffers} other eligible offers are`;
  return `One more place on ${offer.title} would help ${who}, whose ${others} full`;
}

export interface PairChange {
  requestId: string;
  requestTitle: string;
  requestOrganisation: string;
  offerId: string;
  offerTitle: string;
  offerOrganisation: string;
  /** The pair's fit score. */
  fit: number;
}

export type WhyNot =
  | { kind: "request_closed" | "offer_closed" | "ineligible" | "in_plan"; text: string }
  | {
      kind: "costly";
      text: string;
      /** How much the round's total fit would fall (the other changes aside). */
      fitFall: number;
      /** How many more requests would go unmatched. */
      fewerMatched: number;
      /** How many pinned pairs would be given up. */
      pinsLost: number;
      added: PairChange[];
      removed: PairChange[];
    };

/**
 * Why a request and an offer were not matched: the hard rule that excludes the pair, or, if the
 * pair is eligible, what forcing it into the best plan would cost and which proposals would change.
 */
export function whyNotPair(input: RoundInput, requestId: string, offerId: string): WhyNot {
  const request = input.requests.find((r) => r.id === requestId);
  const offer = input.offers.find((o) => o.id === offerId);
  if (!request) return { kind: "request_closed", text: "This request is no longer open to matching" };
  if (!offer) return { kind: "offer_closed", text: "This offer is not open to matching this quarter" };
  const eligibility = checkEligibility(request, offer, input.rules, input.vocabulary);
  if (!eligibility.eligible) return { kind: "ineligible", text: ruleText(eligibility.reason, request, offer, input) };

  const { instance, fits } = roundInstance(input);
  const groups = solverGroups(input.groups ?? [], instance);
  let forced: ForcedPair;
  if (groups.length > 0) {
    const compiled = compileInstance(instance);
    forced = solveWithGroups(compiled, compileGroups(groups, compiled)!).forcedPair(requestId, offerId);
  } else {
    const solved = solveWithFlow(instance);
    forced = forcedPairLoss(solved.instance, solved.flow(), requestId, offerId);
  }
  if (forced.added.length === 0) return { kind: "in_plan", text: "The best plan for this round matches this pair" };
  const requests = new Map(input.requests.map((r) => [r.id, r]));
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const change = (a: Assignment): PairChange => ({
    requestId: a.request,
    requestTitle: requests.get(a.request)!.title,
    requestOrganisation: requests.get(a.request)!.organisationName,
    offerId: a.offer,
    offerTitle: offers.get(a.offer)!.title,
    offerOrganisation: offers.get(a.offer)!.organisationName,
    fit: fits.get(pairKey(a.request, a.offer))!,
  });
  const added = forced.added.map(change);
  const removed = forced.removed.map(change);
  const sum = (list: PairChange[]) => list.reduce((total, p) => total + p.fit, 0);
  const pins = (list: Assignment[]) => list.filter((a) => input.rules.pinned.has(pairKey(a.request, a.offer))).length;
  const fitFall = sum(removed) - sum(added);
  const fewerMatched = removed.length - added.length;
  const pinsLost = pins(forced.removed) - pins(forced.added);
  return {
    kind: "costly",
    text: costText(fitFall, fewerMatched, pinsLost),
    fitFall,
    fewerMatched,
    pinsLost,
    added,
    removed,
  };
}

function costText(fitFall: number, fewerMatched: number, pinsLost: number): string {
  const parts: string[] = [];
  if (pinsLost > 0) parts.push(`give up ${pinsLost} pinned ${pinsLost === 1 ? "pair" : "pairs"}`);
  if (fewerMatched > 0)
    parts.push(`leave ${fewerMatched} more ${fewerMatched === 1 ? "request" : "requests"} without a match`);
  const points = displayScore(Math.abs(fitFall));
  if (fitFall > 0 && points > 0)
    parts.push(`lower the round's total fit by ${points} ${points === 1 ? "point" : "points"}`);
  else if (fitFall > 0) parts.push("lower the round's total fit by less than a point");
  else if (fitFall < 0 && parts.length > 0) parts.push(`raise the total fit by ${points} points, which matters less`);
  if (parts.length === 0) return "Matching this pair would cost nothing: another plan just as good includes it";
  const last = parts.pop()!;
  return `Matching this pair would ${parts.length ? `${parts.join(", ")} and ${last}` : last}`;
}

const TRAVEL_WORDS = { icb: "its integrated care board", region: "its region" } as const;

/** The hard rule in a coordinator's words (eligibility's own words speak to the requester). */
function ruleText(
  reason: Exclude<ReturnType<typeof checkEligibility>, { eligible: true }>["reason"],
  request: RequestFacts,
  offer: OfferFacts,
  input: RoundInput,
): string {
  switch (reason) {
    case "own_organisation":
      return `The offer is from ${request.organisationName}, the requesting trust itself`;
    case "no_shared_capability": {
      const asked = request.capabilityIds.map((id) => input.vocabulary.capabilityName(id)).join(", ");
      return `The offer teaches none of the capabilities the request asks for (${asked || "none named"})`;
    }
    case "excluded_pair":
      return "A coordinator blocked this pair, or one side declined it";
    case "no_capacity":
      return "The offer has no places left this quarter";
    case "shared_capacity_full":
      return `${offer.organisationName}'s shared capacity across its offers is full this quarter`;
    case "travel_limit": {
      const limit = TRAVEL_WORDS[request.travelLimit as keyof typeof TRAVEL_WORDS];
      const virtual = request.virtualOk
        ? "the offer cannot run virtually"
        : "the requester did not accept virtual sessions";
      return `The offer is outside ${limit}, the request's travel limit, and ${virtual}`;
    }
    case "over_budget":
      return `The offer charges ${CHARGE_WORDS[offer.costModel]}; the request's budget covers ${BUDGET_WORDS[request.budget]}`;
    case "offer_not_open":
      return "The offer is not open";
  }
}
