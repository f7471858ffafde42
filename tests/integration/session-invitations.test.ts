import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessionUid } from "~/domain/session-calendar";
import { engagementContacts, sessionInvitees, setOwnContacts } from "~/models/engagement/contacts.server";
import { engagementIdForMatch, getEngagement } from "~/models/engagement/core.server";
import { NotFound, Refused } from "~/lib/errors";
import { sessionCalendarFile } from "~/models/engagement/session-calendar.server";
import { cancelSession, moveSession, planSession } from "~/models/engagement/sessions.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { MARCH_1, pioneer, requester, seedEngagementFixture, thirdTrust, visit } from "../support/engagement-fixture";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

/** Content lines of an iCalendar text, folded lines joined. */
const icsLines = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
const icsValue = (ics: string, name: string) =>
  icsLines(ics)
    .find((l) => l.startsWith(`${name}:`))
    ?.slice(name.length + 1);
const attendeeEmails = (ics: string) =>
  icsLines(ics)
    .filter((l) => l.startsWith("ATTENDEE"))
    .map((l) => /mailto:(.*)$/i.exec(l)?.[1])
    .sort();

describe.each(testEngines())("session calendar invitations on %s", (engine) => {
  let t: TestDatabase;
  let engagementId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedEngagementFixture(t.db);
    await respondToMatch(t.db, { matchId: "m1", user: pioneer, accept: true });
    engagementId = (await engagementIdForMatch(t.db, "m1"))!;
    await t.db.deleteFrom("outbox").execute();
  });
  afterEach(async () => t.dispose());

  const invitations = () =>
    t.db
      .selectFrom("outbox")
      .selectAll()
      .where("calendar_ics", "is not", null)
      .orderBy("created_at")
      .orderBy("to_address")
      .execute();
  const lead = { name: "Lee Lead", email: "Lee.Lead@example.nhs.uk", phone: "020 7946 0000" };
  const plan = () => planSession(t.db, { engagementId, actor: requester, plan: visit(), now: MARCH_1 });

  it("with no one named, a planned session invites every member of both trusts", async () => {
    const id = await plan();
    const mails = await invitations();
    expect(mails.map((m) => m.to_address).sort()).toEqual(["pio@example.org", "req1@example.org", "req2@example.org"]);
    for (const mail of mails) {
      expect(mail.calendar_method).toBe("REQUEST");
      const ics = mail.calendar_ics!;
      expect(icsValue(ics, "METHOD")).toBe("REQUEST");
      expect(icsValue(ics, "UID")).toBe(sessionUid(id));
      expect(icsValue(ics, "SEQUENCE")).toBe("0");
      // 10:00 on 5 March 2027 in England is GMT.
      expect(icsValue(ics, "DTSTART")).toBe("20270305T100000Z");
      expect(icsValue(ics, "LOCATION")).toBe("Mile End Hospital\\, room 2");
      expect(attendeeEmails(ics)).toEqual(["pio@example.org", "req1@example.org", "req2@example.org"]);
      expect(mail.subject).toMatch(/^Invitation: Peerlink session on /);
    }
    expect(
      (
        await t.db
          .selectFrom("outreach_session")
          .select("calendar_sequence")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).calendar_sequence,
    ).toBe(0);
  });

  it("named attendees alone are invited; moving sends an update and cancelling a cancellation, each with a higher SEQUENCE and the same UID", async () => {
    await setOwnContacts(t.db, { engagementId, actor: requester, lead, attendeeIds: ["req2"] });
    await setOwnContacts(t.db, {
      engagementId,
      actor: pioneer,
      lead: { ...lead, name: "Pat Pioneer" },
      attendeeIds: ["pio"],
    });
    const id = await plan();
    await moveSession(t.db, {
      engagementId,
      sessionId: id,
      actor: pioneer,
      startsAt: "2027-04-02T09:30",
      reason: "Ward inspection that day",
      now: MARCH_1,
    });
    await cancelSession(t.db, {
      engagementId,
      sessionId: id,
      actor: requester,
      reason: "Industrial action",
      now: MARCH_1,
    });

    // Mails queued within one millisecond share a timestamp, so order by what each one says.
    const mails = (await invitations()).sort(
      (a, b) =>
        Number(icsValue(a.calendar_ics!, "SEQUENCE")) - Number(icsValue(b.calendar_ics!, "SEQUENCE")) ||
        a.to_address.localeCompare(b.to_address),
    );
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.to_address))).toEqual(new Set(["req2@example.org", "pio@example.org"]));
    const sent = mails.map((m) => [
      m.to_address,
      m.calendar_method,
      icsValue(m.calendar_ics!, "METHOD"),
      icsValue(m.calendar_ics!, "SEQUENCE"),
      icsValue(m.calendar_ics!, "UID"),
    ]);
    expect(sent).toEqual([
      ["pio@example.org", "REQUEST", "REQUEST", "0", sessionUid(id)],
      ["req2@example.org", "REQUEST", "REQUEST", "0", sessionUid(id)],
      ["pio@example.org", "REQUEST", "REQUEST", "1", sessionUid(id)],
      ["req2@example.org", "REQUEST", "REQUEST", "1", sessionUid(id)],
      ["pio@example.org", "CANCEL", "CANCEL", "2", sessionUid(id)],
      ["req2@example.org", "CANCEL", "CANCEL", "2", sessionUid(id)],
    ]);
    // The update carries the new time: 09:30 on 2 April 2027 is British Summer Time.
    expect(icsValue(mails[2].calendar_ics!, "DTSTART")).toBe("20270402T083000Z");
    expect(icsValue(mails[4].calendar_ics!, "STATUS")).toBe("CANCELLED");
    for (const mail of mails)
      expect(attendeeEmails(mail.calendar_ics!)).toEqual(["pio@example.org", "req2@example.org"]);
    expect(
      (
        await t.db
          .selectFrom("outreach_session")
          .select("calendar_sequence")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).calendar_sequence,
    ).toBe(2);

    const file = await sessionCalendarFile(t.db, (await getEngagement(t.db, engagementId))!, id);
    expect(icsValue(file!, "METHOD")).toBe("CANCEL");
    expect(icsValue(file!, "SEQUENCE")).toBe("2");
  });

  it("a refused plan or move queues no invitation", async () => {
    await expect(
      planSession(t.db, {
        engagementId,
        actor: requester,
        plan: visit({ startsAt: "2027-02-01T10:00" }),
        now: MARCH_1,
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await invitations()).toEqual([]);
    const id = await plan();
    await t.db.deleteFrom("outbox").execute();
    await expect(
      moveSession(t.db, {
        engagementId,
        sessionId: id,
        actor: pioneer,
        startsAt: "2027-03-05T10:00",
        reason: "Same",
        now: MARCH_1,
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await invitations()).toEqual([]);
  });

  it("each trust sets only its own lead and attendees, from its own people; both leads are shown", async () => {
    await expect(
      setOwnContacts(t.db, { engagementId, actor: requester, lead, attendeeIds: ["pio"] }),
    ).rejects.toMatchObject({ code: "attendees_not_own" });
    await expect(
      setOwnContacts(t.db, { engagementId, actor: thirdTrust, lead, attendeeIds: [] }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await t.db.selectFrom("engagement_contact").selectAll().execute()).toEqual([]);

    await setOwnContacts(t.db, { engagementId, actor: requester, lead, attendeeIds: ["req1"] });
    await setOwnContacts(t.db, {
      engagementId,
      actor: requester,
      lead: { ...lead, phone: "07700 900123" },
      attendeeIds: ["req2", "req2"],
    });
    const row = (await getEngagement(t.db, engagementId))!;
    const contacts = await engagementContacts(t.db, row);
    expect(contacts.requester).toEqual({
      organisationName: "Barking Trust",
      lead: { name: "Lee Lead", email: "lee.lead@example.nhs.uk", phone: "07700 900123" },
      attendees: [{ id: "req2", name: "req2", email: "req2@example.org" }],
    });
    expect(contacts.pioneer).toEqual({ organisationName: "East London Trust", lead: null, attendees: [] });
    expect((await sessionInvitees(t.db, row)).map((p) => p.email)).toEqual(["req2@example.org", "pio@example.org"]);
  });
});
