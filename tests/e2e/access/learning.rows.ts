import { learningSearch } from "../../../app/models/learning/search/index.server";
import { fixtureEngagement } from "./fixture-engagement";
import { only, SIGNED_IN, type AccessContext, type AccessRow } from "./types";

export const covers = [
  "learning._index.tsx",
  "learning.$id.tsx",
  "learning.$id_.edit.tsx",
  "engagements.$id_.learning.new.tsx",
];

const NOW = "2026-11-29T09:00:00.000Z";
const ENGAGEMENT_ID = "e2e-learning-engagement";
/** Recorded by RF4 (the requesting trust) and shared with everyone. */
const SHARED_ID = "e2e-learning-shared";
/** Recorded by RWK (the pioneer) and kept between the two trusts. */
const PRIVATE_ID = "e2e-learning-private";

/**
 * An engagement between RF4 (asking) and RWK (pioneer) with one shared and one private entry,
 * each with an action, made once through the database whatever the demo data holds. Its offer is
 * closed so that no matching round in other tests proposes it.
 */
async function learningFixture(ctx: AccessContext): Promise<void> {
  const existing = await ctx.db
    .selectFrom("learning_entry")
    .select("id")
    .where("id", "=", PRIVATE_ID)
    .executeTakeFirst();
  if (existing) return;
  const { requester, pioneer, requesterUser, pioneerUser } = await fixtureEngagement(
    ctx,
    "e2e-learning",
    ENGAGEMENT_ID,
  );
  const capability = (
    await ctx.db
      .selectFrom("capability")
      .select("id")
      .where("retired_at", "is", null)
      .orderBy("position")
      .executeTakeFirstOrThrow()
  ).id;
  const entry = (
    id: string,
    organisation_id: string,
    author_id: string,
    title: string,
    visibility: "shared" | "private",
  ) => ({
    id,
    engagement_id: ENGAGEMENT_ID,
    organisation_id,
    author_id,
    title,
    insight: `${title}: what the access check learned.`,
    visibility,
    created_at: NOW,
    updated_at: NOW,
  });
  await ctx.db
    .insertInto("learning_entry")
    .values([
      entry(SHARED_ID, requester, requesterUser, "Access check shared learning", "shared"),
      entry(PRIVATE_ID, pioneer, pioneerUser, "Access check private learning", "private"),
    ])
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("learning_capability")
    .values([SHARED_ID, PRIVATE_ID].map((entry_id) => ({ entry_id, capability_id: capability })))
    .onConflict((oc) => oc.columns(["entry_id", "capability_id"]).doNothing())
    .execute();
  const action = (id: string, entry_id: string, updated_by: string) => ({
    id,
    entry_id,
    engagement_id: ENGAGEMENT_ID,
    description: "Share the access check",
    owner: "Access checker",
    due_on: "2027-03-31",
    status: "open" as const,
    updated_by,
    updated_at: NOW,
  });
  await ctx.db
    .insertInto("learning_action")
    .values([
      action("e2e-learning-shared-action", SHARED_ID, requesterUser),
      action("e2e-learning-private-action", PRIVATE_ID, pioneerUser),
    ])
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
  {
    name: "update an action of a shared entry",
    method: "POST",
    path: at(`/learning/${SHARED_ID}`),
    expect: TWO_TRUSTS,
  },
  { name: "a private learning entry", method: "GET", path: at(`/learning/${PRIVATE_ID}`), expect: TWO_TRUSTS },
  {
    name: "update an action of a private entry",
    method: "POST",
    path: at(`/learning/${PRIVATE_ID}`),
    expect: TWO_TRUSTS,
  },
  {
    name: "record learning (form)",
    method: "GET",
    path: at(`/engagements/${ENGAGEMENT_ID}/learning/new`),
    expect: TWO_TRUSTS,
  },
  {
    name: "record learning",
    method: "POST",
    path: at(`/engagements/${ENGAGEMENT_ID}/learning/new`),
    expect: TWO_TRUSTS,
  },
  {
    name: "edit RF4's shared entry (form)",
    method: "GET",
    path: at(`/learning/${SHARED_ID}/edit`),
    expect: only("member", "requester"),
  },
  {
    name: "edit RF4's shared entry",
    method: "POST",
    path: at(`/learning/${SHARED_ID}/edit`),
    expect: only("member", "requester"),
  },
  {
    name: "edit RWK's private entry (form)",
    method: "GET",
    path: at(`/learning/${PRIVATE_ID}/edit`),
    expect: only("pioneer"),
  },
  {
    name: "edit RWK's private entry",
    method: "POST",
    path: at(`/learning/${PRIVATE_ID}/edit`),
    expect: only("pioneer"),
  },
];
