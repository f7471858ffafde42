import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy";
import { getDb } from "~/db.server";
import { AssessmentComparison } from "~/components/assessment-comparison";
import { latestAgainstPrevious } from "~/models/assessment/assessments.server";
import { ORGANISATION_TYPES } from "~/domain/organisation-types";
import { requireVisibleOrganisation } from "~/models/organisation/guard.server";
import { SummaryList } from "~/components/summary-list";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Organisation not found" />;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} - Peerlink` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, organisation } = await requireVisibleOrganisation(request, params.id);
  const ref = { id: organisation.id, regionCode: organisation.region_code, icbCode: organisation.icb_code };
  // Assessments are shared with the organisation itself and the coordinators responsible for it.
  const comparison = can(actor, { action: "assessment:view", organisation: ref }) ? await latestAgainstPrevious(getDb(), organisation.id) : null;
  return json({ organisation, comparison, canEdit: can(actor, { action: "organisation:edit", organisation: ref }) });
}

export default function OrganisationPage() {
  const { organisation: o, canEdit, comparison } = useLoaderData<typeof loader>();
  const type = ORGANISATION_TYPES.find((t) => t.value === o.type)?.label ?? "Other";
  const rows: [string, string][] = [
    ["ODS code", o.ods_code],
    ["Type", `${type}${o.is_foundation_trust ? ", foundation trust" : ""}`],
    ["NHS England region", o.region_name ?? "Not known"],
    ["Integrated care board", o.icb_name ?? "Not known"],
    ["Address", [o.address, o.postcode].filter(Boolean).join(", ") || "Not known"],
    ["Seeks help", o.seeks_help ? "Yes" : "No"],
    ["Offers outreach (pioneer)", o.offers_outreach ? "Yes" : "No"],
    ["Status", o.active ? "Open" : `Closed${o.closed_on ? ` on ${o.closed_on}` : ""}`],
  ];
  return (
    <>
      <span className="nhsuk-caption-l">Organisation</span>
      <h1>{o.name}</h1>
      {o.active ? null : <strong className="nhsuk-tag nhsuk-tag--grey">Closed</strong>}
      <SummaryList rows={rows} />
      {comparison ? (
        <>
          <h2>Improvement capability</h2>
          <AssessmentComparison comparison={comparison} />
        </>
      ) : null}
      {canEdit ? (
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/organisations/${o.id}/edit`}>
          Edit organisation
        </Link>
      ) : null}
    </>
  );
}
