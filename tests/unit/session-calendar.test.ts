import { describe, expect, it } from "vitest";
import {
  englandLocalToInstant,
  sessionCalendar,
  sessionUid,
  type SessionCalendarEvent,
} from "~/domain/session-calendar";

const event: SessionCalendarEvent = {
  sessionId: "sess-1",
  startsAt: "2027-03-03T10:30",
  durationMinutes: 90,
  title: "Peerlink session: Reducing delayed discharges, with a title long enough to be folded",
  description: "Agenda: ward round, then questions",
  location: "Seminar room 2, Royal London Hospital",
  videoLink: "",
  pageUrl: "https://peerlink.example.nhs.uk/engagements/eng-1/sessions/sess-1",
  sequence: 0,
  organizer: { name: "Pat Pioneer", email: "pat@example.nhs.uk" },
  attendees: [
    { name: "Ann Smith", email: "ann@example.nhs.uk" },
    { name: "Bola Jones", email: "bola@example.nhs.uk" },
  ],
};

/** Content lines as a calendar reads them: CRLF-separated, folded lines joined (RFC 5545 3.1). */
const lines = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
const value = (ics: string, name: string) =>
  lines(ics)
    .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    .map((l) => l.slice(l.indexOf(":", l.indexOf(name) + name.length) + 1));

describe("session calendar invitations", () => {
  it("is a VCALENDAR with one VEVENT, CRLF lines no longer than 75 octets", () => {
    const ics = sessionCalendar(event, "REQUEST");
    const all = lines(ics);
    expect(all[0]).toBe("BEGIN:VCALENDAR");
    expect(all.at(-1)).toBe("END:VCALENDAR");
    expect(all.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(value(ics, "VERSION")).toEqual(["2.0"]);
    for (const raw of ics.split("\r\n")) expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(75);
  });

  it("a request has METHOD:REQUEST, a stable UID, its SEQUENCE, place and link, organiser and every attendee", () => {
    const ics = sessionCalendar(event, "REQUEST");
    expect(value(ics, "METHOD")).toEqual(["REQUEST"]);
    expect(value(ics, "UID")).toEqual([sessionUid("sess-1")]);
    expect(sessionCalendar({ ...event, startsAt: "2027-04-01T09:00", sequence: 1 }, "REQUEST")).toContain(
      `UID:${sessionUid("sess-1")}`,
    );
    expect(value(ics, "SEQUENCE")).toEqual(["0"]);
    expect(value(ics, "STATUS")).toEqual(["CONFIRMED"]);
    expect(value(ics, "LOCATION")).toEqual(["Seminar room 2\\, Royal London Hospital"]);
    expect(value(ics, "URL")).toEqual([event.pageUrl]);
    expect(value(ics, "DURATION")).toEqual(["PT90M"]);
    expect(value(ics, "ORGANIZER")).toEqual(["MAILTO:pat@example.nhs.uk"]);
    const attendees = lines(ics).filter((l) => l.startsWith("ATTENDEE"));
    expect(attendees).toHaveLength(2);
    expect(attendees[0]).toMatch(/CN="?Ann Smith"?.*:mailto:ann@example\.nhs\.uk$/);
    expect(attendees[1]).toMatch(/RSVP=TRUE.*:mailto:bola@example\.nhs\.uk$/);
  });

  it("a video session carries its link as the location and URL", () => {
    const ics = sessionCalendar({ ...event, location: "", videoLink: "https://meet.example.nhs.uk/abc" }, "REQUEST");
    expect(value(ics, "LOCATION")).toEqual(["https://meet.example.nhs.uk/abc"]);
    expect(value(ics, "URL")).toEqual(["https://meet.example.nhs.uk/abc"]);
  });

  it("writes England's wall-clock time as UTC on either side of the clock change", () => {
    // Winter (GMT): 10:30 in England is 10:30 UTC.
    expect(value(sessionCalendar(event, "REQUEST"), "DTSTART")).toEqual(["20270303T103000Z"]);
    // The clocks go forward at 01:00 UTC on Sunday 28 March 2027: 10:00 BST is 09:00 UTC.
    expect(value(sessionCalendar({ ...event, startsAt: "2027-03-28T10:00" }, "REQUEST"), "DTSTART")).toEqual([
      "20270328T090000Z",
    ]);
    expect(value(sessionCalendar({ ...event, startsAt: "2027-03-27T10:00" }, "REQUEST"), "DTSTART")).toEqual([
      "20270327T100000Z",
    ]);
    // And back at 01:00 UTC on Sunday 31 October 2027.
    expect(value(sessionCalendar({ ...event, startsAt: "2027-10-30T18:15" }, "REQUEST"), "DTSTART")).toEqual([
      "20271030T171500Z",
    ]);
    expect(value(sessionCalendar({ ...event, startsAt: "2027-10-31T18:15" }, "REQUEST"), "DTSTART")).toEqual([
      "20271031T181500Z",
    ]);
    expect(englandLocalToInstant("2027-07-01T00:30").toISOString()).toBe("2027-06-30T23:30:00.000Z");
  });

  it("a cancellation has METHOD:CANCEL, STATUS:CANCELLED, the same UID and a higher SEQUENCE", () => {
    const ics = sessionCalendar({ ...event, sequence: 2 }, "CANCEL");
    expect(value(ics, "METHOD")).toEqual(["CANCEL"]);
    expect(value(ics, "STATUS")).toEqual(["CANCELLED"]);
    expect(value(ics, "UID")).toEqual([sessionUid("sess-1")]);
    expect(value(ics, "SEQUENCE")).toEqual(["2"]);
  });
});
