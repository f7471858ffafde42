import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isAnswerOverdue } from "../../domain/answer-deadline";
import { dateInEngland, nowInEngland, nowIso, todayInEngland } from "../../lib/dates";
import { oldestFirst, type Task } from "./task";

export type { Task } from "./task";

type Db = Kysely<Database>;

/** The moment the tasks are read for: instants compare with `now`, dates with `today`, session times with `wallClock`. */
export interface TaskClock {
  now: string;
  today: string;
  wallClock: string;
}

export const clockAt = (at: Date = new Date()): TaskClock => ({
  now: nowIso(at),
  today: todayInEngland(at),
  wallClock: nowInEngland(at),
});

/** The pioneer's answer to each approved match with one of its offers, due by the match's deadline. */
async function matchesToAnswer(db: Db, organisationId: string, clock: TaskClock): Promise<Task[]> {
  const rows = await db
    .selectFrom("outreach_match")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .select([
      "outreach_match.id",
      "outreach_match.approved_at",
      "outreach_match.answer_due_at",
      "help_request.title",
      "requester.name",
    ])
    .where("offer.organisation_id", "=", organisationId)
    .where("outreach_match.status", "=", "approved")
    .execute();
  return rows.map((r) => ({
    kind: "answer_match",
    subjectId: r.id,
    href: `/matches/${r.id}`,
    title: r.title,
    otherName: r.name,
    since: dateInEngland(r.approved_at),
    dueOn: r.answer_due_at ? dateInEngland(r.answer_due_at) : null,
    overdue: isAnswerOverdue(r.answer_due_at, clock.now),
  }));
}

/** Planned sessions of the pioneer's active engagements whose time has passed: held or not, they need recording. */
async function sessionsToRecord(db: Db, organisationId: string, clock: TaskClock): Promise<Task[]> {
  const rows = await db
    .selectFrom("outreach_session")
    .innerJoin("engagement", "engagement.id", "outreach_session.engagement_id")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as requester", "requester.id", "engagement.requester_organisation_id")
    .select([
      "outreach_session.id",
      "outreach_session.engagement_id",
      "outreach_session.starts_at",
      "help_request.title",
      "requester.name",
    ])
    .where("engagement.pioneer_organisation_id", "=", organisationId)
    .where("engagement.status", "=", "active")
    .where("outreach_session.status", "=", "planned")
    .where("outreach_session.starts_at", "<", clock.wallClock)
    .execute();
  return rows.map((r) => ({
    kind: "record_session",
    subjectId: r.id,
    href: `/engagements/${r.engagement_id}/sessions/${r.id}`,
    title: r.title,
    otherName: r.name,
    since: r.starts_at.slice(0, 10),
    dueOn: null,
    overdue: false,
  }));
}

/** Requests a coordinator sent back with a question. */
async function questionsToAnswer(db: Db, organisationId: string): Promise<Task[]> {
  const rows = await db
    .selectFrom("help_request")
    .select(["id", "title", "updated_at"])
    .where("organisation_id", "=", organisationId)
    .where("status", "=", "needs_info")
    .execute();
  return rows.map((r) => ({
    kind: "answer_question",
    subjectId: r.id,
    href: `/requests/${r.id}`,
    title: r.title,
    otherName: null,
    since: dateInEngland(r.updated_at),
    dueOn: null,
    overdue: false,
  }));
}

/** The pre-visit questionnaire, until it is answered or the first session is held. */
async function questionnaires(db: Db, organisationId: string): Promise<Task[]> {
  const rows = await db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .leftJoin("engagement_questionnaire as q", "q.engagement_id", "engagement.id")
    .select(["engagement.id", "engagement.opened_at", "help_request.title", "pioneer.name"])
    .where("engagement.requester_organisation_id", "=", organisationId)
    .where("engagement.status", "=", "active")
    .where("q.engagement_id", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outreach_session")
            .select("outreach_session.id")
            .whereRef("outreach_session.engagement_id", "=", "engagement.id")
            .where("outreach_session.status", "=", "held"),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    kind: "questionnaire",
    subjectId: r.id,
    href: `/engagements/${r.id}/questionnaire`,
    title: r.title,
    otherName: r.name,
    since: dateInEngland(r.opened_at),
    dueOn: null,
    overdue: false,
  }));
}

