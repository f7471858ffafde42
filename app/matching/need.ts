import { maturityName } from "../domain/maturity";
import type { Factor, RequestFacts, Vocabulary } from "./types";

/**
 * The round option "Give priority to greatest need". Each request gets a need from 0 to 1: half for
 * a trust a coordinator flagged as a priority for support, half for low maturity on the capabilities
 * asked for (not started counts fully, excellent not at all, unassessed as three quarters). With the
 * option on, the solver adds NEED_WEIGHT × need to every pair of the request: the same for each of
 * its offers, so it never changes which offer suits a request best, only which requests win
 * contested places. It is still below the coverage bonus, so as many requests are helped either way.
 */
export const NEED_WEIGHT = 30;
/** Unassessed capability: as in the capability fit, a gap, but not a measured "not started". */
const UNKNOWN_GAP = 0.75;

export function needOf(request: RequestFacts): number {
  return (request.supportPriority ? 0.5 : 0) + 0.5 * maturityGap(request);
}

function maturityGap(request: RequestFacts): number {
  if (request.capabilityIds.length === 0) return 0;
  const gaps = request.capabilityIds.map((id) => {
    const level = request.maturity[id];
    return level === undefined ? UNKNOWN_GAP : Math.min(1, Math.max(0, (5 - level) / 4));
  });
  return gaps.reduce((sum, g) => sum + g, 0) / gaps.length;
}

/** The priority a request got in the plan, as a line of its explanation (not part of the fit score). */
export function needFactor(request: RequestFacts, vocabulary: Vocabulary): Factor {
  const value = needOf(request);
  const levels = request.capabilityIds.map((id) => {
    const level = request.maturity[id];
    const name = vocabulary.capabilityName(id);
    return level === undefined ? `${name} not assessed` : `${maturityName(level).toLowerCase()} in ${name}`;
  });
  const parts = [
    ...(request.supportPriority ? [`your trust is a priority for support (${request.supportPriority})`] : []),
    `your maturity: ${levels.join(", ") || "not assessed"}`,
  ];
  const text = `Given priority for greatest need: ${parts.join("; ")}`;
  return { key: "need", label: "Greatest need", weight: NEED_WEIGHT, value, points: NEED_WEIGHT * value, text };
}

/** How the worst-off requests fared in a plan: the lowest fit among matched requests and the flagged trusts helped. */
export interface WorstOff {
  lowestFit: number | null;
  flaggedHelped: number;
  flaggedRequests: number;
}

export function worstOff(requests: RequestFacts[], matched: { requestId: string; score: number }[]): WorstOff {
  const helped = new Set(matched.map((m) => m.requestId));
  const flagged = requests.filter((r) => r.supportPriority);
  return {
    lowestFit: matched.length ? Math.min(...matched.map((m) => m.score)) : null,
    flaggedHelped: flagged.filter((r) => helped.has(r.id)).length,
    flaggedRequests: flagged.length,
  };
}
