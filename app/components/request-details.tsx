import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import type { CostModel, Priority, RequestStatus, TravelLimit } from "../../db/schema";
import { RequestStatusTag } from "~/components/request-status-tag";
import type { RequestProgress } from "~/domain/request-progress";
import { Day } from "~/components/request-time";
import { MultilineText } from "~/components/request-timeline";
import { BUDGETS, PRIORITIES, TRAVEL_LIMITS } from "~/schemas/request";
import { SummaryList } from "./summary-list";

export interface RequestSummary {
  organisation_id: string;
  organisation_name: string;
  region_name: string | null;
  icb_name: string | null;
  status: RequestStatus;
  outcome: string;
  window_start: string;
  window_end: string;
  virtual_ok: number;
  travel_limit: TravelLimit;
  budget: CostModel;
  priority: Priority;
  submitted_at: string | null;
  capabilities: { id: string; name: string }[];
  audiences: { code: string; name: string }[];
  formats: { code: string; name: string }[];
  /** "Ask for this offer": the offer the request was started from, if any. */
  preferred_offer_id?: string | null;
  preferred_offer_title?: string | null;
  preferred_offer_organisation_name?: string | null;
}

/** "Asked for: <offer> (<pioneer>)", linking to the offer. */
export function AskedFor({ request: r }: { request: RequestSummary }) {
  if (!r.preferred_offer_id || !r.preferred_offer_title) return null;
  return (
    <>
      <Link to={`/offers/${r.preferred_offer_id}`}>{r.preferred_offer_title}</Link>
      {r.preferred_offer_organisation_name ? ` (${r.preferred_offer_organisation_name})` : null}
    </>
  );
}

const labelOf = <T extends string>(options: { value: T; label: string }[], value: T) =>
  options.find((o) => o.value === value)?.label ?? value;

const Names = ({ items }: { items: { name: string }[] }) =>
  items.length === 0 ? (
    <>None</>
  ) : (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {items.map((i) => (
        <li key={i.name}>{i.name}</li>
      ))}
    </ul>
  );

/** What the request asks for, as an NHS.UK summary list. */
export function RequestDetails({
  request: r,
  progress,
  unmatchedReason,
  whatIf,
}: {
  request: RequestSummary;
  progress?: RequestProgress;
  unmatchedReason?: string | null;
  /** The smallest change of the request's own that would have matched it, for its own trust. */
  whatIf?: string | null;
}) {
  const rows: [string, ReactNode][] = [
    [
      "Status",
      <span key="status">
        <RequestStatusTag status={r.status} progress={progress} />
        {unmatchedReason ? (
          <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-top-2" data-testid="unmatched-reason">
            {unmatchedReason}
          </span>
        ) : null}
        {whatIf ? (
          <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-top-2" data-testid="what-if">
            {whatIf}
          </span>
        ) : null}
      </span>,
    ],
    [
      "Organisation",
      <Link key="organisation" to={`/organisations/${r.organisation_id}`}>
        {r.organisation_name}
      </Link>,
    ],
    ["Area", [r.icb_name, r.region_name].filter(Boolean).join(", ") || "Not known"],
    ["Capabilities", <Names key="capabilities" items={r.capabilities} />],
    ["What good would look like", <MultilineText key="outcome" text={r.outcome} />],
    ["Who needs to learn", <Names key="audiences" items={r.audiences} />],
    ["Formats accepted", <Names key="formats" items={r.formats} />],
    [
      "When",
      <span key="when">
        <Day date={r.window_start} /> to <Day date={r.window_end} />
      </span>,
    ],
    ["Virtual session acceptable", r.virtual_ok ? "Yes" : "No"],
    ["Travel", labelOf(TRAVEL_LIMITS, r.travel_limit)],
    ["Most they can pay", labelOf(BUDGETS, r.budget)],
    ["Priority", labelOf(PRIORITIES, r.priority)],
  ];
  if (r.preferred_offer_id && r.preferred_offer_title) rows.push(["Asked for", <AskedFor key="asked" request={r} />]);
  return <SummaryList rows={rows} />;
}