/** Feedback from either trust once an engagement has ended. */
async function feedbackToGive(db: Db, organisationId: string): Promise<Task[]> {
  const rows = await db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as requester", "requester.id", "engagement.requester_organisation_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .select([
      "engagement.id",
      "engagement.ended_at",
      "engagement.opened_at",
      "help_request.title",
      "requester.id as requester_id",
      "requester.name as requester_name",
      "pioneer.name as pioneer_name",
    ])
    .where((eb) =>
      eb.or([
        eb("engagement.requester_organisation_id", "=", organisationId),
        eb("engagement.pioneer_organisation_id", "=", organisationId),
      ]),
    )
    .where("engagement.status", "in", ["completed", "stopped"])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("engagement_feedback")
            .select("engagement_feedback.engagement_id")
            .whereRef("engagement_feedback.engagement_id", "=", "engagement.id")
            .where("engagement_feedback.organisation_id", "=", organisationId),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    kind: "feedback",
    subjectId: r.id,
    href: `/engagements/${r.id}/feedback`,
    title: r.title,
    otherName: r.requester_id === organisationId ? r.pioneer_name : r.requester_name,
    since: dateInEngland(r.ended_at ?? r.opened_at),
    dueOn: null,
    overdue: false,
  }));
}

/** Follow-up re-assessments not yet measured, due or coming up. */
async function reassessments(db: Db, organisationId: string, today: string): Promise<Task[]> {
  const rows = await db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .leftJoin("engagement_impact", "engagement_impact.engagement_id", "engagement.id")
    .select(["engagement.id", "engagement.follow_up_due_on", "help_request.title", "pioneer.name"])
    .where("engagement.requester_organisation_id", "=", organisationId)
    .where("engagement.status", "=", "completed")
    .where("engagement_impact.engagement_id", "is", null)
    .where("engagement.follow_up_due_on", "is not", null)
    .execute();
  return rows.map((r) => ({
    kind: "reassessment",
    subjectId: r.id,
    href: "/assessment/new",
    title: r.title,
    otherName: r.name,
    since: r.follow_up_due_on!,
    dueOn: r.follow_up_due_on!,
    overdue: r.follow_up_due_on! < today,
  }));
}

export interface OrganisationTasks {
  /** What is due now, oldest first. */
  due: Task[];
  /** Follow-ups not yet due, soonest first, shown apart so they are not mistaken for work to do today. */
  comingUp: Task[];
}

/**
 * What an organisation owes: as a pioneer, answers to approved matches and sessions to record;
 * as a requester, questions to answer, the pre-visit questionnaire and follow-up re-assessments;
 * either side, feedback. One query per kind.
 */
export async function organisationTasks(
  db: Db,
  organisationId: string,
  clock: TaskClock = clockAt(),
): Promise<OrganisationTasks> {
  const kinds = await Promise.all([
    matchesToAnswer(db, organisationId, clock),
    sessionsToRecord(db, organisationId, clock),
    questionsToAnswer(db, organisationId),
    questionnaires(db, organisationId),
    feedbackToGive(db, organisationId),
  ]);
  const followUps = await reassessments(db, organisationId, clock.today);
  return {
    due: oldestFirst([...kinds.flat(), ...followUps.filter((t) => t.dueOn! <= clock.today)]),
    comingUp: oldestFirst(followUps.filter((t) => t.dueOn! > clock.today)),
  };
}

/** The organisation's tasks due now (kept for callers that only need the list). */
export async function tasksForOrganisation(
  db: Db,
  organisationId: string,
  today: string = todayInEngland(),
): Promise<Task[]> {
  return (await organisationTasks(db, organisationId, { ...clockAt(), today })).due;
}
