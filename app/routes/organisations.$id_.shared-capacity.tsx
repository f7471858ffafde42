import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { ResourceErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm, readForm, valueOf } from "~/lib/forms";
import { requireEditableOrganisation } from "~/models/organisation/guard.server";
import { setSharedCapacity } from "~/models/organisation/shared-capacity.server";
import { sharedCapacitySchema } from "~/schemas/shared-capacity";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Organisation not found" />;

export const meta: MetaFunction = () => [{ title: "Shared capacity across your offers - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation: o } = await requireEditableOrganisation(request, params.id);
  return json({
    id: o.id,
    name: o.name,
    pioneer: o.offers_outreach === 1,
    values: { sharedCapacity: o.shared_capacity_per_quarter === null ? "" : String(o.shared_capacity_per_quarter) },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, organisation } = await requireEditableOrganisation(request, params.id);
  const formData = await readForm(request);
  const form = parseForm(sharedCapacitySchema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await setSharedCapacity(getDb(), actor, organisation.id, form.data.sharedCapacity, {
      clientAddress: context.clientAddress,
    });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: { not_pioneer: "sharedCapacity" } });
  }
  return redirectWithFlash(
    `/organisations/${organisation.id}`,
    form.data.sharedCapacity === null ? "Shared capacity cleared." : "Shared capacity saved.",
  );
}

export default function SharedCapacity() {
  const { name, pioneer, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const current = data?.values ?? values;
  return (
    <>
      <ErrorSummary errors={data?.errors} order={["sharedCapacity"]} />
      <span className="nhsuk-caption-l">{name}</span>
      <h1>Shared capacity across your offers</h1>
      {pioneer ? (
        <Form method="post" noValidate>
          <p>
            Each offer has its own places each quarter. If your improvement team can only take so many engagements in a
            quarter whatever the offer, set that number here. Matching and approvals will not go past it.
          </p>
          <TextField
            name="sharedCapacity"
            label="Engagements a quarter across all your offers"
            hint="A whole number, like 4. Leave it empty for no shared limit."
            width={3}
            defaultValue={valueOf(current, "sharedCapacity")}
            error={data?.errors?.sharedCapacity}
          />
          <SubmitButton>Save shared capacity</SubmitButton>
        </Form>
      ) : (
        <p>Only a pioneer trust offering outreach sets a shared limit across its offers.</p>
      )}
    </>
  );
}
