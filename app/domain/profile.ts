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

export interface CapabilitySuggestion {
  /** Capabilities to tick: whole groups of the lowest scores that fit in the limit together. */
  ticked: string[];
  /** The next-lowest group, tied at one level and too big to fit: shown, never ticked. */
  tied: string[];
  /** How many more the requester may choose from `tied` to reach the limit. */
  room: number;
}

/**
 * The capabilities to suggest on a new help request, from the lowest score up and only below
 * established (there is nothing to ask for in a strength). A level's capabilities are ticked
 * only when all of them fit within `limit`; when a tie would force an arbitrary choice, none of
 * the tied ones is ticked and they are offered as suggestions instead.
 */
export function suggestedCapabilities(scores: CapabilityScore[], limit = 3): CapabilitySuggestion {
  const candidates = scores.filter((s) => s.maturity < ESTABLISHED);
  const levels = [...new Set(candidates.map((s) => s.maturity))].sort((a, b) => a - b);
  const ticked: string[] = [];
  for (const level of levels) {
    if (ticked.length >= limit) break;
    const group = candidates.filter((s) => s.maturity === level).map((s) => s.capabilityId);
    if (ticked.length + group.length > limit) return { ticked, tied: group, room: limit - ticked.length };
    ticked.push(...group);
  }
  return { ticked, tied: [], room: limit - ticked.length };
}
