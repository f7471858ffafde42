import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OfferErrorSummary, OfferForm } from "~/components/offer-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues } from "~/lib/forms";
import { evidenceRefusals, latestMaturityOf, publishOffer } from "~/models/offer/offers.server";
import { requirePublisher } from "~/models/offer/guard.server";
import { offerChoices } from "~/models/offer/queries.server";
import { chosenEvidence, offerDetailErrors, offerRefusalField, parseOfferFields } from "~/schemas/offer";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Publish an offer - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organisation } = await requirePublisher(request);
  const db = getDb();
  const [choices, maturity] = await Promise.all([offerChoices(db), latestMaturityOf(db, organisation.id)]);
  const location = [organisation.region_name ?? "Region not known", organisation.icb_name].filter(Boolean).join(", ");
  return json({
    organisationName: organisation.name,
    location,
    choices,
    maturity,
    values: { contactName: user.name, contactEmail: user.email, costModel: "free", capacityPerQuarter: "1" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, organisation } = await requirePublisher(request);
  const formData = await readForm(request);
  const form = parseOfferFields(formData);
  if (!form.ok) {
    const evidence = offerDetailErrors(await evidenceRefusals(getDb(), organisation.id, chosenEvidence(form.values)));
    return json({ errors: { ...form.errors, ...evidence }, values: form.values }, { status: 400 });
  }
  try {
    const id = await publishOffer(getDb(), { organisationId: organisation.id, actor, fields: form.data });
    return redirectWithFlash(`/offers/${id}`, "Offer created.");
  } catch (error) {
    return answerError(error, formValues(formData), { fields: offerRefusalField });
  }
}

export default function NewOffer() {
  const { organisationName, location, choices, maturity, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <OfferErrorSummary errors={data?.errors} choices={choices} />
        <span className="nhsuk-caption-l">{organisationName}</span>
        <h1>Publish an offer</h1>
        <OfferForm
          values={data?.values ?? values}
          errors={data?.errors}
          choices={choices}
          maturity={maturity}
          location={location}
          submitLabel="Publish offer"
        />
      </div>
    </div>
  );
}
