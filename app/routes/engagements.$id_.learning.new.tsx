import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LearningErrorSummary, LearningForm } from "~/components/learning-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues } from "~/lib/forms";
import { requireWorkableEngagement } from "~/models/engagement/guard.server";
import { recordLearning } from "~/models/learning/entries.server";
import { learningCapabilityChoices } from "~/models/learning/queries.server";
import { learningRefusalFields, parseNewLearning } from "~/schemas/learning";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Engagement not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Record learning - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { engagement } = await requireWorkableEngagement(request, params.id);
  const capabilities = await learningCapabilityChoices(getDb());
  return json({
    engagement: {
      id: engagement.id,
      requesterName: engagement.requester_name,
      pioneerName: engagement.pioneer_name,
      offerTitle: engagement.offer_title,
    },
    capabilities,
    values: { visibility: "shared" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement } = await requireWorkableEngagement(request, params.id);
  const formData = await readForm(request);
  const form = parseNewLearning(formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const id = await recordLearning(getDb(), { actor, engagementId: engagement.id, fields: form.data });
    return redirectWithFlash(`/learning/${id}`, "Learning saved.");
  } catch (error) {
    return answerError(error, formValues(formData), { fields: learningRefusalFields });
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
        <p>
          From the engagement on {engagement.offerTitle}. You can record learning while the engagement runs and after it
          has ended.
        </p>
        <LearningForm
          values={data?.values ?? values}
          errors={data?.errors}
          capabilities={capabilities}
          withActions
          submitLabel="Save learning"
        />
        <p>
          <Link to={`/engagements/${engagement.id}`}>Back to the engagement without saving</Link>
        </p>
      </div>
    </div>
  );
}
