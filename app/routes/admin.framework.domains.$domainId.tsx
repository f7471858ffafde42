import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextareaField, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, valueOf } from "~/lib/forms";
import { renameDomain } from "~/models/framework/framework.server";
import { requireManagedDomain } from "~/models/framework/guard.server";
import { domainSchema, frameworkRefusalFields } from "~/schemas/framework";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Domain not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Change a domain - Capability framework - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { domain } = await requireManagedDomain(request, params.domainId);
  return json({ domain: { id: domain.id, name: domain.name, description: domain.description } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, domain } = await requireManagedDomain(request, params.domainId);
  const formData = await readForm(request);
  const form = parseForm(domainSchema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await renameDomain(getDb(), actor, domain.id, form.data, { clientAddress: context.clientAddress });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: frameworkRefusalFields });
  }
  return redirectWithFlash("/admin/framework", "Domain saved.");
}

export default function DomainPage() {
  const { domain } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={failed?.errors} order={["name", "description"]} />
        <span className="nhsuk-caption-l">Capability framework</span>
        <h1>Change the {domain.name} domain</h1>
        <Form method="post" noValidate>
          <TextField
            name="name"
            label="Name"
            defaultValue={values ? valueOf(values, "name") : domain.name}
            error={failed?.errors.name}
          />
          <TextareaField
            name="description"
            label="Description (optional)"
            rows={3}
            defaultValue={values ? valueOf(values, "description") : domain.description}
            error={failed?.errors.description}
          />
          <SubmitButton>Save domain</SubmitButton>
        </Form>
        <p>
          <Link to="/admin/framework">Back to the capability framework</Link>
        </p>
      </div>
    </div>
  );
}
