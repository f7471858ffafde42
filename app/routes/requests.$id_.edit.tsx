import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { RequestForm } from "~/components/request-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { todayInEngland } from "~/lib/dates";
import { updateRequest } from "~/models/request/requests.server";
import { requestChoices } from "~/models/request/queries.server";
import { requestFormRefusalFields, requestFormSchema } from "~/schemas/request";
import { requireEditableRequest } from "~/models/request/guard.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Request not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Edit help request - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found: r, refusal } = await requireEditableRequest(request, params.id);
  if (refusal)
    return json({ id: r.id, title: r.title, refusal, status: r.status, draft: false, values: null, choices: null });
  const values = {
    title: r.title,
    outcome: r.outcome,
    capabilityIds: r.capabilities.map((c) => c.id),
    audienceCodes: r.audiences.map((a) => a.code),
    formatCodes: r.formats.map((f) => f.code),
    windowStart: r.window_start,
    windowEnd: r.window_end,
    virtualOk: r.virtual_ok ? "yes" : "no",
    travelLimit: r.travel_limit,
    budget: r.budget,
    priority: r.priority,
  };
  const choices = await requestChoices(getDb(), values);
  return json({
    id: r.id,
    title: r.title,
    refusal: null,
    status: r.status,
    draft: r.status === "draft",
    values,
    choices,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // A request that can no longer be changed is refused by the model, and the page then says why.
  const { actor, found } = await requireEditableRequest(request, params.id);
  const formData = await readForm(request);
  // A draft will be submitted as new, so its window must not have started; a request sent back may already be under way.
  const form = parseForm(requestFormSchema({ today: found.status === "draft" ? todayInEngland() : null }), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  const { intent, ...fields } = form.data;
  try {
    await updateRequest(getDb(), {
      requestId: found.id,
      actor,
      fields,
      submit: intent === "submit" && found.status === "draft",
    });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: requestFormRefusalFields });
  }
  return redirectWithFlash(
    `/requests/${found.id}`,
    intent === "submit" && found.status === "draft" ? "Request saved and submitted." : "Request saved.",
  );
}

export default function EditRequest() {
  const { id, title, draft, status, values, choices, refusal } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (refusal || !values || !choices) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">{title}</span>
          <h1>This request can no longer be changed</h1>
          <p>{refusal}</p>
          <p>
            <Link to={`/requests/${id}`}>Back to the request</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{title}</span>
        <h1>Edit help request</h1>
        <RequestForm
          values={data?.values ?? values}
          errors={data?.errors}
          choices={choices}
          capabilityHint="Select all that apply"
        >
          <div className="nhsuk-button-group">
            {draft ? (
              <>
                <SubmitButton name="intent" value="submit">
                  Save and submit request
                </SubmitButton>{" "}
              </>
            ) : null}
            <SubmitButton name="intent" value="save" secondary={draft}>
              Save changes
            </SubmitButton>
          </div>
        </RequestForm>
        {status !== "needs_info" ? null : (
          <p>
            When you have made your changes, answer the coordinator's question on the request page to send it back for
            matching.
          </p>
        )}
      </div>
    </div>
  );
}
