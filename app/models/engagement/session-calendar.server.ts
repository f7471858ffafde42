import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { publicUrl } from "../../config.server";
import { formatLocalDateTime } from "../../lib/dates";
import { sessionCalendar, type CalendarMethod } from "../../domain/session-calendar";
import { queueMail } from "../notification/outbox.server";
import { sessionInvitees } from "./contacts.server";
import type { EngagementRow } from "./core.server";

// A session's calendar invitation: queued to its invitees at every change, and offered as a file.
type Db = Kysely<Database> | Transaction<Database>;

async function calendarFor(db: Db, row: EngagementRow, sessionId: string, method: CalendarMethod, baseUrl: string) {
  const session = await db
    .selectFrom("outreach_session")
    .innerJoin("app_user as creator", "creator.id", "outreach_session.created_by")
    .select([
      "outreach_session.id",
      "outreach_session.starts_at",
      "outreach_session.duration_minutes",
      "outreach_session.location",
      "outreach_session.video_link",
      "outreach_session.agenda",
      "outreach_session.calendar_sequence",
      "creator.name as creator_name",
      "creator.email as creator_email",
    ])
    .where("outreach_session.id", "=", sessionId)
    .where("outreach_session.engagement_id", "=", row.id)
    .executeTakeFirstOrThrow();
  const pageUrl = `${baseUrl}/engagements/${row.id}/sessions/${session.id}`;
  const attendees = await sessionInvitees(db, row);
  const description = [
    `Peer learning between ${row.requester_name} and ${row.pioneer_name}.`,
    session.agenda ? `Agenda:\n${session.agenda}` : "",
    `In Peerlink: ${pageUrl}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const ics = sessionCalendar(
    {
      sessionId: session.id,
      startsAt: session.starts_at,
      durationMinutes: session.duration_minutes,
      title: `Peerlink session: ${row.request_title}`,
      description,
      location: session.location,
      videoLink: session.video_link,
      pageUrl,
      sequence: session.calendar_sequence,
      // The person who planned it organises it, for every later change too.
      organizer: { name: session.creator_name, email: session.creator_email },
      attendees,
    },
    method,
  );
  return { ics, attendees, when: formatLocalDateTime(session.starts_at), pageUrl };
}

const SUBJECTS: Record<"planned" | "moved" | "cancelled", string> = {
  planned: "Invitation",
  moved: "Updated invitation",
  cancelled: "Cancelled",
};

/** Queues the invitation, update or cancellation to every invitee, in the caller's transaction. */
export async function queueSessionInvitations(
  trx: Transaction<Database>,
  row: EngagementRow,
  sessionId: string,
  change: "planned" | "moved" | "cancelled",
  baseUrl = publicUrl(),
) {
  const method: CalendarMethod = change === "cancelled" ? "CANCEL" : "REQUEST";
  const { ics, attendees, when, pageUrl } = await calendarFor(trx, row, sessionId, method, baseUrl);
  const lead =
    change === "cancelled"
      ? `The session on ${when} has been cancelled.`
      : change === "moved"
        ? `The session has moved to ${when}.`
        : `A session is planned for ${when}.`;
  // Over SMTP the invitation also travels as a text/calendar part; GOV.UK Notify cannot carry one, so every mail links to the file.
  const calendarLine = `${method === "CANCEL" ? "Remove it from your calendar" : "Add it to your calendar"}: ${pageUrl}/calendar`;
  for (const attendee of attendees) {
    await queueMail(trx, {
      to: attendee.email,
      subject: `${SUBJECTS[change]}: Peerlink session on ${when}: ${row.request_title}`,
      body: `Hello ${attendee.name},\n\n${lead}\n\nEngagement between ${row.requester_name} and ${row.pioneer_name}.\n\nDetails: ${pageUrl}\n\n${calendarLine}`,
      calendar: { method, ics },
      why: "You received this because you are named as an attendee of this session, or your trust named no attendees.",
      choosable: false,
    });
  }
}

/** The session's calendar file as last sent: an invitation, or a cancellation once cancelled. */
export async function sessionCalendarFile(
  db: Db,
  row: EngagementRow,
  sessionId: string,
  baseUrl = publicUrl(),
): Promise<string | undefined> {
  const session = await db
    .selectFrom("outreach_session")
    .select("status")
    .where("id", "=", sessionId)
    .where("engagement_id", "=", row.id)
    .executeTakeFirst();
  if (!session) return undefined;
  return (await calendarFor(db, row, sessionId, session.status === "cancelled" ? "CANCEL" : "REQUEST", baseUrl)).ics;
}
