import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SessionPlanForm } from "~/components/engagement-session-form";
import { getDb } from "~/db.server";
import { nowInEngland } from "~/lib/dates";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { requireWorkableEngagement } from "~/models/engagement/guard.server";
import { planSession, sessionChoices } from "~/models/engagement/sessions.server";
import { engagementRefusalFields, sessionPlanSchema } from "~/schemas/engagement";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Engagement not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Plan a session - Peerlink" }];

/** Only the two trusts plan sessions; a trust that may not see the engagement is told it does not exist. */
async function loadForPlanning(request: Request, id: string | undefined) {
  const { actor, engagement } = await requireWorkableEngagement(request, id);
  return { actor, engagement, choices: await sessionChoices(getDb()) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { engagement, choices } = await loadForPlanning(request, params.id);
  const offerFormat = choices.formats.some((f) => f.code === engagement.offer_format_code)
    ? engagement.offer_format_code
    : (choices.formats[0]?.code ?? "");
  return json({ engagement, choices, defaults: { formatCode: offerFormat } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement, choices } = await loadForPlanning(request, params.id);
  const formData = await readForm(request);
  const schema = sessionPlanSchema({
    formats: choices.formats,
    audienceCodes: choices.audiences.map((a) => a.code),
    nowLocal: nowInEngland(),
  });
  const form = parseForm(schema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const sessionId = await planSession(getDb(), { engagementId: engagement.id, actor, plan: form.data });
    return redirectWithFlash(`/engagements/${engagement.id}/sessions/${sessionId}`, "Session arranged.");
  } catch (error) {
    return answerError(error, formValues(formData), { fields: engagementRefusalFields, formStatus: 409 });
  }
}

export default function PlanSession() {
  const { engagement: e, choices, defaults } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{e.request_title}</span>
        <h1>Plan a session</h1>
        {e.status === "active" ? (
          <>
            <p>
              {e.requester_name} and {e.pioneer_name} will both see the session, and the other trust is told about it.
            </p>
            <SessionPlanForm choices={choices} values={data?.values ?? defaults} errors={data?.errors} />
          </>
        ) : (
          <p>This engagement has ended, so no more sessions can be planned.</p>
        )}
        <p>
          <Link to={`/engagements/${e.id}`}>Back to the engagement</Link>
        </p>
      </div>
    </div>
  );
}
