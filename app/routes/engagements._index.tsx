import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { EngagementStatusTag } from "~/components/engagement-status";
import { Pagination } from "~/components/pagination";
import { Day } from "~/components/request-time";
import { getDb } from "~/db.server";
import { formatLocalDateTime, nowInEngland } from "~/lib/dates";
import { listEngagements } from "~/models/engagement/engagements.server";
import { pageSchema } from "~/schemas/request";

export const meta: MetaFunction = () => [{ title: "Engagements - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "engagement:list" });
  const { page } = pageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listEngagements(getDb(), { actor, page, nowLocal: nowInEngland() });
  return json({ ...result, page, forOrganisation: actor.organisationId !== null });
}

export default function Engagements() {
  const { rows, total, page, pageSize, forOrganisation } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Engagements</h1>
      <p>
        {forOrganisation
          ? "Help your organisation is receiving or giving, from an accepted match to its end. Active engagements come first."
          : "Engagements between trusts you follow, from an accepted match to its end. Active engagements come first."}
      </p>
      {rows.length === 0 ? (
        <p>There are no engagements yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">
            {total} engagement{total === 1 ? "" : "s"}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Request
              </th>
              <th scope="col" className="nhsuk-table__header">
                {forOrganisation ? "Your part" : "Trusts"}
              </th>
              <th scope="col" className="nhsuk-table__header">
                Next session
              </th>
              <th scope="col" className="nhsuk-table__header">
                Opened
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((e) => (
              <tr className="nhsuk-table__row" key={e.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/engagements/${e.id}`}>{e.request_title}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  {e.side === "requester"
                    ? `Helped by ${e.pioneer_name}`
                    : e.side === "pioneer"
                      ? `Helping ${e.requester_name}`
                      : `${e.requester_name}, helped by ${e.pioneer_name}`}
                </td>
                <td className="nhsuk-table__cell">
                  {e.next_session_at ? formatLocalDateTime(e.next_session_at) : "None planned"}
                </td>
                <td className="nhsuk-table__cell">
                  <Day date={e.opened_at.slice(0, 10)} />
                </td>
                <td className="nhsuk-table__cell">
                  <EngagementStatusTag status={e.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} search={search} />
    </>
  );
}
