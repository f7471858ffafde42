import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { can, type Actor } from "~/auth/policy";
import { ChoiceField, SubmitButton } from "~/components/form";
import { OrganisationForm } from "~/components/organisation-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, valuesOf } from "~/lib/forms";
import {
  listIcbs,
  listRegions,
  updateOrganisation,
  updateOwnProfile,
  organisationReferences,
} from "~/models/organisation/organisations.server";
import { organisationRefusalFields, organisationSchema, ownProfileSchema } from "~/schemas/organisation";
import { requireEditableOrganisation } from "~/models/organisation/guard.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Organisation not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Edit organisation - Peerlink" }];

/** Administrators edit everything; an organisation's own administrator edits only what ODS does not supply. */
const editsEverything = (actor: Actor) => can(actor, { action: "organisation:editIdentity" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, organisation: o } = await requireEditableOrganisation(request, params.id);
  const db = getDb();
  const [regions, icbs] = await Promise.all([listRegions(db), listIcbs(db)]);
  const flags = [
    o.is_foundation_trust ? "isFoundationTrust" : null,
    o.active ? "active" : null,
    o.seeks_help ? "seeksHelp" : null,
    o.offers_outreach ? "offersOutreach" : null,
  ].filter((f): f is string => f !== null);
  const values = {
    odsCode: o.ods_code,
    name: o.name,
    type: o.type,
    regionCode: o.region_code ?? "",
    icbCode: o.icb_code ?? "",
    address: o.address,
    postcode: o.postcode,
    flags,
  };
  return json({ id: o.id, name: o.name, full: editsEverything(actor), values, regions, icbs });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, organisation } = await requireEditableOrganisation(request, params.id);
  const formData = await readForm(request);
  const db = getDb();
  if (!editsEverything(actor)) {
    const form = parseForm(ownProfileSchema, formData);
    if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
    await updateOwnProfile(db, actor, organisation.id, form.data, { clientAddress: context.clientAddress });
    return redirectWithFlash(`/organisations/${organisation.id}`, "Organisation details saved.");
  }
  const form = parseForm(organisationSchema(await organisationReferences(getDb())), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateOrganisation(db, actor, organisation.id, form.data, { clientAddress: context.clientAddress });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: organisationRefusalFields });
  }
  return redirectWithFlash(`/organisations/${organisation.id}`, "Organisation details saved.");
}

export default function EditOrganisation() {
  const { name, full, values, regions, icbs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const current = data?.values ?? values;
  return (
    <>
      <span className="nhsuk-caption-l">{name}</span>
      <h1>Edit organisation</h1>
      {full ? (
        <OrganisationForm
          values={current}
          errors={data?.errors}
          regions={regions}
          icbs={icbs}
          submitLabel="Save changes"
        />
      ) : (
        <Form method="post" noValidate>
          <p>
            The name, code and place of your organisation come from the NHS Organisation Data Service. You can say how
            it takes part in Peerlink.
          </p>
          <p>
            To offer outreach to other trusts, ask for pioneer status on your organisation&apos;s page: a coordinator or
            administrator decides.
          </p>
          <ChoiceField
            kind="checkbox"
            name="flags"
            legend="How your organisation takes part"
            options={[{ value: "seeksHelp", label: "Seeks help with improvement" }]}
            selected={valuesOf(current, "flags")}
          />
          <SubmitButton>Save changes</SubmitButton>
        </Form>
      )}
    </>
  );
}
