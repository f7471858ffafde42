import type { Kysely, Transaction, Updateable } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../../auth/policy";
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, placeProblems, sessionActionProblem, startsInFuture, totalPeople, type SessionActions } from "../../domain/engagement-rules";
import { formatLocalDateTime, isLocalDateTime, monotonicIso, nowInEngland } from "../../lib/dates";
import { newId } from "../../lib/ids";
import type { SessionPlan } from "../../schemas/engagement";
import { recordEngagementEvent, type EngagementRow } from "./core.server";
import { claimActiveEngagement, engagementForWork, EngagementRefused, moveRequest, organisationOf, otherSide, sideName, type Side } from "./engagements.server";
import { notifyOrganisation, type NotificationKind } from "../notification/notifications.server";
import { markInProgress } from "../request/requests.server";

// Sessions of an engagement: planned, moved, cancelled, or held with who came.
type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** The formats and audience levels a session can be planned with (retired ones are not offered). */
export async function sessionChoices(db: Db) {
  const formats = await db.selectFrom("offer_format").select(["code", "name", "is_virtual"]).where("retired_at", "is", null).orderBy("position").orderBy("code").execute();
  const audiences = await db.selectFrom("audience_level").select(["code", "name"]).where("retired_at", "is", null).orderBy("position").orderBy("code").execute();
  return { formats: formats.map((f) => ({ code: f.code, name: f.name, isVirtual: f.is_virtual === 1 })), audiences };
}

export type SessionChoices = Awaited<ReturnType<typeof sessionChoices>>;

/** The engagement's sessions in time order, with planned and attended totals. */
export async function listSessions(db: Db, engagementId: string) {
  const sessions = await db
    .selectFrom("outreach_session")
    .innerJoin("offer_format", "offer_format.code", "outreach_session.format_code")
    .select([
      "outreach_session.id",
      "outreach_session.starts_at",
      "outreach_session.duration_minutes",
      "outreach_session.status",
      "outreach_session.location",
      "outreach_session.video_link",
      "offer_format.name as format_name",
    ])
    .where("outreach_session.engagement_id", "=", engagementId)
    .orderBy("outreach_session.starts_at")
    .orderBy("outreach_session.id")
    .execute();
  if (sessions.length === 0) return [];
  const totals = await db
    .selectFrom("session_attendance")
    .select((eb) => ["session_id", eb.fn.sum<number>("planned").as("planned"), eb.fn.sum<number | null>("attended").as("attended")])
    .where("session_id", "in", sessions.map((s) => s.id))
    .groupBy("session_id")
    .execute();
  const bySession = new Map(totals.map((t) => [t.session_id, t]));
  return sessions.map((s) => {
    const t = bySession.get(s.id);
    return { ...s, planned_people: Number(t?.planned ?? 0), attended_people: t?.attended === null || t?.attended === undefined ? null : Number(t.attended) };
  });
}

export type SessionSummary = Awaited<ReturnType<typeof listSessions>>[number];

/** One session of the engagement with attendance per audience level; undefined if it belongs to another engagement. */
export async function getSession(db: Db, engagementId: string, sessionId: string) {
  const session = await db
    .selectFrom("outreach_session")
    .innerJoin("offer_format", "offer_format.code", "outreach_session.format_code")
    .innerJoin("app_user as creator", "creator.id", "outreach_session.created_by")
    .leftJoin("app_user as recorder", "recorder.id", "outreach_session.recorded_by")
    .selectAll("outreach_session")
    .select(["offer_format.name as format_name", "offer_format.is_virtual", "creator.name as created_by_name", "recorder.name as recorded_by_name"])
    .where("outreach_session.id", "=", sessionId)
    .where("outreach_session.engagement_id", "=", engagementId)
    .executeTakeFirst();
  if (!session) return undefined;
  const attendance = await db
    .selectFrom("session_attendance")
    .innerJoin("audience_level", "audience_level.code", "session_attendance.audience_code")
    .select(["audience_level.code", "audience_level.name", "session_attendance.planned", "session_attendance.attended"])
    .where("session_attendance.session_id", "=", sessionId)
    .orderBy("audience_level.position")
    .orderBy("audience_level.code")
    .execute();
  return { ...session, attendance };
}

export type SessionDetail = NonNullable<Awaited<ReturnType<typeof getSession>>>;

