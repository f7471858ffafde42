import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assertCan, notFound, requireSignedIn } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { AssessmentComparison } from "~/components/assessment-comparison";
import { formatDate } from "~/lib/dates";
import { getDb } from "~/db.server";
import { assessmentHistory, latestAgainstPrevious } from "~/models/assessment/assessments.server";
import { getOrganisation } from "~/models/organisation/organisations.server";
import { refOf } from "~/models/organisation/guard.server";

export const meta: MetaFunction = () => [{ title: "Capability self-assessment - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const db = getDb();
  const organisation = actor.organisationId ? await getOrganisation(db, actor.organisationId) : undefined;
  if (!organisation) throw notFound("You do not belong to an organisation");
  const ref = refOf(organisation);
  assertCan(actor, { action: "assessment:view", organisation: ref });
  const [comparison, history] = await Promise.all([
    latestAgainstPrevious(db, actor, organisation.id),
    assessmentHistory(db, actor, organisation.id),
  ]);
  return json({
    organisationName: organisation.name,
    comparison,
    history,
    canRecord: can(actor, { action: "assessment:record", organisation: ref }),
  });
}

export default function Assessment() {
  const { organisationName, comparison, history, canRecord } = useLoaderData<typeof loader>();
  const latest = comparison.latest;
  return (
    <>
      <span className="nhsuk-caption-l">{organisationName}</span>
      <h1>Capability self-assessment</h1>
      {latest ? (
        <p>
          Latest assessment recorded on {formatDate(latest.assessedOn)} by {latest.assessedByName}
          {comparison.previous ? `, compared with ${formatDate(comparison.previous.assessedOn)}` : ""}.
        </p>
      ) : (
        <p>
          Your organisation has not recorded a self-assessment yet. Score each capability from 1 (not started) to 5
          (exemplary) to find your gaps and strengths.
        </p>
      )}
      {canRecord ? (
        <Link className="nhsuk-button" to="/assessment/new">
          {latest ? "Start a new assessment" : "Start an assessment"}
        </Link>
      ) : null}
      {latest ? (
        <>
          <h2>Latest against previous</h2>
          <AssessmentComparison comparison={comparison} showEvidence />
          <h2>History</h2>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Every assessment recorded, newest first
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Date
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Recorded by
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Mean maturity
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Note
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {history.map((h) => (
                <tr className="nhsuk-table__row" key={h.id}>
                  <td className="nhsuk-table__cell peerlink-nowrap">{formatDate(h.assessedOn)}</td>
                  <td className="nhsuk-table__cell">{h.assessedByName}</td>
                  <td className="nhsuk-table__cell">
                    {h.meanMaturity === null
                      ? "None"
                      : `${h.meanMaturity.toFixed(1)} over ${h.capabilitiesScored} capabilities`}
                  </td>
                  <td className="nhsuk-table__cell">{h.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
