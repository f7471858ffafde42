import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackEntries } from "~/components/engagement-feedback";
import { FeedbackForm } from "~/components/engagement-feedback-form";
import { ErrorSummary } from "~/components/form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { feedbackForViewer, giveFeedback } from "~/models/engagement/feedback.server";
import { feedbackSchema } from "~/schemas/engagement";
import { requireVisibleEngagement, requireWorkableEngagement } from "~/models/engagement/guard.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Engagement not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Feedback - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, engagement } = await requireVisibleEngagement(request, params.id);
  // Only what this viewer may read leaves the server: the other side's feedback stays behind until visible.
  return json({ engagement, feedback: await feedbackForViewer(getDb(), actor, engagement) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement } = await requireWorkableEngagement(request, params.id);
  const formData = await readForm(request);
  if (engagement.status === "active")
    return json(
      { errors: { form: "Feedback can be given once the engagement has ended." }, values: formValues(formData) },
      { status: 409 },
    );
  const form = parseForm(feedbackSchema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await giveFeedback(getDb(), { engagementId: engagement.id, actor, answers: form.data });
  } catch (error) {
    return answerError(error, formValues(formData), { status: 409 });
  }
  return redirectWithFlash(`/engagements/${engagement.id}/feedback`, "Feedback saved.");
}

export default function FeedbackPage() {
  const { engagement: e, feedback } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const names = { requester: e.requester_name, pioneer: e.pioneer_name };
  const other = feedback.viewerSide === "requester" ? e.pioneer_name : e.requester_name;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{e.request_title}</span>
        <h1>Feedback</h1>
        {!feedback.ended ? (
          <>
            <ErrorSummary errors={data?.errors} />
            <p>Each trust gives its feedback once the engagement has ended.</p>
          </>
        ) : feedback.canGive ? (
          <FeedbackForm otherName={other} errors={data?.errors} values={data?.values} />
        ) : (
          <>
            <ErrorSummary errors={data?.errors} />
            <FeedbackEntries feedback={feedback} names={names} />
          </>
        )}
        <p>
          <Link to={`/engagements/${e.id}`}>Back to the engagement</Link>
        </p>
      </div>
    </div>
  );
}
