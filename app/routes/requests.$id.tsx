import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireSignedIn } from "~/auth/guards.server";
import { ErrorSummary } from "~/components/form";
import { RequestActions } from "~/components/request-actions";
import { RequestDetails } from "~/components/request-details";
import { RequestTimeline } from "~/components/request-timeline";
import { getDb } from "~/db.server";
import { requestActions } from "~/domain/request-lifecycle";
import { formValues, parseForm } from "~/lib/forms";
import { answerAndResubmit, askForInformation, RequestNotFound, RequestRefused, submitRequest, withdrawRequest } from "~/models/request/requests.server";
import { getRequestFor } from "~/models/request/queries.server";
import { requestActionSchema } from "~/schemas/request";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.request.title ?? "Help request"} - Peerlink` }];

/** The request if the viewer may see it; a draft outside its own organisation does not exist for them. */
async function loadVisible(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const visible = await getRequestFor(getDb(), actor, id ?? "");
  if (visible.outcome === "not_found") throw notFound();
  if (visible.outcome === "forbidden") throw forbidden();
  return { actor, found: visible.request, owner: visible.owner, reviewer: visible.reviewer };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, owner, reviewer } = await loadVisible(request, params.id);
  const latestQuestion = found.status === "needs_info" ? ([...found.events].reverse().find((e) => e.to_status === "needs_info" && e.from_status === "submitted")?.note ?? null) : null;
  return json({ request: found, allowed: requestActions(found.status, { owner, reviewer }), latestQuestion });
}

const REQUEST_DONE = { ask: "Question sent to the requesting organisation.", submit: "Request submitted.", withdraw: "Request withdrawn.", answer: "Answer sent and request resubmitted." } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, found, owner, reviewer } = await loadVisible(request, params.id);
  if (!owner && !reviewer) throw forbidden();
  const formData = await request.formData();
  const form = parseForm(requestActionSchema, formData);
  if (!form.ok) {
    const { intent, ...errors } = form.errors;
    return json({ errors: intent ? { ...errors, form: "Choose what you want to do with this request" } : errors, values: form.values }, { status: 400 });
  }
  const db = getDb();
  const command = form.data;
  try {
    if (command.intent === "ask") {
      if (!reviewer) throw forbidden();
      await askForInformation(db, { requestId: found.id, coordinatorId: actor.id, question: command.question });
    } else {
      if (!owner) throw forbidden();
      if (command.intent === "submit") await submitRequest(db, { requestId: found.id, userId: actor.id });
      if (command.intent === "withdraw") await withdrawRequest(db, { requestId: found.id, userId: actor.id, reason: command.reason });
      if (command.intent === "answer") await answerAndResubmit(db, { requestId: found.id, userId: actor.id, answer: command.answer });
    }
  } catch (error) {
    if (error instanceof RequestNotFound) throw notFound();
    if (error instanceof RequestRefused) {
      // A field on another page (the dates) is reported as a message for the whole page.
      const field = error.field && ["question", "answer", "reason"].includes(error.field) ? error.field : "form";
      return json({ errors: { [field]: error.message }, values: formValues(formData) }, { status: 409 });
    }
    throw error;
  }
  return redirectWithFlash(`/requests/${found.id}`, REQUEST_DONE[command.intent]);
}

export default function RequestPage() {
  const { request: r, allowed, latestQuestion } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <span className="nhsuk-caption-l">Help request from {r.organisation_name}</span>
        <h1>{r.title}</h1>
        <RequestDetails request={r} />
        <RequestActions requestId={r.id} allowed={allowed} latestQuestion={latestQuestion} errors={data?.errors} values={data?.values} />
        {r.historyShown ? (
          <>
            <h2>History</h2>
            <RequestTimeline events={r.events} />
          </>
        ) : null}
      </div>
    </div>
  );
}
