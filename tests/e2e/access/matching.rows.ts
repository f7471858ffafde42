import { only, PERSONA_EMAILS, SIGNED_IN, type AccessContext, type AccessRow } from "./types";

export const covers = [
  "matching._index.tsx",
  "matching.weights.tsx",
  "matching.rounds.$id.tsx",
  "matching.rounds.$id_.csv.ts",
  "matching.rounds.$id_.why-not.tsx",
  "matches._index.tsx",
  "matches.$id.tsx",
  "notifications.tsx",
];

const NOW = "2026-11-29T09:00:00.000Z";
const ROUND_ID = "e2e-access-round";
const MATCH_ID = "e2e-access-match";

const userId = async (ctx: AccessContext, email: string) =>
  (await ctx.db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

/** A round run by the London coordinator for their region, made once whatever the demo data holds. */
async function londonRound(ctx: AccessContext): Promise<string> {
  const existing = await ctx.db.selectFrom("match_round").select("id").where("id", "=", ROUND_ID).executeTakeFirst();
  if (existing) return `/matching/rounds/${ROUND_ID}`;
  const coordinator = await ctx.db
    .selectFrom("app_user")
    .innerJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select(["app_user.id", "coordinating_body.scope", "coordinating_body.scope_code"])
    .where("app_user.email", "=", PERSONA_EMAILS.regional)
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto("match_round")
    .values({
      id: ROUND_ID,
      scope: coordinator.scope,
      scope_code: coordinator.scope_code,
      quarter: "2026-Q4",
      run_by: coordinator.id,
      weights_json: "{}",
      summary_json: JSON.stringify({
        requests: 0,
        offers: 0,
        proposed: 0,
        pinned: 0,
        unmatched: 0,
        totalScore: 0,
        greedyMatched: 0,
      }),
      created_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return `/matching/rounds/${ROUND_ID}`;
}

/** An approved match between a request of RF4 and an offer of RWK, waiting for RWK's answer. */
async function rf4RwkMatch(ctx: AccessContext): Promise<string> {
  const existing = await ctx.db.selectFrom("outreach_match").select("id").where("id", "=", MATCH_ID).executeTakeFirst();
  if (existing) return `/matches/${MATCH_ID}`;
  const [requester, pioneer] = [await ctx.orgId("RF4"), await ctx.orgId("RWK")];
  const [requesterUser, pioneerUser, coordinator] = [
    await userId(ctx, PERSONA_EMAILS.requester),
    await userId(ctx, PERSONA_EMAILS.pioneer),
    await userId(ctx, PERSONA_EMAILS.regional),
  ];
  let format = (await ctx.db.selectFrom("offer_format").select("code").executeTakeFirst())?.code;
  if (!format) {
    format = "e2e-visit";
    await ctx.db
      .insertInto("offer_format")
      .values({ code: format, name: "Site visit", description: "", position: 0, retired_at: null, is_virtual: 0 })
      .execute();
  }
  await ctx.db
    .insertInto("help_request")
    .values({
      id: "e2e-access-request",
      organisation_id: requester,
      title: "Access check request",
      outcome: "",
      window_start: "2026-10-01",
      window_end: "2026-12-31",
      virtual_ok: 1,
      travel_limit: "anywhere",
      budget: "free",
      priority: "medium",
      status: "submitted",
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
      id: "e2e-access-offer",
      organisation_id: pioneer,
      title: "Access check offer",
      description: "",
      format_code: format,
      capacity_per_quarter: 2,
      cost_model: "free",
      virtual_ok: 1,
      contact_name: "Contact",
      contact_email: "contact@example.org",
      status: "published",
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
      id: MATCH_ID,
      request_id: "e2e-access-request",
      offer_id: "e2e-access-offer",
      quarter: "2026-Q4",
      proposal_id: null,
      status: "approved",
      approved_by: coordinator,
      approved_at: NOW,
      approval_reason: "",
      responded_by: null,
      responded_at: null,
      response_reason: null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return `/matches/${MATCH_ID}`;
}

const coordinators = only("coordinator", "regional");

export const rows: AccessRow[] = [
  { name: "matching home", method: "GET", path: "/matching", expect: coordinators },
  // An empty form is refused with a message, so no round is actually run.
  { name: "run a matching round", method: "POST", path: "/matching", expect: coordinators },
  {
    name: "run a matching round with a bad priority choice",
    method: "POST",
    path: "/matching",
    form: { intent: "run", needPriority: "maybe" },
    expect: coordinators,
  },
  { name: "how matches are scored", method: "GET", path: "/matching/weights", expect: SIGNED_IN },
  { name: "a London matching round", method: "GET", path: londonRound, expect: coordinators },
  { name: "decide on a London matching round", method: "POST", path: londonRound, expect: coordinators },
  {
    name: "why not this offer, in a London matching round",
    method: "GET",
    path: async (ctx) => `${await londonRound(ctx)}/why-not`,
    expect: coordinators,
  },
  {
    name: "a London matching round as CSV",
    method: "GET",
    path: async (ctx) => `${await londonRound(ctx)}/csv`,
    expect: coordinators,
    download: true,
  },
  // Trusts list their own matches; coordinators and admins the matches in their area, by state.
  { name: "matches", method: "GET", path: "/matches", expect: SIGNED_IN },
  // Admins see every organisation's records; the trust in another region is not told the match exists.
  {
    name: "a match between RF4 and RWK",
    method: "GET",
    path: rf4RwkMatch,
    expect: only("member", "requester", "pioneer", "coordinator", "regional", "admin"),
  },
  { name: "answer a match between RF4 and RWK", method: "POST", path: rf4RwkMatch, expect: only("pioneer") },
  // Taking a late match back is a coordinator's decision in the requester's area; the empty reason is refused with a message.
  {
    name: "take back a match between RF4 and RWK",
    method: "POST",
    path: rf4RwkMatch,
    form: { intent: "repropose" },
    expect: coordinators,
  },
  // Releasing a late match at once is the same decision; one not yet late is refused with a message.
  {
    name: "release a late match between RF4 and RWK",
    method: "POST",
    path: rf4RwkMatch,
    form: { intent: "release" },
    expect: coordinators,
  },
  { name: "notifications", method: "GET", path: "/notifications", expect: SIGNED_IN },
  { name: "mark notifications read", method: "POST", path: "/notifications", expect: SIGNED_IN },
];
