import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import {
  listFramework,
  moveCapability,
  renameCapability,
  retireCapability,
  unretireCapability,
} from "~/models/framework/framework.server";
import { capabilityActionSchema, frameworkRefusalFields } from "~/schemas/framework";
import { requireManagedCapability } from "~/models/framework/guard.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Capability not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.capability.name ?? "Capability"} - Capability framework - Peerlink` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { capability } = await requireManagedCapability(request, params.capabilityId);
  const domains = (await listFramework(getDb(), { includeRetired: true })).map((d) => ({
    id: d.id,
    name: d.name,
    retired: d.retiredAt !== null,
  }));
  return json({ capability, domains });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const from = { clientAddress: context.clientAddress };
  const { actor, capability } = await requireManagedCapability(request, params.capabilityId);
  const formData = await readForm(request);
  const form = parseForm(capabilityActionSchema, formData);
  if (!form.ok)
    return json<{ errors: FieldErrors; values: FormValues }>(
      { errors: form.errors, values: form.values },
      { status: 400 },
    );
  const db = getDb();
  const data = form.data;
  try {
    if (data.intent === "rename") await renameCapability(db, actor, capability.id, data, from);
    else if (data.intent === "move") await moveCapability(db, actor, capability.id, data.domainId, from);
    else if (data.intent === "retire") await retireCapability(db, actor, capability.id, from);
    else await unretireCapability(db, actor, capability.id, from);
  } catch (error) {
    return answerError(error, formValues(formData), { fields: frameworkRefusalFields });
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
          <TextField
            name="name"
            label="Name"
            defaultValue={values ? valueOf(values, "name") : c.name}
            error={errors?.name}
          />
          <TextareaField
            name="description"
            label="Description"
            rows={3}
            defaultValue={values ? valueOf(values, "description") : c.description}
            error={errors?.description}
          />
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
            options={domains
              .filter((d) => !d.retired || d.id === c.domainId)
              .map((d) => ({ value: d.id, label: d.name }))}
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
