import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OfferErrorSummary, OfferForm, offerFormValues } from "~/components/offer-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues } from "~/lib/forms";
import { evidenceRefusals, latestMaturityOf, updateOffer } from "~/models/offer/offers.server";
import { requireEditableOffer } from "~/models/offer/guard.server";
import { offerChoices } from "~/models/offer/queries.server";
import { chosenEvidence, offerDetailErrors, offerRefusalField, parseOfferFields } from "~/schemas/offer";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Offer not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Edit offer - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { offer } = await requireEditableOffer(request, params.id);
  if (offer.status === "closed") throw redirect(`/offers/${offer.id}`);
  const db = getDb();
  const keep = {
    capabilityIds: offer.capabilities.map((c) => c.id),
    formatCode: offer.formatCode,
    audienceCodes: offer.audiences.map((a) => a.code),
  };
  const [choices, maturity] = await Promise.all([offerChoices(db, keep), latestMaturityOf(db, offer.organisationId)]);
  const location = [offer.regionName ?? "Region not known", offer.icbName].filter(Boolean).join(", ");
  return json({
    id: offer.id,
    title: offer.title,
    organisationName: offer.organisationName,
    location,
    choices,
    maturity,
    values: offerFormValues(offer),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, offer } = await requireEditableOffer(request, params.id);
  const formData = await readForm(request);
  const form = parseOfferFields(formData);
  if (!form.ok) {
    const evidence = offerDetailErrors(
      await evidenceRefusals(getDb(), offer.organisationId, chosenEvidence(form.values)),
    );
    return json({ errors: { ...form.errors, ...evidence }, values: form.values }, { status: 400 });
  }
  try {
    await updateOffer(getDb(), { offerId: offer.id, actor, fields: form.data });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: offerRefusalField });
  }
  return redirectWithFlash(`/offers/${offer.id}`, "Offer saved.");
}

export default function EditOffer() {
  const { id, title, organisationName, location, choices, maturity, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <OfferErrorSummary errors={data?.errors} choices={choices} />
        <span className="nhsuk-caption-l">{organisationName}</span>
        <h1>Edit {title}</h1>
        <OfferForm
          values={data?.values ?? values}
          errors={data?.errors}
          choices={choices}
          maturity={maturity}
          location={location}
          submitLabel="Save changes"
        />
        <p>
          <Link to={`/offers/${id}`}>Back to the offer without saving</Link>
        </p>
      </div>
    </div>
  );
}
