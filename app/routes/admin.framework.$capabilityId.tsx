import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/guards.server";
import { ErrorSummary, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { formValues, parseForm, valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { FrameworkProblem, getCapability, listFramework, moveCapability, renameCapability, retireCapability, unretireCapability } from "~/models/framework/framework.server";
import { capabilityActionSchema } from "~/schemas/framework";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.capability.name ?? "Capability"} - Capability framework - Peerlink` }];

async function loadCapability(request: Request, id: string | undefined) {
  await requirePermission(request, { action: "framework:manage" });
  const capability = await getCapability(getDb(), id ?? "");
  if (!capability) throw notFound();
  return capability;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const capability = await loadCapability(request, params.capabilityId);
  const domains = (await listFramework(getDb(), { includeRetired: true })).map((d) => ({ id: d.id, name: d.name, retired: d.retiredAt !== null }));
  return json({ capability, domains });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const capability = await loadCapability(request, params.capabilityId);
  const formData = await request.formData();
  const form = parseForm(capabilityActionSchema, formData);
  if (!form.ok) return json<{ errors: FieldErrors; values: FormValues }>({ errors: form.errors, values: form.values }, { status: 400 });
  const db = getDb();
  const data = form.data;
  try {
    if (data.intent === "rename") await renameCapability(db, capability.id, data);
    else if (data.intent === "move") await moveCapability(db, capability.id, data.domainId);
    else if (data.intent === "retire") await retireCapability(db, capability.id);
    else await unretireCapability(db, capability.id);
  } catch (error) {
    if (error instanceof FrameworkProblem) return json({ errors: { [error.field]: error.message } as FieldErrors, values: formValues(formData) }, { status: 400 });
    throw error;
  }
  return redirectWithFlash("/admin/framework", "Capability saved.");
}

export default function CapabilityPage() {
  const { capability: c, domains } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors;
  const values = failed?.values;
  const retired = c.retiredAt !== null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["name", "description", "domainId"]} />
        <span className="nhsuk-caption-l">Capability {c.code}</span>
        <h1>{c.name}</h1>
        {retired ? <strong className="nhsuk-tag nhsuk-tag--grey">Retired</strong> : null}

        <h2>Change the wording</h2>
        <p>The code stays the same, and scores already recorded keep pointing at this capability.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <TextField name="name" label="Name" defaultValue={values ? valueOf(values, "name") : c.name} error={errors?.name} />
          <TextareaField name="description" label="Description" rows={3} defaultValue={values ? valueOf(values, "description") : c.description} error={errors?.description} />
          <SubmitButton>Save wording</SubmitButton>
        </Form>

        <h2>Move to another domain</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="move" />
          <SelectField
            name="domainId"
            label="Domain"
            defaultValue={values ? valueOf(values, "domainId") : c.domainId}
            error={errors?.domainId}
            options={domains.filter((d) => !d.retired || d.id === c.domainId).map((d) => ({ value: d.id, label: d.name }))}
          />
          <SubmitButton secondary>Move capability</SubmitButton>
        </Form>

        <h2>{retired ? "Restore" : "Retire"}</h2>
        <p>
          {retired
            ? "Restoring offers this capability on new assessments, requests and offers again."
            : "Retiring stops offering this capability on new assessments, requests and offers. Records that already use it keep it."}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value={retired ? "unretire" : "retire"} />
          <SubmitButton secondary>{retired ? "Restore capability" : "Retire capability"}</SubmitButton>
        </Form>
        <p>
          <Link to="/admin/framework">Back to the capability framework</Link>
        </p>
      </div>
    </div>
  );
}
