import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { RequestActions } from "~/components/request-actions";
import { RequestDetails } from "~/components/request-details";
import { RequestTimeline } from "~/components/request-timeline";
import { getDb } from "~/db.server";
import { requestActions } from "~/domain/request-lifecycle";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { answerAndResubmit, askForInformation, submitRequest, withdrawRequest } from "~/models/request/requests.server";
import { requireVisibleRequest } from "~/models/request/guard.server";
import { interestSchema, requestActionRefusalFields, requestActionSchema } from "~/schemas/request";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Request not found" />;
import { matchingTimeline, progressOfRequest } from "~/models/request/progress.server";
import { interestedOrganisations, mayMarkInterest, setInterest } from "~/models/request/interest.server";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.request.title ?? "Help request"} - Peerlink` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, found, owner, reviewer } = await requireVisibleRequest(request, params.id);
  const latestQuestion =
    found.status === "needs_info"
      ? ([...found.events].reverse().find((e) => e.to_status === "needs_info" && e.from_status === "submitted")?.note ??
        null)
      : null;
  const [progress, matching] = await Promise.all([
    progressOfRequest(getDb(), found.id),
    matchingTimeline(getDb(), found.id),
  ]);
  // The reason a round left it unmatched is for the trust and its coordinators, worded for the trust.
  const unmatchedReason = owner || reviewer ? progress.unmatchedReason : null;
  // Coordinators read the same what-if about the trust on the round page.
  const whatIf = owner ? progress.whatIf : null;
  const interest = await mayMarkInterest(getDb(), actor, found.id);
  // Who is interested is for the trust and its coordinators; a pioneer sees only its own mark.
  const interested = owner || reviewer ? await interestedOrganisations(getDb(), found.id) : [];
  const timeline = [...found.events, ...matching].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
  );
  return json({
    request: found,
    allowed: requestActions(found.status, { owner, reviewer }),
    latestQuestion,
    progress: progress.progress,
    unmatchedReason,
    whatIf,
    timeline,
    interest: { allowed: interest.allowed && found.status === "submitted", marked: interest.marked },
    interested,
  });
}

const REQUEST_DONE = {
  ask: "Question sent to the requesting organisation.",
  submit: "Request submitted.",
  withdraw: "Request withdrawn.",
  answer: "Answer sent and request resubmitted.",
} as const;

const INTEREST_DONE = {
  "mark-interest": "Marked: your organisation is interested in helping.",
  "unmark-interest": "Your organisation's interest mark was removed.",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, found, owner, reviewer } = await requireVisibleRequest(request, params.id);
  const formData = await readForm(request);
  const interest = parseForm(interestSchema, formData);
  if (interest.ok) {
    const { intent } = interest.data;
    try {
      await setInterest(getDb(), { actor, requestId: found.id, interested: intent === "mark-interest" });
    } catch (error) {
      return answerError(error, formValues(formData), { status: 409 });
    }
    return redirectWithFlash(`/requests/${found.id}`, INTEREST_DONE[intent]);
  }
  if (!owner && !reviewer) throw forbidden();
  const form = parseForm(requestActionSchema, formData);
  if (!form.ok) {
    const { intent, ...errors } = form.errors;
    return json(
      {
        errors: intent ? { ...errors, form: "Choose what you want to do with this request" } : errors,
        values: form.values,
      },
      { status: 400 },
    );
  }
  const db = getDb();
  const command = form.data;
  try {
    if (command.intent === "ask") {
      if (!reviewer) throw forbidden();
      await askForInformation(db, { requestId: found.id, coordinator: actor, question: command.question });
    } else {
      if (!owner) throw forbidden();
      if (command.intent === "submit") await submitRequest(db, { requestId: found.id, actor });
      if (command.intent === "withdraw")
        await withdrawRequest(db, { requestId: found.id, actor, reason: command.reason });
      if (command.intent === "answer")
        await answerAndResubmit(db, { requestId: found.id, actor, answer: command.answer });
    }
  } catch (error) {
    // A field on another page (the dates) is reported as a message for the whole page.
    return answerError(error, formValues(formData), { fields: requestActionRefusalFields, status: 409 });
  }
  return redirectWithFlash(`/requests/${found.id}`, REQUEST_DONE[command.intent]);
}

export default function RequestPage() {
  const {
    request: r,
    allowed,
    latestQuestion,
    progress,
    unmatchedReason,
    whatIf,
    timeline,
    interest,
    interested,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <span className="nhsuk-caption-l">Help request from {r.organisation_name}</span>
        <h1>{r.title}</h1>
        <RequestDetails request={r} progress={progress} unmatchedReason={unmatchedReason} whatIf={whatIf} />
        {interested.length > 0 ? (
          <>
            <h2>Pioneers interested in helping</h2>
            <ul className="nhsuk-list nhsuk-list--bullet">
              {interested.map((o) => (
                <li key={o.id}>{o.name}</li>
              ))}
            </ul>
          </>
        ) : null}
        {interest.allowed || interest.marked ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value={interest.marked ? "unmark-interest" : "mark-interest"} />
            <p>
              {interest.marked
                ? "Your organisation said it is interested in helping. Matching gives this a little weight."
                : "If your organisation could help, say so: matching gives it a little weight."}
            </p>
            <SubmitButton secondary={interest.marked}>
              {interest.marked ? "Remove our interest" : "We are interested in helping"}
            </SubmitButton>
          </Form>
        ) : null}
        <RequestActions
          requestId={r.id}
          allowed={allowed}
          latestQuestion={latestQuestion}
          errors={data?.errors}
          values={data?.values}
        />
        {r.historyShown ? (
          <>
            <h2>History</h2>
            <RequestTimeline events={timeline} />
          </>
        ) : null}
      </div>
    </div>
  );
}
