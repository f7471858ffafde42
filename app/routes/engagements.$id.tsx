import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy";
import { EngagementEnding } from "~/components/engagement-ending";
import { EngagementFeedback } from "~/components/engagement-feedback";
import { EngagementQuestionnaire } from "~/components/engagement-questionnaire";
import { EngagementSessions } from "~/components/engagement-sessions";
import { EngagementSummary } from "~/components/engagement-summary";
import { EngagementTimeline } from "~/components/engagement-timeline";
import { ErrorSummary } from "~/components/form";
import { getDb } from "~/db.server";
import { nextSession, questionnaireOpen } from "~/domain/engagement-rules";
import { nowInEngland } from "~/lib/dates";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { engagementRef } from "~/models/engagement/core.server";
import { endEngagement, engagementTimeline, getQuestionnaire } from "~/models/engagement/engagements.server";
import { feedbackForViewer } from "~/models/engagement/feedback.server";
import { listSessions } from "~/models/engagement/sessions.server";
import { getEngagementImpact } from "~/models/engagement/impact.server";
import { engagementLearning } from "~/models/learning/queries.server";
import { EngagementLearning } from "~/components/engagement-learning";
import { EngagementImpactSummary } from "~/components/impact-summary";
import { endingSchema, engagementRefusalFields } from "~/schemas/engagement";
import { requireVisibleEngagement, requireWorkableEngagement } from "~/models/engagement/guard.server";
import { engagementContacts } from "~/models/engagement/contacts.server";
import { EngagementContacts } from "~/components/engagement-contacts";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Engagement not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.engagement.request_title ?? "Engagement"} - Peerlink` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, engagement } = await requireVisibleEngagement(request, params.id);
  const db = getDb();
  const ref = engagementRef(engagement);
  const nowLocal = nowInEngland();
  const sessions = await listSessions(db, engagement.id);
  const heldSessions = sessions.filter((s) => s.status === "held").length;
  const canWork = can(actor, { action: "engagement:work", engagement: ref });
  return json({
    engagement,
    nowLocal,
    sessions,
    heldSessions,
    next: nextSession(sessions, nowLocal),
    canWork: canWork && engagement.status === "active",
    questionnaire: (await getQuestionnaire(db, engagement.id)) ?? null,
    canAnswer:
      can(actor, { action: "engagement:questionnaire", engagement: ref }) &&
      questionnaireOpen(engagement.status, heldSessions),
    feedback: await feedbackForViewer(db, actor, engagement),
    timeline: await engagementTimeline(db, engagement.id),
    impact: await getEngagementImpact(db, engagement.id),
    learning: await engagementLearning(db, engagement, actor),
    contacts: await engagementContacts(db, engagement),
    canChangeContacts: canWork,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement } = await requireWorkableEngagement(request, params.id);
  const formData = await readForm(request);
  const form = parseForm(endingSchema, formData);
  if (!form.ok) {
    const { intent, ...errors } = form.errors;
    return json(
      {
        errors: intent ? { ...errors, form: "Choose whether to complete or stop the engagement" } : errors,
        values: form.values,
      },
      { status: 400 },
    );
  }
  try {
    const ending = form.data;
    await endEngagement(getDb(), {
      engagementId: engagement.id,
      actor,
      kind: ending.intent === "complete" ? "completed" : "stopped",
      reason: ending.intent === "complete" ? ending.note : ending.reason,
    });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: engagementRefusalFields, status: 409 });
  }
  return redirectWithFlash(
    `/engagements/${engagement.id}`,
    form.data.intent === "complete" ? "Engagement completed." : "Engagement stopped.",
  );
}

export default function EngagementPage() {
  const {
    engagement: e,
    nowLocal,
    sessions,
    heldSessions,
    next,
    canWork,
    questionnaire,
    canAnswer,
    feedback,
    timeline,
    impact,
    learning,
    contacts,
    canChangeContacts,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const names = { requester: e.requester_name, pioneer: e.pioneer_name };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} order={["form", "reason", "note"]} />
        <span className="nhsuk-caption-l">
          Engagement between {e.requester_name} and {e.pioneer_name}
        </span>
        <h1>{e.request_title}</h1>
        <EngagementSummary engagement={e} nextSession={next} />
        <EngagementContacts engagementId={e.id} contacts={contacts} canChange={canChangeContacts} />
        <EngagementQuestionnaire
          engagementId={e.id}
          questionnaire={questionnaire}
          canAnswer={canAnswer}
          active={e.status === "active"}
        />
        <EngagementSessions engagementId={e.id} sessions={sessions} nowLocal={nowLocal} canPlan={canWork} />
        <EngagementLearning {...learning} />
        <EngagementFeedback engagementId={e.id} feedback={feedback} names={names} />
        <h2>Impact</h2>
        {impact ? <EngagementImpactSummary impact={impact} requesterName={e.requester_name} /> : null}
        {canWork ? <EngagementEnding heldSessions={heldSessions} errors={data?.errors} values={data?.values} /> : null}
        <EngagementTimeline engagementId={e.id} events={timeline} />
      </div>
    </div>
  );
}
