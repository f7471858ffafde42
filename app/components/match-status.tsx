import type { MatchStatus, ProposalStatus } from "../../db/schema";

const PROPOSAL_TAGS: Record<ProposalStatus, { label: string; colour: string }> = {
  proposed: { label: "Proposed", colour: "blue" },
  approved: { label: "Approved", colour: "green" },
  rejected: { label: "Rejected", colour: "red" },
  overridden: { label: "Overridden", colour: "purple" },
  superseded: { label: "Superseded", colour: "grey" },
  unmatched: { label: "Unmatched", colour: "orange" },
};

const MATCH_TAGS: Record<MatchStatus, { label: string; colour: string }> = {
  approved: { label: "Waiting for the pioneer", colour: "blue" },
  accepted: { label: "Accepted", colour: "green" },
  declined: { label: "Declined", colour: "red" },
  cancelled: { label: "Cancelled", colour: "grey" },
};

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const tag = PROPOSAL_TAGS[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}

export function MatchStatusTag({ status }: { status: MatchStatus }) {
  const tag = MATCH_TAGS[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}
