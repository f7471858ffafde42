import { compileInstance, greedyAssignment, solveAssignment } from "./solver";
import type { AssignmentInstance } from "./solver";
import { compileGroups, type GroupInput } from "./solver/groups";
import { solveWithGroups } from "./solver/network";
import { displayScore, scorePair } from "./score";
import {
  pairKey,
  type Alternative,
  type Factor,
  type Ineligibility,
  type OfferFacts,
  type PairRules,
  type Proposal,
  type RequestFacts,
  type RoundResult,
  type SharedCapacityGroup,
  type Unmatched,
  type Vocabulary,
} from "./types";
import { NEED_WEIGHT, needFactor, needOf } from "./need";
import { assertValidWeights, coverageBonus, DEFAULT_WEIGHTS, pinnedBonus, type Weights } from "./weights";

export interface RoundInput {
  requests: RequestFacts[];
  offers: OfferFacts[];
  rules: PairRules;
  weights?: Weights;
  vocabulary: Vocabulary;
  alternativesPerRequest?: number;
  /** "Give priority to greatest need" (see need.ts). */
  needPriority?: boolean;
  /** Pioneer trusts' shared capacity across their offers; an offer is in at most one group. */
  groups?: SharedCapacityGroup[];
}

interface Option {
  offer: OfferFacts;
  score: number;
  factors: Factor[];
}

interface Candidates {
  request: RequestFacts;
  /** Eligible offers, best fit first. */
  options: Option[];
  /** Offers sharing a capability with the request but refused by a hard rule. */
  refused: { offer: OfferFacts; reason: Ineligibility }[];
}

/**
 * One matching round: score every pair that shares a capability, then solve exactly for, in order,
 * every pin a coordinator set, as many requests helped as possible, and the highest total fit.
 */
export function proposeRound(input: RoundInput): RoundResult {
  const { rules, vocabulary, weights = DEFAULT_WEIGHTS, alternativesPerRequest = 3 } = input;
  assertValidWeights(weights);
  const candidates = scoreAll(input, weights);

  const needPriority = input.needPriority === true;
  const { instance, groups, solution } = solveCandidates(candidates, input, weights);
  const greedy = greedyAssignment(instance, groups);

  const plan = new Plan(candidates, solution.assignments, rules, input.groups ?? []);
  const proposals: Proposal[] = [];
  const unmatched: Unmatched[] = [];
  for (const entry of candidates) {
    const chosen = plan.chosenOption(entry.request.id);
    if (chosen) {
      const placed = proposal(entry, chosen, plan, alternativesPerRequest);
      // The priority is shown beside the fit, never added to it.
      if (needPriority && needOf(entry.request) > 0)
        placed.factors = [...placed.factors, needFactor(entry.request, vocabulary)];
      proposals.push(placed);
    } else unmatched.push(unplaced(entry, plan, vocabulary, alternativesPerRequest));
  }
  return {
    proposals,
    unmatched,
    totalScore: proposals.reduce((sum, p) => sum + p.score, 0),
    greedyMatched: greedy.requestsMatched,
  };
}

function scoreAll({ requests, offers, rules, vocabulary }: RoundInput, weights: Weights): Candidates[] {
  const offersByCapability = indexByCapability(offers);
  return requests.map((request) => scoreCandidates(request, offersByCapability, rules, weights, vocabulary));
}

/**
 * The solver's instance for a round's input, exactly as proposeRound builds it, with the bonuses
 * it adds on top of each fit and every eligible pair's fit: for questions asked about the round.
 */
export function roundInstance(input: RoundInput): SolverInput & { fits: Map<string, number> } {
  const { rules, weights = DEFAULT_WEIGHTS } = input;
  assertValidWeights(weights);
  const candidates = scoreAll(input, weights);
  const fits = new Map<string, number>();
  for (const entry of candidates)
    for (const option of entry.options) fits.set(pairKey(entry.request.id, option.offer.id), option.score);
  return { ...solverInstance(candidates, rules, weights, input.needPriority === true), fits };
}

