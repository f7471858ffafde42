/**
 * Impact of an engagement: the change in maturity on the capabilities the request targeted,
 * between the requester's assessment before the engagement and its first one after. Only
 * capabilities scored in both assessments count; with none, nothing is measured.
 */
export interface CapabilityChange {
  capabilityId: string;
  before: number;
  after: number;
}

export interface MeasuredImpact {
  meanChange: number;
  capabilities: CapabilityChange[];
}

export function measureImpact(input: {
  targeted: readonly string[];
  before: Readonly<Record<string, number>>;
  after: Readonly<Record<string, number>>;
}): MeasuredImpact | null {
  const capabilities = [...new Set(input.targeted)]
    .filter((id) => input.before[id] !== undefined && input.after[id] !== undefined)
    .sort()
    .map((capabilityId) => ({ capabilityId, before: input.before[capabilityId], after: input.after[capabilityId] }));
  if (capabilities.length === 0) return null;
  const meanChange = capabilities.reduce((sum, c) => sum + (c.after - c.before), 0) / capabilities.length;
  return { meanChange: Math.round(meanChange * 1000) / 1000, capabilities };
}

export interface DatedAssessment {
  id: string;
  /** YYYY-MM-DD */
  assessedOn: string;
  /** Tie-break for two assessments on one day: the later-recorded one wins. */
  createdAt: string;
}

/**
 * The pair to compare: the latest assessment on or before the day the engagement opened, and the
 * first one on or after the day it ended (and recorded after it ended), never the same one. Null
 * when either is missing.
 */
export function assessmentsAround<T extends DatedAssessment>(
  assessments: readonly T[],
  window: {
    openedOn: string;
    endedOn: string;
    /** The instant it ended: an assessment recorded earlier that day came before the end. */ endedAt?: string;
  },
): { before: T; after: T } | null {
  const ordered = [...assessments].sort(
    (a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.createdAt.localeCompare(b.createdAt),
  );
  const beforeIndex = ordered.filter((a) => a.assessedOn <= window.openedOn).length - 1;
  if (beforeIndex < 0) return null;
  // Later in the order, so a same-day pair compares in the order they were recorded.
  const after = ordered
    .slice(beforeIndex + 1)
    .find((a) => a.assessedOn >= window.endedOn && (!window.endedAt || a.createdAt >= window.endedAt));
  return after ? { before: ordered[beforeIndex], after } : null;
}
