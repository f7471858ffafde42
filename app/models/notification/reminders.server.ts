import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { coordinatorsCovering } from "../account/coordinators.server";
import { FEEDBACK_REVEAL_DAYS, feedbackRevealsAt } from "../../domain/feedback-visibility";
import {
  addDays as addCalendarDays,
  addDaysToInstant,
  formatDate as formatLongDate,
  formatDateInEngland,
  nowIso,
  todayInEngland,
} from "../../lib/dates";
import { resumeDueOffers } from "../offer/offers.server";
import { notifyUser, type NotificationContent } from "./notifications.server";

type Db = Kysely<Database> | Transaction<Database>;

/** Days before the first session that an unanswered pre-visit questionnaire is chased. */
export const QUESTIONNAIRE_DAYS_BEFORE = 3;
/** Days before feedback opens by time alone that a side that has not given it is reminded. */
export const FEEDBACK_CLOSING_DAYS = 7;
/** Days after a follow-up re-assessment falls due that it is chased as overdue. */
export const FOLLOW_UP_OVERDUE_DAYS = 14;

/**
 * Records the reminder and notifies the person in one transaction; the key (kind, subject,
 * person) makes a second attempt, by this run or any other, do nothing.
 */
async function remindOnce(
  db: Kysely<Database>,
  key: { kind: string; subjectId: string; userId: string },
  content: NotificationContent,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("reminder_sent")
      .values({ kind: key.kind, subject_id: key.subjectId, recipient: key.userId, sent_at: nowIso() })
      .onConflict((oc) => oc.columns(["kind", "subject_id", "recipient"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await notifyUser(trx, key.userId, content);
    return true;
  });
}

async function remindOrganisation(
  db: Kysely<Database>,
  organisationId: string,
  key: { kind: string; subjectId: string },
  content: NotificationContent,
): Promise<number> {
  let sent = 0;
  for (const user of await organisationPeople(db, organisationId))
    if (await remindOnce(db, { ...key, userId: user.id }, content)) sent++;
  return sent;
}

const organisationPeople = (db: Db, organisationId: string) =>
  db
    .selectFrom("app_user")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("role", "in", ["member", "org_admin"])
    .where("disabled_at", "is", null)
    .orderBy("id")
    .execute();

const engagementTitles = (db: Db) =>
  db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .select([
      "engagement.id",
      "engagement.requester_organisation_id",
      "engagement.pioneer_organisation_id",
      "engagement.ended_at",
      "engagement.follow_up_due_on",
      "help_request.title",
    ]);

/** Both trusts' members, the day before a planned session (dates in England). */
export async function remindSessionsTomorrow(db: Kysely<Database>, now: Date): Promise<number> {
  const tomorrow = addCalendarDays(todayInEngland(now), 1);
  const sessions = await engagementTitles(db)
    .innerJoin("outreach_session", "outreach_session.engagement_id", "engagement.id")
    .select(["outreach_session.id as session_id", "outreach_session.starts_at"])
    .where("outreach_session.status", "=", "planned")
    .where("outreach_session.starts_at", ">=", `${tomorrow}T00:00`)
    .where("outreach_session.starts_at", "<=", `${tomorrow}T23:59`)
    .orderBy("outreach_session.starts_at")
    .execute();
  let sent = 0;
  for (const s of sessions) {
    const content: NotificationContent = {
      kind: "session_tomorrow",
      title: `Prepare for tomorrow's session at ${s.starts_at.slice(11, 16)}: ${s.title}`,
      body: `A session of the engagement "${s.title}" is planned for ${formatLongDate(tomorrow)} at ${s.starts_at.slice(11, 16)}. Check the agenda and the arrangements.`,
      link: `/engagements/${s.id}/sessions/${s.session_id}`,
    };
    for (const org of [s.requester_organisation_id, s.pioneer_organisation_id])
      sent += await remindOrganisation(db, org, { kind: "session_tomorrow", subjectId: s.session_id }, content);
  }
  return sent;
}

/** The requester, when the pre-visit questionnaire is unanswered within three days of the first session. */
export async function remindQuestionnaires(db: Kysely<Database>, now: Date): Promise<number> {
  const today = todayInEngland(now);
  const limit = addCalendarDays(today, QUESTIONNAIRE_DAYS_BEFORE);
  const rows = await engagementTitles(db)
    .innerJoin("outreach_session", "outreach_session.engagement_id", "engagement.id")
    .leftJoin("engagement_questionnaire", "engagement_questionnaire.engagement_id", "engagement.id")
    .select((eb) => eb.fn.min("outreach_session.starts_at").as("first_session"))
    .where("engagement.status", "=", "active")
    .where("engagement_questionnaire.engagement_id", "is", null)
    .where("outreach_session.status", "!=", "cancelled")
    .groupBy([
      "engagement.id",
      "engagement.requester_organisation_id",
      "engagement.pioneer_organisation_id",
      "engagement.ended_at",
      "engagement.follow_up_due_on",
      "help_request.title",
    ])
    .execute();
  let sent = 0;
  for (const e of rows) {
    const first = String(e.first_session).slice(0, 10);
    if (first < today || first > limit) continue;
    sent += await remindOrganisation(
      db,
      e.requester_organisation_id,
      { kind: "questionnaire_due", subjectId: e.id },
      {
        kind: "questionnaire_due",
        title: `Answer the pre-visit questionnaire before ${formatLongDate(first)}: ${e.title}`,
        body: `The first session is on ${formatLongDate(first)}. Tell the pioneer trust what you want to see and share your current data so they can prepare.`,
        link: `/engagements/${e.id}/questionnaire`,
      },
    );
  }
  return sent;
}

/** Each side that has not given feedback: when the engagement ends, and a week before feedback opens by time alone. */
export async function remindFeedback(db: Kysely<Database>, now: Date): Promise<number> {
  // Only engagements whose feedback has not yet opened by time, not every engagement ever ended.
  const endedSince = addDaysToInstant(now, -FEEDBACK_REVEAL_DAYS).toISOString();
  const ended = await engagementTitles(db).where("engagement.ended_at", ">", endedSince).execute();
  if (ended.length === 0) return 0;
  const given = await db
    .selectFrom("engagement_feedback")
    .select(["engagement_id", "organisation_id"])
    .where(
      "engagement_id",
      "in",
      ended.map((e) => e.id),
    )
    .execute();
  const gave = new Set(given.map((g) => `${g.engagement_id}:${g.organisation_id}`));
  let sent = 0;
  for (const e of ended) {
    const revealsAt = new Date(feedbackRevealsAt(e.ended_at!));
    if (now >= revealsAt) continue;
    const closing = now.getTime() >= revealsAt.getTime() - FEEDBACK_CLOSING_DAYS * 86_400_000;
    for (const org of [e.requester_organisation_id, e.pioneer_organisation_id]) {
      if (gave.has(`${e.id}:${org}`)) continue;
      const kind = closing ? "feedback_closing" : "feedback_open";
      sent += await remindOrganisation(
        db,
        org,
        { kind, subjectId: e.id },
        {
          kind,
          title: closing
            ? `Give your feedback before ${formatDateInEngland(revealsAt)}: ${e.title}`
            : `Give your feedback: ${e.title}`,
          body: closing
            ? `Feedback on "${e.title}" becomes visible to both trusts on ${formatDateInEngland(revealsAt)}, whether or not you have given yours.`
            : `The engagement "${e.title}" has ended. Rate it now: neither trust sees the other's feedback until both have given it.`,
          link: `/engagements/${e.id}/feedback`,
        },
      );
    }
  }
  return sent;
}

/** The requester, when the follow-up re-assessment falls due, and again when it is two weeks overdue. */
export async function remindFollowUps(db: Kysely<Database>, now: Date): Promise<number> {
  const today = todayInEngland(now);
  const due = await engagementTitles(db)
    .leftJoin("engagement_impact", "engagement_impact.engagement_id", "engagement.id")
    .where("engagement.status", "=", "completed")
    .where("engagement_impact.engagement_id", "is", null)
    .where("engagement.follow_up_due_on", "<=", today)
    .execute();
  let sent = 0;
  for (const e of due) {
    const dueOn = e.follow_up_due_on!;
    const overdue = addCalendarDays(dueOn, FOLLOW_UP_OVERDUE_DAYS) <= today;
    const kind = overdue ? "follow_up_overdue" : "follow_up_due";
    sent += await remindOrganisation(
      db,
      e.requester_organisation_id,
      { kind, subjectId: e.id },
      {
        kind,
        title: overdue
          ? `Re-assess now, the follow-up is overdue: ${e.title}`
          : `Re-assess your maturity to measure the impact of ${e.title}`,
        body: `The follow-up re-assessment for "${e.title}" was due on ${formatLongDate(dueOn)}. A new self-assessment measures what changed.`,
        link: "/assessment/new",
      },
    );
  }
  return sent;
}

/** Publishes paused offers whose return date has come, and tells their trust. */
export async function resumeOffersAndTell(db: Kysely<Database>, now: Date): Promise<number> {
  const today = todayInEngland(now);
  const paused = await db
    .selectFrom("offer")
    .select(["id", "organisation_id", "title", "paused_until"])
    .where("status", "=", "paused")
    .where("paused_until", "<=", today)
    .execute();
  await resumeDueOffers(db, today);
  if (paused.length === 0) return 0;
  const published = new Set(
    (
      await db
        .selectFrom("offer")
        .select("id")
        .where(
          "id",
          "in",
          paused.map((p) => p.id),
        )
        .where("status", "=", "published")
        .execute()
    ).map((o) => o.id),
  );
  let sent = 0;
  for (const offer of paused) {
    if (!published.has(offer.id)) continue;
    sent += await remindOrganisation(
      db,
      offer.organisation_id,
      { kind: "offer_resumed", subjectId: `${offer.id}:${offer.paused_until}` },
      {
        kind: "offer_resumed",
        title: `Check your offer is still right, it is published again: ${offer.title}`,
        body: `Your paused offer "${offer.title}" reached its return date and is open to matching again.`,
        link: `/offers/${offer.id}`,
      },
    );
  }
  return sent;
}

/** Coordinators in scope of the pioneer trust, when an approved match has gone unanswered past its deadline. */
export async function remindUnansweredMatches(db: Kysely<Database>, now: Date): Promise<number> {
  const late = await db
    .selectFrom("outreach_match")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .select([
      "outreach_match.id",
      "outreach_match.approved_at",
      "outreach_match.answer_due_at",
      "organisation.name",
      "organisation.region_code",
      "organisation.icb_code",
      "help_request.title",
    ])
    .where("outreach_match.status", "=", "approved")
    .where("outreach_match.answer_due_at", "<=", now.toISOString())
    .execute();
  let sent = 0;
  for (const match of late) {
    const coordinators = await coordinatorsCovering(db, [{ regionCode: match.region_code, icbCode: match.icb_code }]);
    for (const coordinatorId of coordinators) {
      if (
        await remindOnce(
          db,
          { kind: "match_answer_overdue", subjectId: match.id, userId: coordinatorId },
          {
            kind: "match_answer_overdue",
            title: `Follow up with ${match.name}: no answer to a match for ${match.title}`,
            body: `${match.name} has not accepted or declined the match for "${match.title}", approved on ${formatDateInEngland(match.approved_at)}. The answer was due by ${formatDateInEngland(match.answer_due_at!)}.`,
            link: `/matches/${match.id}`,
          },
        )
      )
        sent++;
    }
  }
  return sent;
}
