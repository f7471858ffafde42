import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, notFound, requireSignedIn } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { SubmitButton } from "~/components/form";
import { RequestForm } from "~/components/request-form";
import { getDb } from "~/db.server";
import { isEditable } from "~/domain/request-lifecycle";
import { formValues, parseForm } from "~/lib/forms";
import { todayInEngland } from "~/lib/dates";
import { RequestNotFound, RequestRefused, updateRequest } from "~/models/request/requests.server";
import { getRequest, requestChoices } from "~/models/request/queries.server";
import { requestFormSchema } from "~/schemas/request";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Edit help request - Peerlink" }];

/** Only the owning organisation edits, and only while the request is a draft or waiting for more information. */
async function loadEditable(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const found = await getRequest(getDb(), id ?? "");
  if (!found) throw notFound();
  const organisation = { id: found.organisation_id, regionCode: found.region_code, icbCode: found.icb_code };
  if (found.status === "draft" && !can(actor, { action: "request:edit", organisation })) throw notFound();
  assertCan(actor, { action: "request:edit", organisation });
  if (!isEditable(found.status)) throw redirect(`/requests/${found.id}`);
  return { actor, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found: r } = await loadEditable(request, params.id);
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
  return json({ id: r.id, title: r.title, draft: r.status === "draft", values, choices });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, found } = await loadEditable(request, params.id);
  const formData = await request.formData();
  // A draft will be submitted as new, so its window must not have started; a request sent back may already be under way.
  const form = parseForm(requestFormSchema({ today: found.status === "draft" ? todayInEngland() : null }), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  const { intent, ...fields } = form.data;
  try {
    await updateRequest(getDb(), { requestId: found.id, userId: actor.id, fields, submit: intent === "submit" && found.status === "draft" });
  } catch (error) {
    if (error instanceof RequestNotFound) throw notFound();
    if (error instanceof RequestRefused) return json({ errors: { [error.field ?? "form"]: error.message }, values: formValues(formData) }, { status: 400 });
    throw error;
  }
  return redirectWithFlash(`/requests/${found.id}`, intent === "submit" && found.status === "draft" ? "Request saved and submitted." : "Request saved.");
}

export default function EditRequest() {
  const { title, draft, values, choices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{title}</span>
        <h1>Edit help request</h1>
        <RequestForm values={data?.values ?? values} errors={data?.errors} choices={choices} capabilityHint="Select all that apply">
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
        {draft ? null : <p>When you have made your changes, answer the coordinator's question on the request page to send it back for matching.</p>}
      </div>
    </div>
  );
}
