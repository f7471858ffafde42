import { fixtureEngagement } from "./fixture-engagement";
import { only, SIGNED_IN, type AccessContext, type AccessRow } from "./types";

export const covers = [
  "engagements._index.tsx",
  "engagements.$id.tsx",
  "engagements.$id_.sessions.new.tsx",
  "engagements.$id_.sessions.$sessionId.tsx",
  "engagements.$id_.questionnaire.tsx",
  "engagements.$id_.feedback.tsx",
];

const NOW = "2026-11-29T09:00:00.000Z";
const ENGAGEMENT_ID = "e2e-access-engagement";
const SESSION_ID = "e2e-access-engagement-session";

/**
 * An active engagement between RF4 (asking) and RWK (pioneer), with one session planned for next
 * year, made once through the database whatever the demo data holds. Its offer is closed so that no
 * matching round in other tests proposes it.
 */
async function rf4RwkEngagement(ctx: AccessContext): Promise<string> {
  const existing = await ctx.db
    .selectFrom("engagement")
    .select("id")
    .where("id", "=", ENGAGEMENT_ID)
    .executeTakeFirst();
  if (existing) return `/engagements/${ENGAGEMENT_ID}`;
  const { pioneerUser, format } = await fixtureEngagement(ctx, "e2e-access-engagement", ENGAGEMENT_ID);
  const audience = (
    await ctx.db.selectFrom("audience_level").select("code").orderBy("position").executeTakeFirstOrThrow()
  ).code;
  await ctx.db
    .insertInto("engagement_event")
    .values({
      id: "e2e-access-engagement-opened",
      engagement_id: ENGAGEMENT_ID,
      session_id: null,
      kind: "opened",
      note: "",
      actor_id: pioneerUser,
      created_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("outreach_session")
    .values({
      id: SESSION_ID,
      engagement_id: ENGAGEMENT_ID,
      starts_at: `${new Date().getUTCFullYear() + 1}-03-02T10:00`,
      duration_minutes: 120,
      format_code: format,
      location: "Main entrance",
      video_link: "",
      agenda: "Ward walk",
      status: "planned",
      outcome_note: "",
      recorded_by: null,
      recorded_at: null,
      created_by: pioneerUser,
      created_at: NOW,
      updated_at: NOW,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await ctx.db
    .insertInto("session_attendance")
    .values({ session_id: SESSION_ID, audience_code: audience, planned: 4, attended: null })
    .onConflict((oc) => oc.columns(["session_id", "audience_code"]).doNothing())
    .execute();
  return `/engagements/${ENGAGEMENT_ID}`;
}

const at = (suffix: string) => async (ctx: AccessContext) => `${await rf4RwkEngagement(ctx)}${suffix}`;

// Coordinators of RF4 and RWK's region (London) and nationally follow the engagement, as do admins;
// the trust in another region is told it does not exist.
const FOLLOWERS = only("member", "requester", "pioneer", "coordinator", "regional", "admin");
const TWO_TRUSTS = only("member", "requester", "pioneer");
const REQUESTING_TRUST = only("member", "requester");

export const rows: AccessRow[] = [
  { name: "engagements", method: "GET", path: "/engagements", expect: SIGNED_IN },
  { name: "an engagement between RF4 and RWK", method: "GET", path: at(""), expect: FOLLOWERS },
  // An empty form is refused with a message, so the engagement does not end.
  { name: "end an engagement between RF4 and RWK", method: "POST", path: at(""), expect: TWO_TRUSTS },
  { name: "plan a session (form)", method: "GET", path: at("/sessions/new"), expect: TWO_TRUSTS },
  { name: "plan a session", method: "POST", path: at("/sessions/new"), expect: TWO_TRUSTS },
  { name: "a session of the engagement", method: "GET", path: at(`/sessions/${SESSION_ID}`), expect: FOLLOWERS },
  { name: "record what became of a session", method: "POST", path: at(`/sessions/${SESSION_ID}`), expect: TWO_TRUSTS },
  { name: "the pre-visit questionnaire", method: "GET", path: at("/questionnaire"), expect: FOLLOWERS },
  { name: "answer the pre-visit questionnaire", method: "POST", path: at("/questionnaire"), expect: REQUESTING_TRUST },
  { name: "feedback on the engagement", method: "GET", path: at("/feedback"), expect: FOLLOWERS },
  // The engagement is active, so the two trusts are answered 409; everyone else is refused outright.
  { name: "give feedback on the engagement", method: "POST", path: at("/feedback"), expect: TWO_TRUSTS },
];
