import type { Kysely } from "kysely";
import type { Database, SessionStatus } from "../../../db/schema";
import { formatLocalDateTime } from "../../../app/lib/dates";
import { earliest, latest, meetingTime, plusDays, stampAfter } from "./calendar";
import { slug } from "./names";
import type { EngagementPlan, ScaleContext, SessionPlan } from "./plan";
import type { PhaseRun } from "./progress";
import { writeInChunks } from "./rows";
import { sessionAgenda, sessionOutcome } from "./text";
import { CANCEL_REASONS } from "./vocabulary";

const DURATIONS: Record<string, number[]> = {
  site_visit: [180, 240, 300, 360],
  board_to_board: [120, 180],
  shadowing: [240, 420],
  mentoring: [60, 90],
  training: [120, 180, 240],
  consultancy: [420],
  virtual: [60, 90],
};

/** Session days: the first within three weeks of acceptance, the rest every two to six weeks. */
export function sessionDays(ctx: ScaleContext, openedOn: string, count: number): string[] {
  const { random } = ctx;
  const days: string[] = [];
  let day = plusDays(openedOn, random.int(7, 21));
  for (let k = 0; k < count; k++) {
    days.push(day);
    day = plusDays(day, random.int(14, 45));
  }
  return days;
}

/**
 * A session on `day`: held or cancelled if the day has passed, planned if it is to come; one in
 * twelve past sessions was cancelled. `forceHeld` keeps at least one held where the story needs it.
 */
export function planSession(
  ctx: ScaleContext,
  engagement: Pick<EngagementPlan, "openedAt" | "offer" | "request">,
  day: string,
  options: { forceHeld?: boolean; cancelReason?: string } = {},
): SessionPlan {
  const { random, calendar } = ctx;
  const past = day < calendar.today;
  const status: SessionStatus = options.cancelReason
    ? "cancelled"
    : !past
      ? "planned"
      : options.forceHeld || !random.chance(1 / 12)
        ? "held"
        : "cancelled";
  const openedOn = engagement.openedAt.slice(0, 10);
  const createdOn = earliest(calendar.yesterday, latest(openedOn, plusDays(day, -random.int(7, 30))));
  const createdAt = stampAfter(engagement.openedAt, createdOn, random);
  let recordedAt: string | null = null;
  if (status === "held")
    recordedAt = stampAfter(createdAt, earliest(calendar.yesterday, plusDays(day, random.int(0, 2))), random);
  if (status === "cancelled")
    recordedAt = stampAfter(
      createdAt,
      earliest(calendar.yesterday, latest(createdOn, plusDays(day, -random.int(1, 3)))),
      random,
    );
  const note = status === "cancelled" ? (options.cancelReason ?? random.pick(CANCEL_REASONS)) : "";
  return {
    id: random.uuid(),
    startsOn: day,
    startsAt: meetingTime(day, random),
    durationMinutes: random.pick(DURATIONS[engagement.offer.formatCode] ?? [120]),
    status,
    createdAt,
    recordedAt,
    note,
    attendance: engagement.request.audiences.map((audience) => {
      const planned = random.int(2, 12);
      return { audience, planned, attended: status === "held" ? Math.max(0, planned + random.int(-3, 2)) : null };
    }),
  };
}

export async function writeSessions(
  db: Kysely<Database>,
  ctx: ScaleContext,
  engagements: EngagementPlan[],
  phase: PhaseRun,
): Promise<number> {
  const { random, reference } = ctx;
  const virtual = new Set(reference.formats.filter((f) => f.isVirtual).map((f) => f.code));
  const formatNames = new Map(reference.formats.map((f) => [f.code, f.name]));
  return writeInChunks(
    db,
    engagements,
    1_000,
    async (sink, e) => {
      const codes = e.request.capabilities.map((index) => reference.capabilities[index].code);
      const pioneerLead = e.offer.organisation.users[0].id;
      const online = virtual.has(e.offer.formatCode);
      for (const s of e.sessions) {
        const outcome = s.status === "held" ? sessionOutcome(codes, random) : s.note;
        await sink.add("outreach_session", {
          id: s.id,
          engagement_id: e.id,
          starts_at: s.startsAt,
          duration_minutes: s.durationMinutes,
          format_code: e.offer.formatCode,
          location: online ? "" : `${e.offer.organisation.name}, main site`,
          video_link: online ? `https://meet.example.org/${slug(e.offer.organisation.name)}-${s.id.slice(0, 8)}` : "",
          agenda: sessionAgenda(codes, random),
          status: s.status,
          outcome_note: outcome,
          recorded_by: s.recordedAt ? pioneerLead : null,
          recorded_at: s.recordedAt,
          created_by: pioneerLead,
          created_at: s.createdAt,
          updated_at: s.recordedAt ?? s.createdAt,
        });
        for (const a of s.attendance)
          await sink.add("session_attendance", {
            session_id: s.id,
            audience_code: a.audience,
            planned: a.planned,
            attended: a.attended,
          });
        // Timeline notes worded as the service words them.
        const planned = `${formatLocalDateTime(s.startsAt)} (${formatNames.get(e.offer.formatCode) ?? e.offer.formatCode})`;
        await sink.add("engagement_event", {
          id: random.uuid(),
          engagement_id: e.id,
          session_id: s.id,
          kind: "session_planned",
          note: planned,
          actor_id: pioneerLead,
          created_at: s.createdAt,
        });
        if (s.recordedAt) {
          const people = s.attendance.reduce((sum, a) => sum + (a.attended ?? 0), 0);
          await sink.add("engagement_event", {
            id: random.uuid(),
            engagement_id: e.id,
            session_id: s.id,
            kind: s.status === "held" ? "session_held" : "session_cancelled",
            note:
              s.status === "held" ? `${people} ${people === 1 ? "person" : "people"} attended. ${outcome}` : outcome,
            actor_id: pioneerLead,
            created_at: s.recordedAt,
          });
        }
      }
    },
    phase.advance,
  );
}
