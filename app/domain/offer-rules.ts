import { ESTABLISHED, maturityName } from "./maturity";
import type { OfferStatus } from "./offer-availability";

export interface CapabilityClaim {
  capabilityId: string;
  /** The capability's display name, for the message. */
  name: string;
  /** Why the trust can teach it; blank when none was given. */
  evidence: string;
}

export interface EvidenceProblem {
  capabilityId: string;
  message: string;
}

/**
 * A pioneer teaches what it is good at: each capability on an offer must be rated at least
 * established in the organisation's latest assessment, or come with evidence explaining why the
 * trust can teach it anyway (a newer programme, a specialist team, an assessment not yet redone).
 * `latestMaturity` is null when the organisation has never been assessed.
 */
export function offerCapabilityRule(
  claims: CapabilityClaim[],
  latestMaturity: Record<string, number> | null,
): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  for (const claim of claims) {
    const maturity = latestMaturity?.[claim.capabilityId];
    if ((maturity !== undefined && maturity >= ESTABLISHED) || claim.evidence.trim() !== "") continue;
    const why =
      latestMaturity === null
        ? "your organisation has not completed an assessment yet"
        : maturity === undefined
          ? "your latest assessment does not rate it"
          : `your latest assessment rates it ${maturityName(maturity)}`;
    problems.push({ capabilityId: claim.capabilityId, message: `Add evidence for ${claim.name}: ${why}` });
  }
  return problems;
}

/** Whether the form should ask for evidence (it is always accepted, only sometimes required). */
export const evidenceRequired = (maturity: number | undefined) => maturity === undefined || maturity < ESTABLISHED;

export type OfferChange = "pause" | "resume" | "close" | "edit";

/**
 * Which changes an offer in a given (effective) status allows. Pausing a paused offer moves its
 * return date. Closing is final: a closed offer is kept for the record but never changes again.
 */
const ALLOWED: Record<OfferStatus, OfferChange[]> = {
  published: ["pause", "close", "edit"],
  paused: ["pause", "resume", "close", "edit"],
  closed: [],
};

export const allows = (status: OfferStatus, change: OfferChange) => ALLOWED[status].includes(change);

const REFUSALS: Record<OfferChange, string> = {
  pause: "Only a published or paused offer can be paused",
  resume: "Only a paused offer can be resumed",
  close: "This offer is already closed",
  edit: "A closed offer cannot be changed",
};

/** Why a change is refused, or null when it is allowed. */
export const changeProblem = (status: OfferStatus, change: OfferChange): string | null =>
  allows(status, change) ? null : REFUSALS[change];

/** A return date must be after today, so a pause always lasts at least a day. */
export function pauseProblem(until: string, today: string): string | null {
  return until > today ? null : "The return date must be in the future";
}
