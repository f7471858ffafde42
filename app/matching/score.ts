import { checkEligibility } from "./eligibility";
import { FACTOR_FUNCTIONS } from "./factors";
import type { OfferFacts, PairRules, RequestFacts, ScoredPair, Vocabulary } from "./types";
import type { Weights } from "./weights";

/**
 * A pair's fit score: the sum of each factor's points (weight × value), kept exact; round only
 * for display. Pairs that break a hard rule get the reason instead of a score.
 */
export function scorePair(
  request: RequestFacts,
  offer: OfferFacts,
  rules: PairRules,
  weights: Weights,
  vocabulary: Vocabulary,
): ScoredPair {
  const ids = { requestId: request.id, offerId: offer.id };
  const eligibility = checkEligibility(request, offer, rules, vocabulary);
  if (!eligibility.eligible) return { eligible: false, ...ids, reason: eligibility.reason, text: eligibility.text };
  const factors = FACTOR_FUNCTIONS.map((score) => score(request, offer, { weights, vocabulary }));
  return { eligible: true, ...ids, score: factors.reduce((sum, f) => sum + f.points, 0), factors };
}

/** Scores as shown to people: whole points out of 100 at the default weights. */
export const displayScore = (score: number) => Math.round(score);
