import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy";
import { QuestionnaireAnswers } from "~/components/engagement-questionnaire";
import { ErrorSummary, SubmitButton, TextareaField } from "~/components/form";
import { getDb } from "~/db.server";
import { questionnaireOpen } from "~/domain/engagement-rules";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, valueOf, type FormValues } from "~/lib/forms";
import { engagementRef } from "~/models/engagement/core.server";
import { answerQuestionnaire, getQuestionnaire, heldSessionCount } from "~/models/engagement/engagements.server";
import { questionnaireSchema } from "~/schemas/engagement";
import { requireVisibleEngagement, requireWorkableEngagement } from "~/models/engagement/guard.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Engagement not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Pre-visit questionnaire - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, engagement } = await requireVisibleEngagement(request, params.id);
  const db = getDb();
  const questionnaire = (await getQuestionnaire(db, engagement.id)) ?? null;
  const isRequester = can(actor, { action: "engagement:questionnaire", engagement: engagementRef(engagement) });
  return json({
    engagement,
    questionnaire,
    canAnswer: isRequester && questionnaireOpen(engagement.status, await heldSessionCount(db, engagement.id)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Only the requesting trust answers; the pioneer reads.
  const { actor, engagement } = await requireWorkableEngagement(request, params.id, "engagement:questionnaire");
  const formData = await readForm(request);
  const form = parseForm(questionnaireSchema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await answerQuestionnaire(getDb(), { engagementId: engagement.id, actor, answers: form.data });
  } catch (error) {
    return answerError(error, formValues(formData), { status: 409 });
  }
  return redirectWithFlash(`/engagements/${engagement.id}`, "Questionnaire answers saved.");
}

export default function QuestionnairePage() {
  const { engagement: e, questionnaire: q, canAnswer } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values: FormValues =
    data?.values ?? (q ? { wantsToSee: q.wants_to_see, currentData: q.current_data, questions: q.questions } : {});
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} order={["form", "wantsToSee", "currentData", "questions"]} />
        <span className="nhsuk-caption-l">{e.request_title}</span>
        <h1>Pre-visit questionnaire</h1>
        {canAnswer ? (
          <>
            <p>
              {e.pioneer_name} reads your answers to prepare. You can change them until the first session has taken
              place.
            </p>
            <Form method="post" noValidate>
              <TextareaField
                name="wantsToSee"
                label="What do you want to see?"
                hint="Teams, meetings or methods you want to see at work"
                rows={5}
                defaultValue={valueOf(values, "wantsToSee")}
                error={data?.errors?.wantsToSee}
              />
              <TextareaField
                name="currentData"
                label="Where does your data stand now?"
                hint="Your key measures and their current values, for example falls per 1,000 bed days last quarter"
                rows={5}
                defaultValue={valueOf(values, "currentData")}
                error={data?.errors?.currentData}
              />
              <TextareaField
                name="questions"
                label="Questions for the pioneer (optional)"
                rows={5}
                defaultValue={valueOf(values, "questions")}
                error={data?.errors?.questions}
              />
              <SubmitButton>{q ? "Save changes" : "Send answers"}</SubmitButton>
            </Form>
          </>
        ) : q ? (
          <QuestionnaireAnswers questionnaire={q} />
        ) : (
          <p>{e.requester_name} has not answered the questionnaire.</p>
        )}
        <p>
          <Link to={`/engagements/${e.id}`}>Back to the engagement</Link>
        </p>
      </div>
    </div>
  );
}
