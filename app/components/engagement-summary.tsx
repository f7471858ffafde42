import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import type { EngagementRow } from "~/models/engagement/core.server";
import type { SessionSummary } from "~/models/engagement/sessions.server";
import { formatLocalDateTime } from "~/lib/dates";
import { EngagementStatusTag } from "~/components/engagement-status";
import { Day, Moment } from "~/components/request-time";
import { SummaryList } from "~/components/summary-list";

/** Who takes part, what was asked for and offered, and where the engagement stands. */
export function EngagementSummary({
  engagement: e,
  nextSession,
}: {
  engagement: EngagementRow;
  nextSession: SessionSummary | null;
}) {
  const rows: [string, ReactNode][] = [
    ["Status", <EngagementStatusTag key="status" status={e.status} />],
    [
      "Requesting trust",
      <Link key="requester" to={`/organisations/${e.requester_id}`}>
        {e.requester_name}
      </Link>,
    ],
    [
      "Pioneer trust",
      <Link key="pioneer" to={`/organisations/${e.pioneer_id}`}>
        {e.pioneer_name}
      </Link>,
    ],
    [
      "Request",
      <Link key="request" to={`/requests/${e.request_id}`}>
        {e.request_title}
      </Link>,
    ],
    [
      "Offer",
      <Link key="offer" to={`/offers/${e.offer_id}`}>
        {e.offer_title}
      </Link>,
    ],
    ["Opened", <Moment key="opened" at={e.opened_at} />],
  ];
  if (e.status === "active") {
    rows.push([
      "Next session",
      nextSession ? (
        <Link to={`/engagements/${e.id}/sessions/${nextSession.id}`}>{formatLocalDateTime(nextSession.starts_at)}</Link>
      ) : (
        "None planned"
      ),
    ]);
  }
  if (e.ended_at) {
    rows.push([e.status === "completed" ? "Completed" : "Stopped", <Moment key="ended" at={e.ended_at} />]);
    if (e.end_reason) rows.push([e.status === "completed" ? "Closing note" : "Reason for stopping", e.end_reason]);
  }
  if (e.follow_up_due_on) rows.push(["Follow-up re-assessment due", <Day key="follow-up" date={e.follow_up_due_on} />]);
  return <SummaryList rows={rows} />;
}