/** Audience codes must name levels that exist and are offered, so a tampered form gets a message. */
async function assertKnownAudiences(trx: Trx, counts: Record<string, number>, allowed: Set<string> | null) {
  const codes = Object.keys(counts);
  if (codes.some((code) => !Number.isInteger(counts[code]) || counts[code] < 0)) throw new EngagementRefused("Enter whole numbers of people", "attendance");
  if (totalPeople(counts) === 0) throw new EngagementRefused("Enter how many people from at least one group", "attendance");
  const known = codes.length ? await trx.selectFrom("audience_level").select(["code", "retired_at"]).where("code", "in", codes).execute() : [];
  const usable = new Set(known.filter((k) => k.retired_at === null || allowed?.has(k.code)).map((k) => k.code));
  if (codes.some((code) => !usable.has(code))) throw new EngagementRefused("Choose audience groups from the list", "attendance");
}

function assertFutureStart(startsAt: string, now: Date) {
  if (!isLocalDateTime(startsAt)) throw new EngagementRefused("Enter a real date and time", "date");
  if (!startsInFuture(startsAt, nowInEngland(now))) throw new EngagementRefused("The session must start in the future", "date");
}

async function notifyOtherSide(trx: Trx, row: EngagementRow, side: Side, kind: NotificationKind, title: string, body: string, sessionId: string) {
  await notifyOrganisation(trx, organisationOf(row, otherSide(side)), { kind, title: `${title}: ${row.request_title}`, body: `${sideName(row, side)} ${body}`, link: `/engagements/${row.id}/sessions/${sessionId}` });
}

/** Plans a session on an active engagement; either trust may. */
export async function planSession(db: Kysely<Database>, input: { engagementId: string; actor: Actor; plan: SessionPlan; now?: Date }): Promise<string> {
  const { plan } = input;
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const { row, side } = await engagementForWork(trx, input.actor, input.engagementId);
    await claimActiveEngagement(trx, row.id);
    assertFutureStart(plan.startsAt, now);
    if (!Number.isInteger(plan.durationMinutes) || plan.durationMinutes < MIN_DURATION_MINUTES || plan.durationMinutes > MAX_DURATION_MINUTES) {
      throw new EngagementRefused(`Enter a length from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} minutes`, "durationMinutes");
    }
    const format = await trx.selectFrom("offer_format").select(["code", "name", "is_virtual"]).where("code", "=", plan.formatCode).where("retired_at", "is", null).executeTakeFirst();
    if (!format) throw new EngagementRefused("Select the format of the session", "formatCode");
    const [field, problem] = Object.entries(placeProblems({ isVirtual: format.is_virtual === 1, location: plan.location, videoLink: plan.videoLink }))[0] ?? [];
    if (field && problem) throw new EngagementRefused(problem, field);
    const attendance = Object.fromEntries(Object.entries(plan.attendance).filter(([, n]) => n !== 0));
    await assertKnownAudiences(trx, attendance, null);

    const id = newId();
    const at = monotonicIso();
    await trx
      .insertInto("outreach_session")
      .values({
        id,
        engagement_id: row.id,
        starts_at: plan.startsAt,
        duration_minutes: plan.durationMinutes,
        format_code: format.code,
        location: plan.location.trim(),
        video_link: plan.videoLink.trim(),
        agenda: plan.agenda.trim(),
        status: "planned",
        outcome_note: "",
        recorded_by: null,
        recorded_at: null,
        created_by: input.actor.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto("session_attendance")
      .values(Object.entries(attendance).map(([audience_code, planned]) => ({ session_id: id, audience_code, planned, attended: null })))
      .execute();
    const when = `${formatLocalDateTime(plan.startsAt)} (${format.name})`;
    await recordEngagementEvent(trx, { engagementId: row.id, kind: "session_planned", sessionId: id, actorId: input.actor.id, note: when, createdAt: at });
    await notifyOtherSide(trx, row, side, "session_planned", "Session planned", `planned a session for ${when}.`, id);
    return id;
  });
}

/** The session, claimed with its engagement, if this action is allowed on it now. */
async function openSession(trx: Trx, input: { engagementId: string; sessionId: string; actor: Actor; now: Date }, action: keyof SessionActions) {
  const { row, side } = await engagementForWork(trx, input.actor, input.engagementId);
  await claimActiveEngagement(trx, row.id);
  const session = await trx
    .selectFrom("outreach_session")
    .select(["id", "starts_at", "status"])
    .where("id", "=", input.sessionId)
    .where("engagement_id", "=", row.id)
    .executeTakeFirst();
  if (!session) throw new EngagementRefused("There is no such session in this engagement.");
  const problem = sessionActionProblem(action, session, "active", nowInEngland(input.now));
  if (problem) throw new EngagementRefused(problem);
  return { row, side, session };
}