/** The exact plan for scored candidates, within each offer's places and each trust's shared capacity. */
function solveCandidates(candidates: Candidates[], input: RoundInput, weights: Weights) {
  const built = solverInstance(candidates, input.rules, weights, input.needPriority === true);
  const instance = compileInstance(built.instance);
  const listed = solverGroups(input.groups ?? [], built.instance);
  const groups = listed.length ? compileGroups(listed, instance) : null;
  // Shared capacity adds a layer the bipartite solver cannot hold; the grouped solver is still exact.
  const solution = groups ? solveWithGroups(instance, groups).result : solveAssignment(instance);
  return { instance, groups, solution };
}

/** The groups as the solver takes them: only offers in the instance, only groups that still hold one. */
export function solverGroups(groups: SharedCapacityGroup[], instance: AssignmentInstance): GroupInput[] {
  const inInstance = new Set(instance.offers.map((offer) => offer.id));
  return groups
    .map((group) => ({
      id: group.id,
      capacity: group.capacity,
      offers: group.offerIds.filter((id) => inInstance.has(id)),
    }))
    .filter((group) => group.offers.length > 0 && group.capacity > 0);
}

function indexByCapability(offers: OfferFacts[]): Map<string, OfferFacts[]> {
  const index = new Map<string, OfferFacts[]>();
  for (const offer of offers) {
    for (const id of new Set(offer.capabilityIds)) {
      const list = index.get(id);
      if (list) list.push(offer);
      else index.set(id, [offer]);
    }
  }
  return index;
}

/** Only offers sharing a capability can be eligible, so only those are scored. */
function scoreCandidates(
  request: RequestFacts,
  offersByCapability: Map<string, OfferFacts[]>,
  rules: PairRules,
  weights: Weights,
  vocabulary: Vocabulary,
): Candidates {
  const seen = new Set<string>();
  const options: Option[] = [];
  const refused: Candidates["refused"] = [];
  for (const capabilityId of request.capabilityIds) {
    for (const offer of offersByCapability.get(capabilityId) ?? []) {
      if (seen.has(offer.id)) continue;
      seen.add(offer.id);
      const scored = scorePair(request, offer, rules, weights, vocabulary);
      if (scored.eligible) options.push({ offer, score: scored.score, factors: scored.factors });
      else refused.push({ offer, reason: scored.reason });
    }
  }
  options.sort((a, b) => b.score - a.score || a.offer.id.localeCompare(b.offer.id));
  return { request, options, refused };
}

/**
 * Fits go to the solver to a ten-thousandth of a point: short decimals let it work in exact integer
 * arithmetic, and closer fits than that are a tie in any sense that matters.
 */
const SOLVER_DECIMALS = 1e4;
const toSolverScore = (score: number) => Math.round(score * SOLVER_DECIMALS) / SOLVER_DECIMALS;

/**
 * Requests need one place each; offers give their remaining places. Every eligible pair gets the
 * coverage bonus and every eligible pin the pin bonus on top of its fit (see weights.ts for why
 * their sizes make the solver's priorities strict).
 */
export interface SolverInput {
  instance: AssignmentInstance;
  /** Added to every eligible pair's fit, so that helping one more request outweighs any fit. */
  coverage: number;
  /** Added on top for a pinned pair. */
  pin: number;
}

