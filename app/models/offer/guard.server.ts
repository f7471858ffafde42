import { assertCan, forbidden, notFound, requireSignedIn } from "../../auth/guards.server";
import { can } from "../../auth/policy";
import { getDb } from "../../db.server";
import { getOrganisation } from "../organisation/organisations.server";
import { getOffer } from "./queries.server";

// Every offer page starts here: who is asking, and the offer or organisation they act for.

/** Any signed-in person reads an offer; only its organisation's own people change it. */
export async function requireVisibleOffer(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  assertCan(actor, { action: "offer:view" });
  const offer = await getOffer(getDb(), id ?? "");
  if (!offer) throw notFound("Offer not found");
  const organisation = { id: offer.organisationId, regionCode: offer.regionCode, icbCode: offer.icbCode };
  return { actor, offer, canEdit: can(actor, { action: "offer:edit", organisation }) };
}

export async function requireEditableOffer(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const offer = await getOffer(getDb(), id ?? "");
  if (!offer) throw notFound("Offer not found");
  assertCan(actor, {
    action: "offer:edit",
    organisation: { id: offer.organisationId, regionCode: offer.regionCode, icbCode: offer.icbCode },
  });
  return { actor, offer };
}

/** Only people of a pioneer organisation publish, and always for their own organisation. */
export async function requirePublisher(request: Request) {
  const { actor, user } = await requireSignedIn(request);
  const organisation = actor.organisationId ? await getOrganisation(getDb(), actor.organisationId) : undefined;
  if (!organisation) throw forbidden();
  assertCan(actor, {
    action: "offer:create",
    organisation: { id: organisation.id, regionCode: organisation.region_code, icbCode: organisation.icb_code },
  });
  return { actor, user, organisation };
}
