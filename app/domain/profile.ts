import { ESTABLISHED } from "./maturity";

/** One capability's score in an organisation's latest assessment. */
export interface CapabilityScore {
  capabilityId: string;
  maturity: number;
}

export interface CapabilityProfile {
  /** Capabilities at emerging or below, weakest first. */
  gaps: CapabilityScore[];
  /** Capabilities at established or above, strongest first. */
  strengths: CapabilityScore[];
  /** Maturity per capability, for quick lookup. */
  maturity: Map<string, number>;
}

export const GAP_THRESHOLD = 2;

/** Gaps and strengths from an assessment. Ties keep the input order so results are stable. */
export function capabilityProfile(scores: CapabilityScore[]): CapabilityProfile {
  const ordered = scores.map((s, i) => ({ ...s, i }));
  const gaps = ordered
    .filter((s) => s.maturity <= GAP_THRESHOLD)
    .sort((a, b) => a.maturity - b.maturity || a.i - b.i)
    .map(({ capabilityId, maturity }) => ({ capabilityId, maturity }));
  const strengths = ordered
    .filter((s) => s.maturity >= ESTABLISHED)
    .sort((a, b) => b.maturity - a.maturity || a.i - b.i)
    .map(({ capabilityId, maturity }) => ({ capabilityId, maturity }));
  return { gaps, strengths, maturity: new Map(scores.map((s) => [s.capabilityId, s.maturity])) };
}

/**
 * The capabilities to pre-select on a new help request: the lowest-scored ones, at most
 * `limit`, and only those below established (there is nothing to ask for in a strength).
 */
export function suggestedCapabilities(scores: CapabilityScore[], limit = 3): string[] {
  return scores
    .map((s, i) => ({ ...s, i }))
    .filter((s) => s.maturity < ESTABLISHED)
    .sort((a, b) => a.maturity - b.maturity || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.capabilityId);
}
