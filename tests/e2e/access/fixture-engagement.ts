import { PERSONA_EMAILS, type AccessContext } from "./types";

const NOW = "2026-11-29T09:00:00.000Z";

export const userId = async (ctx: AccessContext, email: string) =>
  (await ctx.db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

/**
 * An active engagement between RF4 (asking) and RWK (pioneer), written once through the database
 * with ids from `prefix`, whatever the demo data holds. Its offer is closed so that no matching
 * round in other tests proposes it. Returns the ids and people the rows files build on.
 */
export async function fixtureEngagement(ctx: AccessContext, prefix: string, engagementId: string) {
  const [requester, pioneer] = [await ctx.orgId("RF4"), await ctx.orgId("RWK")];
  const [requesterUser, pioneerUser, coordinator] = [
    await userId(ctx, PERSONA_EMAILS.requester),
    await userId(ctx, PERSONA_EMAILS.pioneer),
    await userId(ctx, PERSONA_EMAILS.regional),
  ];
  const format = (
    await ctx.db
      .selectFrom("offer_format")
      .select("code")
      .where("is_virtual", "=", 0)
      .orderBy("position")
      .executeTakeFirstOrThrow()
  ).code;
  const ids = { request: `${prefix}-request`, offer: `${prefix}-offer`, match: `${prefix}-match` };
  await ctx.db
    .insertInto("help_request")
    .values({
      id: ids.request,
      organisation_id: requester,
      title: `Access check ${prefix}`,
      outcome: "",
      window_start: "2026-10-01",
      window_end: "2027-12-31",
      virtual_ok: 1,
      travel_limit: "anywhere",
      budget: "free",
      priority: "medium",
      status: "matched",
      created_by: requesterUser,
      created_at: NOW,
      updated_at: NOW,
      submitted_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("offer")
    .values({
      id: ids.offer,
      organisation_id: pioneer,
      title: `Access check ${prefix} offer`,
      description: "",
      format_code: format,
      capacity_per_quarter: 2,
      cost_model: "free",
      virtual_ok: 1,
      contact_name: "Contact",
      contact_email: "contact@example.org",
      status: "closed",
      paused_until: null,
      created_by: pioneerUser,
      created_at: NOW,
      updated_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("outreach_match")
    .values({
      id: ids.match,
      request_id: ids.request,
      offer_id: ids.offer,
      quarter: "2026-Q4",
      proposal_id: null,
      status: "accepted",
      approved_by: coordinator,
      approved_at: NOW,
      approval_reason: "",
      responded_by: pioneerUser,
      responded_at: NOW,
      response_reason: "",
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("engagement")
    .values({
      id: engagementId,
      match_id: ids.match,
      request_id: ids.request,
      offer_id: ids.offer,
      requester_organisation_id: requester,
      pioneer_organisation_id: pioneer,
      status: "active",
      opened_at: NOW,
      ended_at: null,
      ended_by: null,
      end_reason: null,
      follow_up_due_on: null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return { now: NOW, requester, pioneer, requesterUser, pioneerUser, format };
}
