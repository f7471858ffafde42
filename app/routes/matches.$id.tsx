import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, notFound } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { ErrorSummary, SubmitButton, TextareaField } from "~/components/form";
import { MatchFlash, type Flash } from "~/components/match-flash";
import { MatchStatusTag } from "~/components/match-status";
import { RequestDetails } from "~/components/request-details";
import { SummaryList } from "~/components/summary-list";
import { getDb } from "~/db.server";
import { isAnswerOverdue, lapsesAt } from "~/domain/answer-deadline";
import type { FitReader } from "~/domain/fit-wording";
import { formatDate, formatDateTimeInEngland, nowIso, quarterLabel } from "~/lib/dates";
import { refusalMessage } from "~/lib/error-response.server";
import { readForm, parseForm, valueOf } from "~/lib/forms";
import { engagementIdForMatch } from "~/models/engagement/core.server";
import { matchRequestContext } from "~/models/matching/match-context.server";
import { releaseLateMatch } from "~/models/matching/lapse.server";
import { reproposeLateMatch } from "~/models/matching/repropose.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { requireVisibleMatch } from "~/models/matching/guard.server";
import { matchReproposeSchema, matchResponseSchema } from "~/schemas/matching";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Match not found" />;

export const meta: MetaFunction = () => [{ title: "Match - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, match, requestOrganisation, offerOrganisation } = await requireVisibleMatch(request, params.id);
  const waiting = match.status === "approved";
  const mayRespond = can(actor, { action: "match:respond", offerOrganisation }) && waiting;
  const mayRepropose =
    can(actor, { action: "match:decide", organisation: requestOrganisation }) &&
    waiting &&
    isAnswerOverdue(match.answer_due_at, nowIso());
  // Each trust reads the fit in its own words; coordinators read it about both.
  const reader: FitReader =
    actor.organisationId === match.offer_organisation_id
      ? "pioneer"
      : actor.organisationId === match.request_organisation_id
        ? "requester"
        : "coordinator";
  // An accepted match opened an engagement; it stays linked if the engagement later stopped.
  const [engagementId, context] = await Promise.all([
    engagementIdForMatch(getDb(), match.id),
    matchRequestContext(getDb(), match, reader),
  ]);
  if (!context) throw notFound("Match not found");
  // The offer the requester asked for is the coordinators' to weigh, not another pioneer's to read.
  const shown = can(actor, { action: "match:decide", organisation: requestOrganisation })
    ? context.request
    : { ...context.request, preferred_offer_id: null, preferred_offer_title: null };
  const lapsesOn = match.answer_due_at ? lapsesAt(match.answer_due_at) : null;
  return json({ match, mayRespond, mayRepropose, lapsesOn, engagementId, context: { ...context, request: shown } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, match, requestOrganisation, offerOrganisation } = await requireVisibleMatch(request, params.id);
  const formData = await readForm(request);
  if (formData.get("intent") === "release") {
    assertCan(actor, { action: "match:decide", organisation: requestOrganisation });
    try {
      await releaseLateMatch(getDb(), { matchId: match.id, coordinator: actor });
    } catch (error) {
      const refused: Flash = { kind: "error", text: refusalMessage(error) };
      return json({ flash: refused, errors: null, values: null }, { status: 409 });
    }
    const released: Flash = {
      kind: "success",
      text: "You released the match. The place is free again, both trusts have been told and the request is back in matching without this offer.",
    };
    return json({ flash: released, errors: null, values: null });
  }
  if (formData.get("intent") === "repropose") {
    assertCan(actor, { action: "match:decide", organisation: requestOrganisation });
    const form = parseForm(matchReproposeSchema, formData);
    if (!form.ok) return json({ flash: null, errors: form.errors, values: form.values }, { status: 400 });
    try {
      await reproposeLateMatch(getDb(), { matchId: match.id, coordinator: actor, reason: form.data.reason });
    } catch (error) {
      const refused: Flash = { kind: "error", text: refusalMessage(error) };
      return json({ flash: refused, errors: null, values: null }, { status: 409 });
    }
    const taken: Flash = {
      kind: "success",
      text: "You took the match back. The request is back in matching and this pair will not be proposed again.",
    };
    return json({ flash: taken, errors: null, values: null });
  }
  assertCan(actor, { action: "match:respond", offerOrganisation });
  const form = parseForm(matchResponseSchema, formData);
  if (!form.ok) {
    const errors = valueOf(form.values, "intent") ? form.errors : { form: Object.values(form.errors)[0] };
    return json({ flash: null, errors, values: form.values }, { status: 400 });
  }
  try {
    await respondToMatch(getDb(), {
      matchId: match.id,
      user: actor,
      accept: form.data.intent === "accept",
      reason: form.data.reason,
    });
  } catch (error) {
    const refused: Flash = { kind: "error", text: refusalMessage(error) };
    return json({ flash: refused, errors: null, values: null }, { status: 409 });
  }
  const flash: Flash = {
    kind: "success",
    text:
      form.data.intent === "accept"
        ? "You accepted the match. The requesting trust and the coordinator have been told."
        : "You declined the match. The place is free again and the request goes back into matching.",
  };
  return json({ flash, errors: null, values: null }, { status: 200 });
}

/** How the row for the match's answer is headed; a coordinator taking a match back is the rest. */
const RESPONSE_LABELS: Partial<Record<string, string>> = {
  accepted: "Accepted",
  declined: "Declined",
  lapsed: "Lapsed",
};

export default function MatchPage() {
  const { match: m, mayRespond, mayRepropose, lapsesOn, engagementId, context } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? undefined;
  const rows: [string, string][] = [
    ["Requesting trust", m.request_organisation_name],
    ["Offer", `${m.offer_title}, ${m.offer_organisation_name}`],
    ["Quarter", quarterLabel(m.quarter)],
    [
      "Approved",
      `${formatDate(m.approved_at.slice(0, 10))} by ${m.approved_by_name}${m.approval_reason ? `: ${m.approval_reason}` : ""}`,
    ],
  ];
  if (m.status === "approved" && m.answer_due_at)
    rows.push(["Answer due by", formatDateTimeInEngland(m.answer_due_at)]);
  if (m.responded_at) {
    const label = RESPONSE_LABELS[m.status] ?? "Taken back";
    rows.push([
      label,
      `${formatDate(m.responded_at.slice(0, 10))} by ${m.responded_by_name ?? "the pioneer"}${m.response_reason ? `: ${m.response_reason}` : ""}`,
    ]);
  }
  if (context.author) rows.push(["Contact at the requesting trust", `${context.author.name}, ${context.author.email}`]);
  if (m.status === "accepted")
    rows.push(["Contact at the pioneer", `${m.offer_contact_name}, ${m.offer_contact_email}`]);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <MatchFlash flash={data?.flash} />
        <ErrorSummary errors={errors} />
        <span className="nhsuk-caption-l">Match</span>
        <h1>{m.request_title}</h1>
        <p>
          <MatchStatusTag status={m.status} />
        </p>
        <SummaryList rows={rows} />
        {engagementId ? (
          <p>
            <Link to={`/engagements/${engagementId}`}>Go to the engagement</Link>
          </p>
        ) : null}
        <h2>The request</h2>
        {context.assessedOn ? (
          <p className="nhsuk-body-s">Levels from their assessment of {formatDate(context.assessedOn)}.</p>
        ) : null}
        <RequestDetails request={context.request} />
        {context.factors.length > 0 ? (
          <>
            <h2>Why this match was proposed</h2>
            <SummaryList rows={context.factors.map((f): [string, string] => [f.label, f.text])} />
          </>
        ) : null}
        {mayRespond ? (
          <>
            <h2>Your answer</h2>
            <p>
              A coordinator matched this request with your offer. Accepting takes one of the offer&apos;s places for{" "}
              {quarterLabel(m.quarter)}.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="accept" />
              <SubmitButton>Accept the match</SubmitButton>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="decline" />
              <TextareaField
                name="reason"
                label="If you decline, tell us why"
                hint="The requesting trust and the coordinator will see this."
                rows={3}
                error={errors?.reason}
                defaultValue={valueOf(data?.values ?? undefined, "reason")}
              />
              <SubmitButton secondary>Decline the match</SubmitButton>
            </Form>
          </>
        ) : null}
        {mayRepropose && lapsesOn ? (
          <>
            <h2>The pioneer has not answered in time</h2>
            <p>
              Unless the pioneer answers, the match lapses by itself on {formatDateTimeInEngland(lapsesOn)}. Releasing
              it now, or taking it back with a reason, frees the offer&apos;s place, stops this pair being proposed
              again and puts the request back into matching.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="release" />
              <SubmitButton secondary>Release now</SubmitButton>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="repropose" />
              <TextareaField
                name="reason"
                label="Why are you taking the match back?"
                hint="Both trusts will see this."
                rows={3}
                error={errors?.reason}
                defaultValue={valueOf(data?.values ?? undefined, "reason")}
              />
              <SubmitButton secondary>Take back and re-propose</SubmitButton>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
