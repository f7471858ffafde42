import { learningSearch } from "../../../app/models/learning-search/index.server";
import { only, PERSONA_EMAILS, SIGNED_IN, type AccessContext, type AccessRow } from "./types";

export const covers = ["learning._index.tsx", "learning.$id.tsx", "learning.$id_.edit.tsx", "engagements.$id_.learning.new.tsx"];

const NOW = "2026-11-29T09:00:00.000Z";
const ENGAGEMENT_ID = "e2e-learning-engagement";
/** Recorded by RF4 (the requesting trust) and shared with everyone. */
const SHARED_ID = "e2e-learning-shared";
/** Recorded by RWK (the pioneer) and kept between the two trusts. */
const PRIVATE_ID = "e2e-learning-private";

const userId = async (ctx: AccessContext, email: string) => (await ctx.db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

/**
 * An engagement between RF4 (asking) and RWK (pioneer) with one shared and one private entry,
 * each with an action, made once through the database whatever the demo data holds. Its offer is
 * closed so that no matching round in other tests proposes it.
 */
async function learningFixture(ctx: AccessContext): Promise<void> {
  const existing = await ctx.db.selectFrom("learning_entry").select("id").where("id", "=", PRIVATE_ID).executeTakeFirst();
  if (existing) return;
  const [requester, pioneer] = [await ctx.orgId("RF4"), await ctx.orgId("RWK")];
  const [requesterUser, pioneerUser, coordinator] = [await userId(ctx, PERSONA_EMAILS.requester), await userId(ctx, PERSONA_EMAILS.pioneer), await userId(ctx, PERSONA_EMAILS.regional)];
  const format = (await ctx.db.selectFrom("offer_format").select("code").orderBy("position").executeTakeFirstOrThrow()).code;
  const capability = (await ctx.db.selectFrom("capability").select("id").where("retired_at", "is", null).orderBy("position").executeTakeFirstOrThrow()).id;
  await ctx.db
    .insertInto("help_request")
    .values({
      id: "e2e-learning-request", organisation_id: requester, title: "Access check learning", outcome: "", window_start: "2026-10-01", window_end: "2027-12-31",
      virtual_ok: 1, travel_limit: "anywhere", budget: "free", priority: "medium", status: "matched", created_by: requesterUser, created_at: NOW, updated_at: NOW, submitted_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("offer")
    .values({
      id: "e2e-learning-offer", organisation_id: pioneer, title: "Access check learning offer", description: "", format_code: format, capacity_per_quarter: 2,
      cost_model: "free", virtual_ok: 1, contact_name: "Contact", contact_email: "contact@example.org", status: "closed", paused_until: null, created_by: pioneerUser,
      created_at: NOW, updated_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("outreach_match")
    .values({
      id: "e2e-learning-match", request_id: "e2e-learning-request", offer_id: "e2e-learning-offer", quarter: "2026-Q4", proposal_id: null, status: "accepted",
      approved_by: coordinator, approved_at: NOW, approval_reason: "", responded_by: pioneerUser, responded_at: NOW, response_reason: "",
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("engagement")
    .values({
      id: ENGAGEMENT_ID, match_id: "e2e-learning-match", request_id: "e2e-learning-request", offer_id: "e2e-learning-offer", requester_organisation_id: requester,
      pioneer_organisation_id: pioneer, status: "active", opened_at: NOW, ended_at: null, ended_by: null, end_reason: null, follow_up_due_on: null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const entry = (id: string, organisation_id: string, author_id: string, title: string, visibility: "shared" | "private") => ({
    id, engagement_id: ENGAGEMENT_ID, organisation_id, author_id, title, insight: `${title}: what the access check learned.`, visibility, created_at: NOW, updated_at: NOW,
  });
  await ctx.db
    .insertInto("learning_entry")
    .values([entry(SHARED_ID, requester, requesterUser, "Access check shared learning", "shared"), entry(PRIVATE_ID, pioneer, pioneerUser, "Access check private learning", "private")])
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("learning_capability")
    .values([SHARED_ID, PRIVATE_ID].map((entry_id) => ({ entry_id, capability_id: capability })))
    .onConflict((oc) => oc.columns(["entry_id", "capability_id"]).doNothing())
    .execute();
  const action = (id: string, entry_id: string, updated_by: string) => ({
    id, entry_id, engagement_id: ENGAGEMENT_ID, description: "Share the access check", owner: "Access checker", due_on: "2027-03-31", status: "open" as const, updated_by, updated_at: NOW,
  });
  await ctx.db
    .insertInto("learning_action")
    .values([action("e2e-learning-shared-action", SHARED_ID, requesterUser), action("e2e-learning-private-action", PRIVATE_ID, pioneerUser)])
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const id of [SHARED_ID, PRIVATE_ID]) await learningSearch(trx).indexEntry(trx, id);
  });
}

const at = (path: string) => async (ctx: AccessContext) => {
  await learningFixture(ctx);
  return path;
};

// Either trust works on the engagement; the side that wrote an entry edits it. A private entry
// answers 404 to everyone else, coordinators and admins included.
const TWO_TRUSTS = only("member", "requester", "pioneer");

export const rows: AccessRow[] = [
  { name: "the learning library", method: "GET", path: at("/learning?q=access+check"), expect: SIGNED_IN },
  { name: "a shared learning entry", method: "GET", path: at(`/learning/${SHARED_ID}`), expect: SIGNED_IN },
  // An empty form is refused with a message, so no action changes.
  { name: "update an action of a shared entry", method: "POST", path: at(`/learning/${SHARED_ID}`), expect: TWO_TRUSTS },
  { name: "a private learning entry", method: "GET", path: at(`/learning/${PRIVATE_ID}`), expect: TWO_TRUSTS },
  { name: "update an action of a private entry", method: "POST", path: at(`/learning/${PRIVATE_ID}`), expect: TWO_TRUSTS },
  { name: "record learning (form)", method: "GET", path: at(`/engagements/${ENGAGEMENT_ID}/learning/new`), expect: TWO_TRUSTS },
  { name: "record learning", method: "POST", path: at(`/engagements/${ENGAGEMENT_ID}/learning/new`), expect: TWO_TRUSTS },
  { name: "edit RF4's shared entry (form)", method: "GET", path: at(`/learning/${SHARED_ID}/edit`), expect: only("member", "requester") },
  { name: "edit RF4's shared entry", method: "POST", path: at(`/learning/${SHARED_ID}/edit`), expect: only("member", "requester") },
  { name: "edit RWK's private entry (form)", method: "GET", path: at(`/learning/${PRIVATE_ID}/edit`), expect: only("pioneer") },
  { name: "edit RWK's private entry", method: "POST", path: at(`/learning/${PRIVATE_ID}/edit`), expect: only("pioneer") },
];
