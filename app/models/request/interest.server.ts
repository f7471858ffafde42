import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { nowIso, todayInEngland } from "../../lib/dates";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { matchableOffers } from "../matching/facts.server";

/**
 * A pioneer's "We are interested in helping" mark on an open request. Matching honours it as part
 * of the preference factor; the coordinator sees who marked it on the request and in the round.
 */
export async function mayMarkInterest(db: Kysely<Database>, actor: Actor, requestId: string) {
  const head = await db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select(["help_request.status", "organisation.id", "organisation.region_code", "organisation.icb_code"])
    .where("help_request.id", "=", requestId)
    .executeTakeFirst();
  if (!head) return { request: null, allowed: false, marked: false };
  const hasOpenOffer =
    actor.organisationId !== null &&
    (await matchableOffers(db, todayInEngland())
      .select("offer.id")
      .where("offer.organisation_id", "=", actor.organisationId)
      .executeTakeFirst()) !== undefined;
  const organisation = { id: head.id, regionCode: head.region_code, icbCode: head.icb_code };
  const allowed = can(actor, { action: "request:markInterest", organisation, hasOpenOffer });
  const marked =
    allowed &&
    (await db
      .selectFrom("request_interest")
      .select("request_id")
      .where("request_id", "=", requestId)
      .where("organisation_id", "=", actor.organisationId!)
      .executeTakeFirst()) !== undefined;
  return { request: { status: head.status }, allowed, marked };
}

export async function setInterest(
  db: Kysely<Database>,
  { actor, requestId, interested }: { actor: Actor; requestId: string; interested: boolean },
): Promise<void> {
  const { request, allowed } = await mayMarkInterest(db, actor, requestId);
  if (!request) throw new NotFound("Request not found");
  if (!allowed) throw new Forbidden("Only a pioneer with an open offer can say it is interested in helping");
  const organisationId = actor.organisationId!;
  if (!interested) {
    await db
      .deleteFrom("request_interest")
      .where("request_id", "=", requestId)
      .where("organisation_id", "=", organisationId)
      .execute();
    return;
  }
  if (request.status !== "submitted")
    throw new Refused("This request is no longer open, so interest can no longer be marked");
  await db
    .insertInto("request_interest")
    .values({ request_id: requestId, organisation_id: organisationId, marked_by: actor.id, marked_at: nowIso() })
    .onConflict((oc) => oc.columns(["request_id", "organisation_id"]).doNothing())
    .execute();
}

/** Pioneer organisations interested in the request, for the coordinator and the requesting trust. */
export async function interestedOrganisations(db: Kysely<Database>, requestId: string) {
  return db
    .selectFrom("request_interest")
    .innerJoin("organisation", "organisation.id", "request_interest.organisation_id")
    .select(["organisation.id", "organisation.name", "request_interest.marked_at"])
    .where("request_interest.request_id", "=", requestId)
    .orderBy("organisation.name")
    .orderBy("organisation.id")
    .execute();
}
