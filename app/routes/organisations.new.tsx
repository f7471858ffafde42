import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { OrganisationForm } from "~/components/organisation-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import {
  createOrganisation,
  listIcbs,
  listRegions,
  organisationReferences,
} from "~/models/organisation/organisations.server";
import { organisationRefusalFields, organisationSchema } from "~/schemas/organisation";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Add an organisation - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: "organisation:create" });
  const db = getDb();
  const [regions, icbs] = await Promise.all([listRegions(db), listIcbs(db)]);
  return json({ regions, icbs });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "organisation:create" });
  const formData = await readForm(request);
  const form = parseForm(organisationSchema(await organisationReferences(getDb())), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const id = await createOrganisation(getDb(), actor, form.data, { clientAddress: context.clientAddress });
    return redirectWithFlash(`/organisations/${id}`, "Organisation added.");
  } catch (error) {
    return answerError(error, formValues(formData), { fields: organisationRefusalFields });
  }
}

export default function NewOrganisation() {
  const { regions, icbs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <>
      <h1>Add an organisation</h1>
      <OrganisationForm
        values={data?.values ?? { flags: ["active", "seeksHelp"] }}
        errors={data?.errors}
        regions={regions}
        icbs={icbs}
        submitLabel="Add organisation"
      />
    </>
  );
}
