import type { MatchStatus } from "../../db/schema";
import { isAnswerOverdue } from "./answer-deadline";

/** Where a match stands for the coordinator following it. */
export type MatchState = "waiting" | "late" | "accepted" | "declined";

/** In the order a coordinator acts on them. */
export const MATCH_STATES: { state: MatchState; heading: string }[] = [
  { state: "late", heading: "Past the answer deadline" },
  { state: "waiting", heading: "Waiting for the pioneer" },
  { state: "accepted", heading: "Accepted" },
  { state: "declined", heading: "Declined, taken back or lapsed" },
];

export function matchState(match: { status: MatchStatus; answer_due_at: string | null }, now: string): MatchState {
  if (match.status === "approved") return isAnswerOverdue(match.answer_due_at, now) ? "late" : "waiting";
  return match.status === "accepted" ? "accepted" : "declined";
}
