import { addDaysToInstant } from "../lib/dates";

/**
 * When the two trusts' feedback on an engagement may be read. Each side rates the engagement
 * without seeing the other's rating first, so neither can answer the other: both ratings open
 * together once both sides have given them, or after a set time even if one side never does.
 */

export const FEEDBACK_REVEAL_DAYS = 30;

export interface FeedbackState {
  /** When the engagement ended (ISO-8601 UTC); null while it is active. */
  endedAt: string | null;
  requesterGiven: boolean;
  pioneerGiven: boolean;
}

/** The moment the feedback opens by time alone: the end plus the reveal period. */
export function feedbackRevealsAt(endedAt: string): string {
  return addDaysToInstant(new Date(endedAt), FEEDBACK_REVEAL_DAYS).toISOString();
}

/** Whether feedback may be read by anyone other than the side that gave it. */
export function feedbackVisible(state: FeedbackState, now: Date): boolean {
  if (state.endedAt === null) return false;
  if (state.requesterGiven && state.pioneerGiven) return true;
  return now.getTime() >= new Date(feedbackRevealsAt(state.endedAt)).getTime();
}

export type FeedbackSide = "requester" | "pioneer";

/**
 * Which sides' feedback a viewer may read now: a side always reads its own; the other side's, and
 * both for a coordinator following the engagement, only once the feedback is visible.
 */
export function readableFeedback(state: FeedbackState, viewerSide: FeedbackSide | null, now: Date): FeedbackSide[] {
  const visible = feedbackVisible(state, now);
  return (["requester", "pioneer"] as const).filter((side) => side === viewerSide || visible);
}

/** Feedback is given once per side, after the engagement has ended. */
export function mayGiveFeedback(state: FeedbackState, viewerSide: FeedbackSide | null): boolean {
  if (viewerSide === null || state.endedAt === null) return false;
  return viewerSide === "requester" ? !state.requesterGiven : !state.pioneerGiven;
}
