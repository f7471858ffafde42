import { PROPOSAL_STATUS_LABELS } from "../../domain/proposal-status";
import { toSafeCsv, type CsvValue } from "../../lib/csv-safety";
import { quarterLabel } from "../../lib/dates";
import type { RoundDetail } from "./rounds.server";

const HEADER = [
  "Quarter",
  "Request",
  "Requesting trust",
  "Proposed offer",
  "Pioneer trust",
  "Fit score",
  "State",
  "Why",
  "Decided by",
];

/** The round as CSV: one row per proposal and unmatched request, in the page's order, quarters as the page says them. */
export function roundCsv(round: RoundDetail): string {
  const quarter = quarterLabel(round.quarter);
  return toSafeCsv(
    HEADER,
    round.proposals.map((p): CsvValue[] => [
      quarter,
      p.request_title,
      p.request_organisation_name,
      p.offer_title,
      p.offer_organisation_name,
      p.score === null ? null : Math.round(p.score),
      PROPOSAL_STATUS_LABELS[p.status],
      p.decision_reason || p.unmatched_reason || null,
      p.decided_by_name,
    ]),
  );
}
