import { TZDate } from "@date-fns/tz";
import { createEvent } from "ics";

export const ENGLAND_TIME_ZONE = "Europe/London";

export type CalendarMethod = "REQUEST" | "CANCEL";

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface SessionCalendarEvent {
  sessionId: string;
  /** Local time in England, YYYY-MM-DDTHH:MM, as stored on the session. */
  startsAt: string;
  durationMinutes: number;
  title: string;
  description: string;
  location: string;
  videoLink: string;
  /** The session's page, for people to find it in Peerlink. */
  pageUrl: string;
  sequence: number;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
}

/** One UID per session for its whole life, so calendars update or remove the same event. */
export const sessionUid = (sessionId: string) => `outreach-session-${sessionId}@peerlink`;

/** The instant a wall-clock time in England stands for, in summer (BST) or winter (GMT) alike. */
export function englandLocalToInstant(local: string): Date {
  const [date, time] = local.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return new Date(new TZDate(year, month - 1, day, hour, minute, ENGLAND_TIME_ZONE).getTime());
}

/**
 * The session as an iCalendar object (RFC 5545). Times are written in UTC (…Z), which every
 * calendar shows in its reader's zone, so no VTIMEZONE is needed and England's clock changes
 * are handled once, here, when the agreed local time is turned into an instant.
 */
export function sessionCalendar(event: SessionCalendarEvent, method: CalendarMethod): string {
  const start = englandLocalToInstant(event.startsAt).getTime();
  const result = createEvent({
    productId: "-//Peerlink//Outreach sessions//EN",
    method,
    uid: sessionUid(event.sessionId),
    sequence: event.sequence,
    start,
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: event.durationMinutes },
    title: event.title,
    description: event.description,
    location: event.location || event.videoLink || undefined,
    url: event.videoLink || event.pageUrl,
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    organizer: { name: event.organizer.name, email: event.organizer.email },
    attendees: event.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: true,
      partstat: "NEEDS-ACTION",
      role: "REQ-PARTICIPANT",
    })),
  });
  if (result.error || !result.value) throw result.error ?? new Error("The calendar invitation could not be made");
  return result.value;
}
