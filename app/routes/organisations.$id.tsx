import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { can, type Actor, type OrganisationRef } from "~/auth/policy";
import { ErrorSummary } from "~/components/form";
import { PioneerStatusSection } from "~/components/pioneer-status-section";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import {
  askForPioneerStatus,
  decidePioneerStatus,
  pioneerStatusFor,
} from "~/models/organisation/pioneer-status.server";
import { pioneerStatusActionSchema, supportPriorityActionSchema } from "~/schemas/pioneer-status";
import { setSupportPriority } from "~/models/organisation/support-priority.server";
import { SupportPrioritySection } from "~/components/support-priority-section";
import { AssessmentComparison } from "~/components/assessment-comparison";
import { latestAgainstPrevious } from "~/models/assessment/assessments.server";
import { ORGANISATION_TYPES } from "~/domain/organisation-types";
import { refOf, requireVisibleOrganisation } from "~/models/organisation/guard.server";
import { SummaryList } from "~/components/summary-list";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Organisation not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} - Peerlink` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, organisation } = await requireVisibleOrganisation(request, params.id);
  const ref = refOf(organisation);
  // Assessments are shared with the organisation itself and the coordinators responsible for it.
  const comparison = can(actor, { action: "assessment:view", organisation: ref })
    ? await latestAgainstPrevious(getDb(), actor, organisation.id)
    : null;
  const pioneerStatus = await pioneerStatusFor(getDb(), actor, organisation.id);
  return json({
    organisation,
    comparison,
    pioneerStatus,
    canEdit: can(actor, { action: "organisation:edit", organisation: ref }),
    canFlag: can(actor, { action: "organisation:flagPriority", organisation: ref }),
  });
}

/** Whether the actor may send this form at all: asking is the trust's, deciding its coordinators'. */
function mayPost(actor: Actor, organisation: OrganisationRef, intent: FormDataEntryValue | null) {
  const ask = can(actor, { action: "pioneer:ask", organisation });
  const decide = can(actor, { action: "pioneer:decide", organisation });
  if (intent === "ask") return ask;
  if (intent === "grant" || intent === "refuse") return decide;
  return ask || decide;
}

const PIONEER_DONE = {
  ask: "Request for pioneer status sent.",
  grant: "The trust is now a pioneer.",
  refuse: "The request for pioneer status was declined, with your note.",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, organisation } = await requireVisibleOrganisation(request, params.id);
  const db = getDb();
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "flag-priority" || intent === "clear-priority") {
    if (!can(actor, { action: "organisation:flagPriority", organisation: refOf(organisation) })) throw forbidden();
    const flag = parseForm(supportPriorityActionSchema, formData);
    if (!flag.ok) return json({ errors: flag.errors, values: flag.values }, { status: 400 });
    const reason = flag.data.intent === "flag-priority" ? flag.data.priorityReason : null;
    await setSupportPriority(db, {
      actor,
      organisationId: organisation.id,
      reason,
      clientAddress: context.clientAddress,
    });
    return redirectWithFlash(
      `/organisations/${organisation.id}`,
      reason === null
        ? "The trust is no longer flagged as a priority for support."
        : "The trust is flagged as a priority for support.",
    );
  }
  if (!mayPost(actor, refOf(organisation), formData.get("intent"))) throw forbidden();
  const form = parseForm(pioneerStatusActionSchema, formData);
  if (!form.ok) {
    // Which button and which request come from the page itself: a problem with them is the page's, not a field's.
    const { intent, requestId, ...fields } = form.errors;
    const page = intent ?? requestId;
    return json({ errors: page ? { ...fields, form: page } : fields, values: form.values }, { status: 400 });
  }
  const command = form.data;
  try {
    if (command.intent === "ask")
      await askForPioneerStatus(db, {
        actor,
        organisationId: organisation.id,
        reason: command.reason,
        clientAddress: context.clientAddress,
      });
    else
      await decidePioneerStatus(db, {
        actor,
        organisationId: organisation.id,
        requestId: command.requestId,
        decision: command.intent,
        note: command.note,
        clientAddress: context.clientAddress,
      });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: { reason: "reason", note: "note" } });
  }
  return redirectWithFlash(`/organisations/${organisation.id}`, PIONEER_DONE[command.intent]);
}

export default function OrganisationPage() {
  const { organisation: o, canEdit, canFlag, comparison, pioneerStatus } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const type = ORGANISATION_TYPES.find((t) => t.value === o.type)?.label ?? "Other";
  const rows: [string, string][] = [
    ["ODS code", o.ods_code],
    ["Type", `${type}${o.is_foundation_trust ? ", foundation trust" : ""}`],
    ["NHS England region", o.region_name ?? "Not known"],
    ["Integrated care board", o.icb_name ?? "Not known"],
    ["Address", [o.address, o.postcode].filter(Boolean).join(", ") || "Not known"],
    ["Seeks help", o.seeks_help ? "Yes" : "No"],
    ["Offers outreach (pioneer)", o.offers_outreach ? "Yes" : "No"],
    ...(o.offers_outreach
      ? [
          [
            "Shared capacity across offers",
            o.shared_capacity_per_quarter === null ? "No shared limit" : `${o.shared_capacity_per_quarter} a quarter`,
          ] as [string, string],
        ]
      : []),
    ["Status", o.active ? "Open" : `Closed${o.closed_on ? ` on ${o.closed_on}` : ""}`],
    ...(canFlag ? [["Priority for support", o.support_priority ?? "Not flagged"] as [string, string]] : []),
  ];
  return (
    <>
      <ErrorSummary errors={data?.errors} order={["reason", "note", "priorityReason"]} />
      <span className="nhsuk-caption-l">Organisation</span>
      <h1>{o.name}</h1>
      {o.active ? null : <strong className="nhsuk-tag nhsuk-tag--grey">Closed</strong>}
      <SummaryList rows={rows} />
      {pioneerStatus ? <PioneerStatusSection view={pioneerStatus} errors={data?.errors} values={data?.values} /> : null}
      {canFlag ? (
        <SupportPrioritySection reason={o.support_priority} errors={data?.errors} values={data?.values} />
      ) : null}
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
      {canEdit && o.offers_outreach ? (
        <p>
          <Link to={`/organisations/${o.id}/shared-capacity`}>Set shared capacity across offers</Link>
        </p>
      ) : null}
    </>
  );
}
