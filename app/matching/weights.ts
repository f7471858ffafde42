/**
 * How much each factor counts in a pair's fit score. Weights add up to 105: the 100 of fit to the
 * need, plus 5 for the trusts' own preference. Reasons are in docs/decisions/003-matching-scores.md.
 */
export const FACTOR_KEYS = [
  "capability",
  "locality",
  "format",
  "audience",
  "timeWindow",
  "impact",
  "readiness",
  "cost",
  "preference",
] as const;
export type FactorKey = (typeof FACTOR_KEYS)[number];

export type Weights = Record<FactorKey, number>;

export const DEFAULT_WEIGHTS: Weights = {
  // The purpose of an outreach: a strong pioneer closing a real gap. Nearly as much as the four preferences together.
  capability: 40,
  // Visits are cheaper and relationships last longer close to home; the travel limit already rules out the unacceptable.
  locality: 15,
  // The kind of help asked for (a visit is not a workshop), but a neighbouring format still helps.
  format: 10,
  // Board-level help for a board request matters as much as the format.
  audience: 10,
  // Help outside the requester's window may still be arranged, so it lowers the score rather than ruling out.
  timeWindow: 10,
  // Measured past results are the best evidence we have, but most offers have none yet: kept below the preferences.
  impact: 8,
  // Same for every offer a request could take; it only tips contested places towards organisations ready to use them.
  readiness: 5,
  // Budget is a hard rule already; within budget, cheaper is only a slight preference.
  cost: 2,
  // The trusts' own wishes ("Ask for this offer", a pioneer's "interested" mark): enough to reorder close fits,
  // and, like every factor, part of the fit, so it never outweighs helping one more request.
  preference: 5,
};

export const FACTOR_LABELS: Record<FactorKey, { label: string; measures: string }> = {
  capability: {
    label: "Capability fit",
    measures:
      "How far the requester is below the pioneer on the capabilities asked for, and how many of them the offer covers.",
  },
  locality: {
    label: "Locality",
    measures: "Same integrated care board, same region or further away; no distance penalty for help run virtually.",
  },
  format: { label: "Format", measures: "Whether the offer is one of the formats the requester asked for." },
  audience: {
    label: "Audience",
    measures: "Share of the requested audiences (board, senior leaders, frontline staff…) the offer serves.",
  },
  timeWindow: {
    label: "Time window",
    measures: "Share of the requester's time window in which the pioneer is available.",
  },
  impact: {
    label: "Evidence of impact",
    measures: "Mean maturity gain after the offer's past engagements; nothing measured counts as none.",
  },
  readiness: {
    label: "Readiness for change",
    measures: "The requester's latest readiness-for-change score, so places go where they will be used.",
  },
  cost: {
    label: "Cost",
    measures: "Free offers first, then cost recovery, then fee (never above the requester's budget).",
  },
  preference: {
    label: "Preference",
    measures:
      "Whether the requester asked for this offer, or the pioneer said it is interested in helping with the request (half each).",
  },
};

export interface WeightDescription {
  key: FactorKey;
  label: string;
  weight: number;
  measures: string;
}

/** For the coordinator-facing page explaining how matches are scored, heaviest factor first. */
export function describeWeights(weights: Weights = DEFAULT_WEIGHTS): WeightDescription[] {
  return FACTOR_KEYS.map((key) => ({ key, weight: weights[key], ...FACTOR_LABELS[key] })).sort(
    (a, b) => b.weight - a.weight,
  );
}

/** The highest fit score any pair can reach: every factor at 1. */
export function maxFitScore(weights: Weights): number {
  return FACTOR_KEYS.reduce((sum, key) => sum + weights[key], 0);
}

/** The bonuses below only order the solver's goals correctly when no factor can subtract points. */
export function assertValidWeights(weights: Weights): void {
  for (const key of FACTOR_KEYS) {
    const weight = weights[key];
    if (!Number.isFinite(weight) || weight < 0)
      throw new Error(`Weight for ${key} must be a finite number of at least 0, got ${weight}`);
  }
}

/**
 * Added to every eligible pair's score before solving, so that the solver helps as many requests
 * as possible first and only then maximises fit. It must exceed the fit a reshuffle could lose:
 * helping one more request can move every placed request down a chain of full offers, losing up
 * to the maximum fit on each, so the bonus is the maximum fit times the most requests that can be
 * placed, plus one. A fixed bonus of one maximum fit is not enough (see the decision note).
 */
export function coverageBonus(maxPlaceable: number, weights: Weights = DEFAULT_WEIGHTS): number {
  return Math.max(1, maxPlaceable) * maxFitScore(weights) + 1;
}

/**
 * Added on top for a pair a coordinator pinned, so the solver takes every pin it can before
 * counting coverage or fit: one more pin must outweigh anything the rest of the plan could lose,
 * which is at most every placement's coverage bonus and fit.
 */
export function pinnedBonus(maxPlaceable: number, weights: Weights = DEFAULT_WEIGHTS): number {
  return (Math.max(1, maxPlaceable) + 1) * (coverageBonus(maxPlaceable, weights) + maxFitScore(weights));
}
