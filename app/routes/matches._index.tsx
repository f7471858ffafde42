import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { forbidden, requireSignedIn } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { MatchStatusTag } from "~/components/match-status";
import { MatchesByState } from "~/components/matches-by-state";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { nowIso, quarterLabel } from "~/lib/dates";
import { matchesInScope } from "~/models/matching/match-list.server";
import { listMatchesForOrganisation } from "~/models/matching/responses.server";
import { pageSchema } from "~/schemas/page";

export const meta: MetaFunction = () => [{ title: "Matches - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  if (can(actor, { action: "match:listInScope" })) {
    // Administrators see every area's matches, as a national coordinator does.
    const scope = actor.scope ?? { kind: "national" as const, code: null };
    return json({ list: null, byState: await matchesInScope(getDb(), scope, nowIso()) });
  }
  if (!actor.organisationId) throw forbidden("Matches are listed for the organisations taking part.");
  const { page } = pageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ list: await listMatchesForOrganisation(getDb(), actor.organisationId, { page }), byState: null });
}

export default function Matches() {
  const data = useLoaderData<typeof loader>();
  const { search } = useLocation();
  if (data.byState) return <MatchesByState byState={data.byState} />;
  const { list } = data;
  const matches = list.rows;
  return (
    <>
      <h1>Matches</h1>
      <p>Help your organisation asked for, and help it was asked to give, once a coordinator approved the match.</p>
      {matches.length === 0 ? (
        <p>Your organisation has no matches yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Your organisation&apos;s matches, newest first
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Request
              </th>
              <th scope="col" className="nhsuk-table__header">
                Your part
              </th>
              <th scope="col" className="nhsuk-table__header">
                With
              </th>
              <th scope="col" className="nhsuk-table__header">
                Quarter
              </th>
              <th scope="col" className="nhsuk-table__header">
                Outcome
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {matches.map((m) => (
              <tr className="nhsuk-table__row" key={m.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/matches/${m.id}`}>{m.request_title}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  {m.side === "requester" ? "Asked for help" : `Helping with "${m.offer_title}"`}
                </td>
                <td className="nhsuk-table__cell">
                  {m.side === "requester" ? m.offer_organisation_name : m.request_organisation_name}
                </td>
                <td className="nhsuk-table__cell">{quarterLabel(m.quarter)}</td>
                <td className="nhsuk-table__cell">
                  <MatchStatusTag status={m.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} search={search} />
    </>
  );
}