function solverInstance(
  candidates: Candidates[],
  rules: PairRules,
  weights: Weights,
  needPriority: boolean,
): SolverInput {
  const offers = new Map<string, OfferFacts>();
  for (const entry of candidates) for (const option of entry.options) offers.set(option.offer.id, option.offer);
  const placeableRequests = candidates.filter((entry) => entry.options.length > 0).length;
  const places = [...offers.values()].reduce((sum, offer) => sum + offer.remainingCapacity, 0);
  const maxPlaceable = Math.min(placeableRequests, places);
  // The need priority counts like fit in the solver, so the coverage and pin bonuses grow to stay above it.
  const extra = needPriority ? NEED_WEIGHT : 0;
  const coverage = coverageBonus(maxPlaceable, weights) + Math.max(1, maxPlaceable) * extra;
  const pin =
    pinnedBonus(maxPlaceable, weights) + (Math.max(1, maxPlaceable) + 1) * (Math.max(1, maxPlaceable) + 2) * extra;
  const instance = {
    requests: candidates
      .filter((entry) => entry.options.length > 0)
      .map((entry) => ({ id: entry.request.id, demand: 1 })),
    offers: [...offers.values()].map((offer) => ({ id: offer.id, capacity: offer.remainingCapacity })),
    edges: candidates.flatMap((entry) =>
      entry.options.map((option) => ({
        request: entry.request.id,
        offer: option.offer.id,
        score: toSolverScore(
          option.score +
            (needPriority ? NEED_WEIGHT * needOf(entry.request) : 0) +
            coverage +
            (rules.pinned.has(pairKey(entry.request.id, option.offer.id)) ? pin : 0),
        ),
      })),
    ),
  };
  return { instance, coverage, pin };
}

/** The solved assignment, with what explanations need to know about who holds which places. */
class Plan {
  private readonly chosen = new Map<string, string>();
  private readonly holders = new Map<string, string[]>();
  private readonly byRequest = new Map<string, Candidates>();
  private readonly groupOf = new Map<string, SharedCapacityGroup>();
  private readonly groupUsed = new Map<string, number>();

  constructor(
    candidates: Candidates[],
    assignments: { request: string; offer: string }[],
    private readonly rules: PairRules,
    groups: SharedCapacityGroup[],
  ) {
    for (const entry of candidates) this.byRequest.set(entry.request.id, entry);
    for (const group of groups) for (const id of group.offerIds) this.groupOf.set(id, group);
    for (const { request, offer } of assignments) {
      this.chosen.set(request, offer);
      this.holders.set(offer, [...(this.holders.get(offer) ?? []), request]);
      const group = this.groupOf.get(offer);
      if (group) this.groupUsed.set(group.id, (this.groupUsed.get(group.id) ?? 0) + 1);
    }
  }

  /** The offer has places of its own left, but its trust's shared capacity is all used by this plan. */
  sharedCapacityBinds(offer: OfferFacts): boolean {
    const group = this.groupOf.get(offer.id);
    return (
      group !== undefined &&
      this.holdersOf(offer.id).length < offer.remainingCapacity &&
      (this.groupUsed.get(group.id) ?? 0) >= group.capacity
    );
  }

  chosenOption(requestId: string): Option | undefined {
    const offerId = this.chosen.get(requestId);
    return this.byRequest.get(requestId)?.options.find((option) => option.offer.id === offerId);
  }

  isPinned(requestId: string): boolean {
    const offerId = this.chosen.get(requestId);
    return offerId !== undefined && this.rules.pinned.has(pairKey(requestId, offerId));
  }

  holdersOf(offerId: string): string[] {
    return this.holders.get(offerId) ?? [];
  }

  hasFreePlace(offer: OfferFacts): boolean {
    return this.holdersOf(offer.id).length < offer.remainingCapacity && !this.sharedCapacityBinds(offer);
  }

  /** The request's only eligible offer is the one it holds. */
  hadNoOtherOption(requestId: string): boolean {
    return (this.byRequest.get(requestId)?.options.length ?? 0) <= 1;
  }

  /** The request could move to another eligible offer without taking anyone's place (or into the one `freedOfferId` leaves). */
  couldMoveFreely(requestId: string, freedOfferId?: string): boolean {
    const held = this.chosen.get(requestId);
    return (this.byRequest.get(requestId)?.options ?? []).some(
      (option) => option.offer.id !== held && (option.offer.id === freedOfferId || this.hasFreePlace(option.offer)),
    );
  }
}

