import { fixtureEngagement } from "./fixture-engagement";
import { only, type AccessContext, type AccessRow } from "./types";

export const covers = ["engagements.$id_.contacts.tsx", "engagements.$id_.sessions.$sessionId_.calendar.ts"];

const ENGAGEMENT_ID = "e2e-access-calendar";
const SESSION_ID = "e2e-access-calendar-session";

/** An RF4 and RWK engagement of these rows' own, with one planned session. */
async function engagement(ctx: AccessContext): Promise<string> {
  const existing = await ctx.db
    .selectFrom("engagement")
    .select("id")
    .where("id", "=", ENGAGEMENT_ID)
    .executeTakeFirst();
  if (existing) return `/engagements/${ENGAGEMENT_ID}`;
  const { now, pioneerUser, format } = await fixtureEngagement(ctx, ENGAGEMENT_ID, ENGAGEMENT_ID);
  await ctx.db
    .insertInto("outreach_session")
    .values({
      id: SESSION_ID,
      engagement_id: ENGAGEMENT_ID,
      starts_at: `${new Date().getUTCFullYear() + 1}-07-01T14:00`,
      duration_minutes: 60,
      format_code: format,
      location: "Boardroom",
      video_link: "",
      agenda: "",
      status: "planned",
      outcome_note: "",
      recorded_by: null,
      recorded_at: null,
      created_by: pioneerUser,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return `/engagements/${ENGAGEMENT_ID}`;
}

const at = (suffix: string) => async (ctx: AccessContext) => `${await engagement(ctx)}${suffix}`;

const FOLLOWERS = only("member", "requester", "pioneer", "coordinator", "regional", "admin");
const TWO_TRUSTS = only("member", "requester", "pioneer");

export const rows: AccessRow[] = [
  {
    name: "a session's calendar file",
    method: "GET",
    path: at(`/sessions/${SESSION_ID}/calendar`),
    expect: FOLLOWERS,
    download: true,
  },
  {
    name: "a calendar file for a session of another engagement",
    method: "GET",
    path: at("/sessions/no-such-session/calendar"),
    expect: only(),
  },
  { name: "the trust's lead contact and attendees (form)", method: "GET", path: at("/contacts"), expect: TWO_TRUSTS },
  // An empty form gets its messages and changes nothing.
  { name: "set the trust's lead contact and attendees", method: "POST", path: at("/contacts"), expect: TWO_TRUSTS },
];
