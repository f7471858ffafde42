import type { ProposalStatus } from "../../db/schema";

/** A proposal's state in the words the round page and its CSV download use. */
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  proposed: "Proposed",
  approved: "Approved",
  rejected: "Rejected",
  overridden: "Overridden",
  superseded: "Superseded",
  unmatched: "Unmatched",
};
