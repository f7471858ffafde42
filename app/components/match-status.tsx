import type { MatchStatus, ProposalStatus } from "../../db/schema";
import { PROPOSAL_STATUS_LABELS } from "../domain/proposal-status";

const PROPOSAL_COLOURS: Record<ProposalStatus, string> = {
  proposed: "blue",
  approved: "green",
  rejected: "red",
  overridden: "purple",
  superseded: "grey",
  unmatched: "orange",
};

const MATCH_TAGS: Record<MatchStatus, { label: string; colour: string }> = {
  approved: { label: "Waiting for the pioneer", colour: "blue" },
  accepted: { label: "Accepted", colour: "green" },
  declined: { label: "Declined", colour: "red" },
  cancelled: { label: "Cancelled", colour: "grey" },
  lapsed: { label: "Lapsed", colour: "grey" },
};

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${PROPOSAL_COLOURS[status]}`}>{PROPOSAL_STATUS_LABELS[status]}</strong>
  );
}

export function MatchStatusTag({ status }: { status: MatchStatus }) {
  const tag = MATCH_TAGS[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}
