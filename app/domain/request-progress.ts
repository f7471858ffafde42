import type { MatchStatus, ProposalStatus, RequestStatus } from "../../db/schema";

/**
 * Where a request really is. The request row alone says "submitted" from submission until the
 * pioneer accepts; matching moves it on in between (proposed, approved and waiting, declined and
 * back in matching, unmatched), which the latest proposal and match tell.
 */
export type RequestProgress =
  | "draft"
  | "submitted"
  | "needs_info"
  | "proposed"
  | "unmatched"
  | "waiting_for_pioneer"
  | "back_in_matching"
  | "accepted"
  | "in_progress"
  | "completed"
  | "withdrawn";

export interface LatestProposal {
  status: ProposalStatus;
  /** When its round ran. */
  at: string;
  unmatchedReason: string | null;
}

export interface LatestMatch {
  status: MatchStatus;
  approvedAt: string;
}

type TagColour = "white" | "grey" | "green" | "aqua-green" | "blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export const PROGRESS_LABELS: Record<RequestProgress, { label: string; colour: TagColour }> = {
  draft: { label: "Draft", colour: "white" },
  submitted: { label: "Submitted", colour: "blue" },
  needs_info: { label: "More information needed", colour: "yellow" },
  proposed: { label: "Proposed for a match", colour: "blue" },
  unmatched: { label: "Not matched this round", colour: "orange" },
  waiting_for_pioneer: { label: "Matched, waiting for the pioneer", colour: "purple" },
  back_in_matching: { label: "Declined, back in matching", colour: "orange" },
  accepted: { label: "Accepted", colour: "purple" },
  in_progress: { label: "In progress", colour: "aqua-green" },
  completed: { label: "Completed", colour: "green" },
  withdrawn: { label: "Withdrawn", colour: "grey" },
};

export function requestProgress(
  status: RequestStatus,
  proposal: LatestProposal | null,
  match: LatestMatch | null,
): RequestProgress {
  switch (status) {
    case "draft":
    case "needs_info":
    case "in_progress":
    case "completed":
    case "withdrawn":
      return status;
    case "matched":
      return "accepted";
    case "submitted": {
      // Whichever happened last, a round's proposal or a match's approval, says where it stands.
      // An approved proposal led to the match, so the match speaks for it.
      const matchIsLatest =
        match !== null &&
        (proposal === null ||
          match.approvedAt >= proposal.at ||
          proposal.status === "approved" ||
          proposal.status === "overridden");
      if (matchIsLatest) {
        if (match.status === "approved") return "waiting_for_pioneer";
        // Declined, taken back for want of an answer, or its engagement stopped: matching again.
        if (match.status !== "accepted") return "back_in_matching";
      }
      if (proposal?.status === "proposed") return "proposed";
      if (proposal?.status === "unmatched") return "unmatched";
      if (match && match.status !== "approved" && match.status !== "accepted") return "back_in_matching";
      return "submitted";
    }
  }
}

/** A round's reason for leaving a request unmatched, for the trust that asked. */
export function unmatchedReasonForRequester(reason: string | null): string {
  if (!reason)
    return "No offer suited this request in the last matching round. A coordinator will look again in the next round.";
  // Capacity reasons speak of other requests and pins, which are the coordinators' business.
  if (reason.startsWith("Every eligible offer"))
    return "The offers that could help you were full this quarter. A coordinator will look again in the next round.";
  return `${reason}. A coordinator will look again in the next round; changing your request may widen the choice.`;
}
