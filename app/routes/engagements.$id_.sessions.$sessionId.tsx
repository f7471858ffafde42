import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCan } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { AttendanceTable } from "~/components/engagement-attendance";
import { SessionActionForms } from "~/components/engagement-session-actions";
import { SessionStatusTag } from "~/components/engagement-status";
import { ErrorSummary } from "~/components/form";
import { Moment } from "~/components/request-time";
import { MultilineText } from "~/components/request-timeline";
import { SummaryList } from "~/components/summary-list";
import { getDb } from "~/db.server";
import { formatDuration, NO_SESSION_ACTIONS, sessionActions, sessionDisplayStatus } from "~/domain/engagement-rules";
import { formatLocalDateTime, nowInEngland } from "~/lib/dates";
import { refusalErrors } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { engagementRef } from "~/models/engagement/core.server";
import { requireVisibleSession } from "~/models/engagement/guard.server";
import { cancelSession, moveSession, recordSessionHeld, sessionChoices } from "~/models/engagement/sessions.server";
import { attendedField, engagementRefusalFields, sessionOutcomeSchema } from "~/schemas/engagement";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Session not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Session of ${formatLocalDateTime(data.session.starts_at)}` : "Session"} - Peerlink` },
];

/** The session (if the viewer may see it) and the audience levels its forms ask about. */
async function loadSession(request: Request, params: { id?: string; sessionId?: string }) {
  const { actor, engagement, session } = await requireVisibleSession(request, params);
  // The held form asks about every level offered now, and any the session already names.
  const { audiences: current } = await sessionChoices(getDb());
  const planned = new Map(session.attendance.map((a) => [a.code, a.planned]));
  const audiences = [
    ...session.attendance.map((a) => ({ code: a.code, name: a.name, planned: a.planned })),
    ...current.filter((a) => !planned.has(a.code)).map((a) => ({ ...a, planned: 0 })),
  ];
  return { actor, engagement, session, audiences };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, engagement, session, audiences } = await loadSession(request, params);
  const nowLocal = nowInEngland();
  const canWork = can(actor, { action: "engagement:work", engagement: engagementRef(engagement) });
  return json({
    engagement,
    session,
    audiences,
    displayStatus: sessionDisplayStatus(session, nowLocal),
    allowed: canWork ? sessionActions(session, engagement.status, nowLocal) : NO_SESSION_ACTIONS,
  });
}

/** Both the move and the cancel form ask for a reason: each one's message goes next to its own box. */
function keyedByForm(errors: FieldErrors, intent: string): FieldErrors {
  if (!errors.reason || (intent !== "move" && intent !== "cancel")) return errors;
  const { reason, ...rest } = errors;
  return { ...rest, [`${intent}-reason`]: reason };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement, session, audiences } = await loadSession(request, params);
  assertCan(actor, { action: "engagement:work", engagement: engagementRef(engagement) });
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const form = parseForm(
    sessionOutcomeSchema({ audienceCodes: audiences.map((a) => a.code), nowLocal: nowInEngland() }),
    formData,
  );
  if (!form.ok) {
    const { intent: missing, ...errors } = form.errors;
    return json(
      {
        errors: keyedByForm(missing ? { ...errors, form: "Choose what to record about this session" } : errors, intent),
        values: form.values,
      },
      { status: 400 },
    );
  }
  const db = getDb();
  const target = { engagementId: engagement.id, sessionId: session.id, actor };
  try {
    const outcome = form.data;
    if (outcome.intent === "held")
      await recordSessionHeld(db, { ...target, attendance: outcome.attendance, note: outcome.note });
    else if (outcome.intent === "cancel") await cancelSession(db, { ...target, reason: outcome.reason });
    else await moveSession(db, { ...target, startsAt: outcome.startsAt, reason: outcome.reason });
  } catch (error) {
    const errors = refusalErrors(error, engagementRefusalFields);
    // A state that changed meanwhile concerns the whole page; a field's problem, the field.
    return json(
      { errors: keyedByForm(errors, intent), values: formValues(formData) },
      { status: "form" in errors ? 409 : 400 },
    );
  }
  return redirectWithFlash(`/engagements/${engagement.id}/sessions/${session.id}`, "Session updated.");
}

export default function SessionPage() {
  const { engagement: e, session: s, audiences, displayStatus, allowed } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const rows: [string, ReactNode][] = [
    ["Status", <SessionStatusTag key="status" status={displayStatus} />],
    ["When", `${formatLocalDateTime(s.starts_at)}, for ${formatDuration(s.duration_minutes)}`],
    ["Format", s.format_name],
  ];
  if (s.location) rows.push(["Place", s.location]);
  if (s.video_link)
    rows.push([
      "Video link",
      <a key="link" href={s.video_link} rel="noreferrer noopener">
        {s.video_link}
      </a>,
    ]);
  rows.push(["Agenda", s.agenda ? <MultilineText key="agenda" text={s.agenda} /> : "None yet"]);
  rows.push([
    "Planned by",
    <span key="planned">
      {s.created_by_name}, <Moment at={s.created_at} />
    </span>,
  ]);
  if (s.recorded_at) {
    rows.push([
      s.status === "held" ? "Recorded as held by" : "Cancelled by",
      <span key="recorded">
        {s.recorded_by_name ?? "someone"}, <Moment at={s.recorded_at} />
      </span>,
    ]);
    if (s.outcome_note)
      rows.push([s.status === "held" ? "Notes" : "Reason", <MultilineText key="note" text={s.outcome_note} />]);
  }
  const order = [
    "form",
    ...audiences.map((a) => attendedField(a.code)),
    "attendance",
    "note",
    "date",
    "time",
    "move-reason",
    "cancel-reason",
  ];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} order={order} />
        <span className="nhsuk-caption-l">{e.request_title}</span>
        <h1>Session of {formatLocalDateTime(s.starts_at)}</h1>
        <SummaryList rows={rows} />
        <p>
          {/* A download, not a page: the browser must fetch it rather than the client router. */}
          <a href={`/engagements/${e.id}/sessions/${s.id}/calendar`} download>
            {s.status === "cancelled"
              ? "Download the cancellation for your calendar (.ics)"
              : "Add to your calendar (.ics file)"}
          </a>
        </p>
        {s.attendance.length ? <AttendanceTable attendance={s.attendance} /> : null}
        <SessionActionForms allowed={allowed} audiences={audiences} errors={data?.errors} values={data?.values} />
        <p>
          <Link to={`/engagements/${e.id}`}>Back to the engagement</Link>
        </p>
      </div>
    </div>
  );
}
