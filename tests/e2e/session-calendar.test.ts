import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { fixtureEngagement } from "./access/fixture-engagement";
import { accessContext, PERSONA_EMAILS } from "./access/types";
import { DEMO_PASSWORD } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
const ENGAGEMENT_ID = "e2e-session-calendar";
const SESSION_ID = "e2e-session-calendar-session";
let connection: Connection;

async function cookieFor(email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

beforeAll(async () => {
  connection = connect(databaseUrl);
  const ctx = accessContext(connection.db);
  const { now, pioneerUser, format } = await fixtureEngagement(ctx, ENGAGEMENT_ID, ENGAGEMENT_ID);
  await connection.db
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
      calendar_sequence: 3,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
});
afterAll(async () => connection?.close());

describe("a session's calendar file", () => {
  it("downloads as an iCalendar attachment with the session's UID, sequence and summer time in UTC", async () => {
    const res = await fetch(`${baseUrl}/engagements/${ENGAGEMENT_ID}/sessions/${SESSION_ID}/calendar`, {
      headers: { Cookie: await cookieFor(PERSONA_EMAILS.member) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="peerlink-session-e2e-session-calendar-session\.ics"$/,
    );
    const ics = (await res.text()).replace(/\r\n[ \t]/g, "");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain(`\r\nUID:outreach-session-${SESSION_ID}@peerlink\r\n`);
    expect(ics).toContain("\r\nSEQUENCE:3\r\n");
    expect(ics).toContain("\r\nMETHOD:REQUEST\r\n");
    // 14:00 on 1 July in England is 13:00 UTC (British Summer Time).
    expect(ics).toMatch(/\r\nDTSTART:\d{4}0701T130000Z\r\n/);
  });

  it("is not found for a trust in another region", async () => {
    const res = await fetch(`${baseUrl}/engagements/${ENGAGEMENT_ID}/sessions/${SESSION_ID}/calendar`, {
      headers: { Cookie: await cookieFor(PERSONA_EMAILS.other) },
    });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("VCALENDAR");
  });
});