function proposal(entry: Candidates, chosen: Option, plan: Plan, limit: number): Proposal {
  const pinned = plan.isPinned(entry.request.id);
  const alternatives = entry.options
    .filter((option) => option.offer.id !== chosen.offer.id)
    .slice(0, limit)
    .map((option) => alternative(option, notChosenNote(option, chosen, pinned, entry.request.id, plan)));
  return {
    requestId: entry.request.id,
    offerId: chosen.offer.id,
    score: chosen.score,
    factors: chosen.factors,
    alternatives,
    pinned,
  };
}

/**
 * Why a matched request did not get this other offer. A better-fitting offer can only have lost
 * because it is full (or the chosen pair was pinned); the holders of its places say why they kept them.
 */
function notChosenNote(option: Option, chosen: Option, chosenPinned: boolean, requestId: string, plan: Plan): string {
  const theirs = displayScore(option.score);
  const ours = displayScore(chosen.score);
  if (theirs === ours) return `About the same fit (${ours})`;
  if (theirs < ours) return `Lower fit (${theirs} against ${ours})`;
  const higher = `Higher fit (${theirs} against ${ours})`;
  if (chosenPinned) return `${higher}, but a coordinator pinned the offer proposed`;
  if (plan.sharedCapacityBinds(option.offer)) return `${higher}, but ${sharedFullNote(option.offer)}`;
  if (plan.hasFreePlace(option.offer)) return `${higher}, but the plan placed you elsewhere`;
  const holders = plan.holdersOf(option.offer.id).filter((id) => id !== requestId);
  const settled = settledHoldersNote(holders, plan);
  if (settled) return `${higher}, but ${settled}`;
  if (holders.some((id) => !plan.isPinned(id) && plan.couldMoveFreely(id, chosen.offer.id))) {
    return `${higher}, but its places went to requests where they give a better overall fit`;
  }
  return `${higher}, but its places went to requests whose other options were also full`;
}

const PINNED_NOTE = "its places went to matches a coordinator pinned";

/** The offer had places, but its trust can take no more engagements this quarter across its offers. */
const sharedFullNote = (offer: OfferFacts) => `${offer.organisationName}'s shared capacity across its offers was full`;
const NO_OTHER_OPTION_NOTE = "its places went to requests with no other option";
const SETTLED_MIX_NOTE = "its places went to pinned matches and to requests with no other option";

/** When every holder either was pinned or had no other eligible offer, that alone explains the full offer. */
function settledHoldersNote(holders: string[], plan: Plan): string | null {
  if (holders.length === 0) return null;
  const pinned = holders.filter((id) => plan.isPinned(id)).length;
  if (pinned === holders.length) return PINNED_NOTE;
  if (!holders.every((id) => plan.isPinned(id) || plan.hadNoOtherOption(id))) return null;
  return pinned === 0 ? NO_OTHER_OPTION_NOTE : SETTLED_MIX_NOTE;
}

/**
 * An unmatched request with eligible offers lost out on capacity. The solver helps as many requests
 * as possible, and giving this request a holder's place would keep that number, so each holder who
 * was not pinned fits its offer at least as well as this request would.
 */
function unplaced(entry: Candidates, plan: Plan, vocabulary: Vocabulary, limit: number): Unmatched {
  const { request, options } = entry;
  if (options.length === 0) {
    return {
      requestId: request.id,
      reason: "no_eligible_offer",
      text: noEligibleOfferText(entry, vocabulary),
      alternatives: [],
    };
  }
  const shared = options.map((option) => plan.sharedCapacityBinds(option.offer));
  const notes = options.map((option) => settledHoldersNote(plan.holdersOf(option.offer.id), plan));
  const alternatives = options
    .slice(0, limit)
    .map((option, i) =>
      alternative(
        option,
        shared[i]
          ? `Not used: ${sharedFullNote(option.offer)}`
          : `Full: ${notes[i] ?? "its places went to requests with a better fit"}`,
      ),
    );
  if (shared.some(Boolean)) {
    const text = shared.every(Boolean)
      ? "Every eligible offer's trust has used its shared capacity across its offers this quarter"
      : "Every eligible offer is full, or its trust has used its shared capacity across its offers this quarter";
    return { requestId: request.id, reason: "capacity_taken", text, alternatives };
  }
  const text = notes.every((note) => note === PINNED_NOTE)
    ? "Every eligible offer's places went to matches a coordinator pinned"
    : notes.every((note) => note === NO_OTHER_OPTION_NOTE)
      ? "Every eligible offer's places went to requests that had no other option"
      : notes.every((note) => note !== null)
        ? "Every eligible offer's places went to pinned matches or to requests that had no other option"
        : "Every eligible offer is full; places went to requests with a better fit";
  return { requestId: request.id, reason: "capacity_taken", text, alternatives };
}

