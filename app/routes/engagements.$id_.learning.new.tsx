import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, forbidden, notFound, requireSignedIn } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { LearningErrorSummary, LearningForm } from "~/components/learning-form";
import { getDb } from "~/db.server";
import { formValues } from "~/lib/forms";
import { engagementRef, getEngagement } from "~/models/engagement/core.server";
import { LearningForbidden, LearningNotFound, LearningRefused, recordLearning } from "~/models/learning/entries.server";
import { learningCapabilityChoices } from "~/models/learning/queries.server";
import { parseNewLearning } from "~/schemas/learning";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Record learning - Peerlink" }];

/** Either trust of the engagement records; anyone who cannot even see the engagement is not told it exists. */
async function loadEngagement(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const engagement = await getEngagement(getDb(), id ?? "");
  if (!engagement) throw notFound();
  const ref = engagementRef(engagement);
  if (!can(actor, { action: "engagement:view", engagement: ref })) throw notFound();
  assertCan(actor, { action: "engagement:work", engagement: ref });
  return { actor, engagement };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { engagement } = await loadEngagement(request, params.id);
  const capabilities = await learningCapabilityChoices(getDb());
  return json({
    engagement: { id: engagement.id, requesterName: engagement.requester_name, pioneerName: engagement.pioneer_name, offerTitle: engagement.offer_title },
    capabilities,
    values: { visibility: "shared" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement } = await loadEngagement(request, params.id);
  const formData = await request.formData();
  const form = parseNewLearning(formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const id = await recordLearning(getDb(), { actor, engagementId: engagement.id, fields: form.data });
    return redirectWithFlash(`/learning/${id}`, "Learning saved.");
  } catch (error) {
    if (error instanceof LearningNotFound) throw notFound();
    if (error instanceof LearningForbidden) throw forbidden();
    if (error instanceof LearningRefused) return json({ errors: { [error.field]: error.message }, values: formValues(formData) }, { status: 400 });
    throw error;
  }
}

export default function RecordLearning() {
  const { engagement, capabilities, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <LearningErrorSummary errors={data?.errors} />
        <span className="nhsuk-caption-l">
          {engagement.requesterName} learning from {engagement.pioneerName}
        </span>
        <h1>Record what was learned</h1>
        <p>From the engagement on {engagement.offerTitle}. You can record learning while the engagement runs and after it has ended.</p>
        <LearningForm values={data?.values ?? values} errors={data?.errors} capabilities={capabilities} withActions submitLabel="Save learning" />
        <p>
          <Link to={`/engagements/${engagement.id}`}>Back to the engagement without saving</Link>
        </p>
      </div>
    </div>
  );
}
