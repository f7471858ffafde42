import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy";
import { organisationRef } from "~/models/organisation/organisations.server";
import { forbidden } from "~/auth/guards.server";
import { ErrorSummary } from "~/components/form";
import { OfferActions } from "~/components/offer-actions";
import { OfferDetails, OfferHistory } from "~/components/offer-details";
import { OfferStatusTag, pausedUntilText } from "~/components/offer-summary";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { closeOffer, pauseOffer, resumeOffer } from "~/models/offer/offers.server";
import { requireVisibleOffer } from "~/models/offer/guard.server";
import { offerImpacts } from "~/models/engagement/impact.server";
import { OfferImpactSummary } from "~/components/impact-summary";
import { offerActionSchema, offerRefusalField } from "~/schemas/offer";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Offer not found" />;
import { redirectWithFlash } from "~/lib/flash.server";
import { quarterLabel } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.offer.title ?? "Offer"} - Peerlink` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, offer, canEdit } = await requireVisibleOffer(request, params.id);
  const impact = (await offerImpacts(getDb(), [offer.id])).get(offer.id) ?? null;
  // "Ask for this offer": for whoever files requests for another organisation, while it takes requests.
  const own = actor.organisationId ? await organisationRef(getDb(), actor.organisationId) : undefined;
  const canAsk =
    !!own &&
    own.id !== offer.organisationId &&
    offer.status === "published" &&
    can(actor, { action: "request:create", organisation: own });
  // The history names the pioneer's staff, so only the pioneer sees it.
  return json({ offer: canEdit ? offer : { ...offer, events: [] }, canEdit, canAsk, impact });
}

const OFFER_DONE = { pause: "Offer paused.", resume: "Offer resumed.", close: "Offer closed." } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, offer, canEdit } = await requireVisibleOffer(request, params.id);
  if (!canEdit) throw forbidden();
  const formData = await readForm(request);
  const form = parseForm(offerActionSchema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  const db = getDb();
  const who = { offerId: offer.id, actor };
  try {
    const change = form.data;
    if (change.intent === "pause") await pauseOffer(db, { ...who, until: change.until, reason: change.reason });
    else if (change.intent === "resume") await resumeOffer(db, who);
    else await closeOffer(db, who);
  } catch (error) {
    return answerError(error, formValues(formData), { fields: offerRefusalField });
  }
  return redirectWithFlash(`/offers/${offer.id}`, OFFER_DONE[form.data.intent]);
}

export default function OfferPage() {
  const { offer, canEdit, canAsk, impact } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} order={["until", "reason", "confirm"]} />
        <span className="nhsuk-caption-l">{offer.organisationName}</span>
        <h1>{offer.title}</h1>
        <p>
          <OfferStatusTag status={offer.status} />{" "}
          {offer.status === "paused" ? pausedUntilText(offer.pausedUntil) : null}
        </p>
        {offer.description.split(/\n{2,}/).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
        <OfferDetails offer={offer} />
        {canAsk ? (
          <Link className="nhsuk-button" to={`/requests/new?offer=${encodeURIComponent(offer.id)}`}>
            Ask for this offer
          </Link>
        ) : null}
        <h2>Evidence of impact</h2>
        <OfferImpactSummary impact={impact} />
        {canEdit ? (
          <>
            <p>
              Places taken this quarter ({quarterLabel(offer.quarter)}): {offer.placesTaken} of{" "}
              {offer.capacityPerQuarter}
            </p>
            <OfferActions offerId={offer.id} status={offer.status} errors={data?.errors} values={data?.values} />
            <OfferHistory events={offer.events} />
          </>
        ) : null}
      </div>
    </div>
  );
}