const REFUSAL_WORDS: Record<Ineligibility, { limit: string; count: string }> = {
  own_organisation: { limit: "outside your own organisation", count: "from your own organisation" },
  offer_not_open: { limit: "that is open", count: "not open" },
  no_shared_capability: { limit: "", count: "teaching none of your capabilities" },
  travel_limit: { limit: "within your travel limit", count: "outside your travel limit" },
  over_budget: { limit: "within your budget", count: "over your budget" },
  excluded_pair: { limit: "that was not blocked or declined", count: "blocked or declined" },
  no_capacity: { limit: "with places left this quarter", count: "with no places left" },
  shared_capacity_full: {
    limit: "from a trust with shared capacity left this quarter",
    count: "from trusts whose shared capacity is full",
  },
};

/** E.g. "No offer teaches Process mapping within your travel limit". */
function noEligibleOfferText({ request, refused }: Candidates, vocabulary: Vocabulary): string {
  const names = (ids: string[]) => ids.map((id) => vocabulary.capabilityName(id)).join(" or ");
  if (request.capabilityIds.length === 0) return "The request names no capability to match on";
  if (refused.length === 0) return `No open offer teaches ${names(request.capabilityIds)}`;
  const taught = names(
    request.capabilityIds.filter((id) => refused.some(({ offer }) => offer.capabilityIds.includes(id))),
  );
  const counts = new Map<Ineligibility, number>();
  for (const { reason } of refused) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  if (counts.size === 1) return `No offer teaches ${taught} ${REFUSAL_WORDS[refused[0].reason].limit}`;
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const parts = ranked.map(([reason, n]) => `${n} ${REFUSAL_WORDS[reason].count}`);
  const offersWord = refused.length === 1 ? "offer teaches" : "offers teach";
  return `${refused.length} ${offersWord} ${taught}, but none suits: ${parts.join(", ")}`;
}

const alternative = (option: Option, note: string): Alternative => ({
  offerId: option.offer.id,
  offerTitle: option.offer.title,
  organisationName: option.offer.organisationName,
  score: option.score,
  note,
});

/** The round solved again with one request's facts changed, for "what if this request were different". */
export interface RoundResolver {
  /** The request's eligible offers with their fits: two versions with the same key solve the same. */
  candidateKey(request: RequestFacts): string;
  /** Each matched request's offer when `request` takes the place of the request with its id. */
  solveWith(request: RequestFacts): Map<string, string>;
}

/** Scores every other request once, so each question re-scores only the request that changed. */
export function roundResolver(input: RoundInput): RoundResolver {
  const { rules, vocabulary, weights = DEFAULT_WEIGHTS } = input;
  assertValidWeights(weights);
  const offersByCapability = indexByCapability(input.offers);
  const score = (request: RequestFacts) => scoreCandidates(request, offersByCapability, rules, weights, vocabulary);
  const scored = input.requests.map(score);
  return {
    candidateKey: (request) =>
      score(request)
        .options.map((option) => `${option.offer.id}:${option.score}`)
        .join(","),
    solveWith: (request) => {
      const candidates = scored.map((entry) => (entry.request.id === request.id ? score(request) : entry));
      const { solution } = solveCandidates(candidates, input, weights);
      return new Map(solution.assignments.map((a) => [a.request, a.offer]));
    },
  };
}