/** Changes a planned session, only if it is still planned: of two records at once only one applies. */
async function updatePlanned(trx: Trx, sessionId: string, changes: Updateable<Database["outreach_session"]>) {
  const updated = await trx.updateTable("outreach_session").set(changes).where("id", "=", sessionId).where("status", "=", "planned").executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new EngagementRefused("Someone else recorded this session at the same time. Reload the page to see it as it is now.");
}

/** Moves a planned session to a new time; it stays planned, and the timeline keeps both times. */
export async function moveSession(db: Kysely<Database>, input: { engagementId: string; sessionId: string; actor: Actor; startsAt: string; reason: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) throw new EngagementRefused("Enter why the session is moving", "reason");
  await db.transaction().execute(async (trx) => {
    const { row, side, session } = await openSession(trx, { ...input, now }, "move");
    assertFutureStart(input.startsAt, now);
    if (input.startsAt === session.starts_at) throw new EngagementRefused("Choose a different date or time from the current one", "date");
    const at = monotonicIso();
    await updatePlanned(trx, session.id, { starts_at: input.startsAt, updated_at: at });
    const change = `from ${formatLocalDateTime(session.starts_at)} to ${formatLocalDateTime(input.startsAt)}`;
    await recordEngagementEvent(trx, { engagementId: row.id, kind: "session_moved", sessionId: session.id, actorId: input.actor.id, note: `Moved ${change}. Reason: ${reason}`, createdAt: at });
    await notifyOtherSide(trx, row, side, "session_moved", "Session moved", `moved a session ${change}: ${reason}`, session.id);
  });
}

/** Records that a planned session will not, or did not, take place. */
export async function cancelSession(db: Kysely<Database>, input: { engagementId: string; sessionId: string; actor: Actor; reason: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) throw new EngagementRefused("Enter why the session was cancelled", "reason");
  await db.transaction().execute(async (trx) => {
    const { row, side, session } = await openSession(trx, { ...input, now }, "cancel");
    const at = monotonicIso();
    await updatePlanned(trx, session.id, { status: "cancelled", outcome_note: reason, recorded_by: input.actor.id, recorded_at: at, updated_at: at });
    await recordEngagementEvent(trx, { engagementId: row.id, kind: "session_cancelled", sessionId: session.id, actorId: input.actor.id, note: reason, createdAt: at });
    await notifyOtherSide(trx, row, side, "session_cancelled", "Session cancelled", `cancelled the session of ${formatLocalDateTime(session.starts_at)}: ${reason}`, session.id);
  });
}

/**
 * Records that a session took place, with who came per audience level. The first session held
 * starts the work on the request (matched to in progress) in the same transaction.
 */
export async function recordSessionHeld(
  db: Kysely<Database>,
  input: { engagementId: string; sessionId: string; actor: Actor; attendance: Record<string, number>; note?: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const { row, side, session } = await openSession(trx, { ...input, now }, "hold");
    const planned = await trx.selectFrom("session_attendance").select("audience_code").where("session_id", "=", session.id).execute();
    const plannedCodes = new Set(planned.map((p) => p.audience_code));
    // Levels planned for stay on the record, at zero if nobody came; others are added only when someone did.
    const attendance = Object.fromEntries(Object.entries(input.attendance).filter(([code, n]) => n !== 0 || plannedCodes.has(code)));
    await assertKnownAudiences(trx, attendance, plannedCodes);
    const at = monotonicIso();
    await updatePlanned(trx, session.id, { status: "held", outcome_note: input.note?.trim() ?? "", recorded_by: input.actor.id, recorded_at: at, updated_at: at });
    for (const code of plannedCodes) {
      await trx.updateTable("session_attendance").set({ attended: attendance[code] ?? 0 }).where("session_id", "=", session.id).where("audience_code", "=", code).execute();
    }
    const added = Object.entries(attendance).filter(([code]) => !plannedCodes.has(code));
    if (added.length) {
      await trx.insertInto("session_attendance").values(added.map(([audience_code, attended]) => ({ session_id: session.id, audience_code, planned: 0, attended }))).execute();
    }
    const request = await trx.selectFrom("help_request").select("status").where("id", "=", row.request_id).executeTakeFirstOrThrow();
    if (request.status === "matched") await moveRequest(() => markInProgress(trx, row.request_id, input.actor.id));
    const people = totalPeople(attendance);
    const summary = `${people} ${people === 1 ? "person" : "people"} attended`;
    await recordEngagementEvent(trx, { engagementId: row.id, kind: "session_held", sessionId: session.id, actorId: input.actor.id, note: input.note?.trim() ? `${summary}. ${input.note.trim()}` : summary, createdAt: at });
    await notifyOtherSide(trx, row, side, "session_held", "Session held", `recorded the session of ${formatLocalDateTime(session.starts_at)} as held: ${summary}.`, session.id);
  });
}
