import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { can, engagementSide, type Actor } from "../../auth/policy";
import { config } from "../../config.server";
import { endingProblem, followUpDueOn, questionnaireOpen, type EndingKind } from "../../domain/engagement-rules";
import { monotonicIso, todayInEngland } from "../../lib/dates";
import type { QuestionnaireAnswers } from "../../schemas/engagement";
import {
  engagementQuery,
  engagementRef,
  getEngagement,
  recordEngagementEvent,
  type EngagementRow,
} from "./core.server";
import { notifyOrganisation } from "../notification/notifications.server";
import { markCompleted, markReturnedToMatching } from "../request/requests.server";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { organisationInScope } from "../../../db/portable";

// Reading engagements, the questionnaire, and ending: what the engagement page itself does.
type Db = Kysely<Database> | Transaction<Database>;

export type Side = "requester" | "pioneer";

/** The engagement if the actor may see it; anyone else gets nothing, as if it did not exist. */
export async function visibleEngagement(db: Db, actor: Actor, id: string): Promise<EngagementRow | undefined> {
  const row = await getEngagement(db, id);
  if (!row || !can(actor, { action: "engagement:view", engagement: engagementRef(row) })) return undefined;
  return row;
}

/**
 * For a write: the engagement and the side the actor speaks for, or NotFound for anyone who may
 * not see it, Forbidden for a follower who may not act.
 */
export async function engagementForWork(
  trx: Db,
  actor: Actor,
  id: string,
  action: "engagement:work" | "engagement:questionnaire" = "engagement:work",
): Promise<{ row: EngagementRow; side: Side }> {
  const row = await getEngagement(trx, id);
  if (!row) throw new NotFound("Engagement");
  const engagement = engagementRef(row);
  if (!can(actor, { action, engagement })) {
    throw can(actor, { action: "engagement:view", engagement })
      ? new Forbidden("Only the two trusts taking part can do this.")
      : new NotFound("Engagement");
  }
  return { row, side: engagementSide(actor, engagement)! };
}

/**
 * Claims the engagement row for the rest of the transaction, if it is still active. Every change
 * inside an engagement starts here, so an ending running at the same moment either finishes first
 * (and this refuses) or waits for this change (and then sees it).
 */
export async function claimActiveEngagement(trx: Transaction<Database>, id: string): Promise<void> {
  const claimed = await trx
    .updateTable("engagement")
    .set({ status: "active" })
    .where("id", "=", id)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0)
    throw new Refused("This engagement has ended, so nothing more can be planned or recorded in it.");
}

export const sideName = (row: EngagementRow, side: Side) =>
  side === "requester" ? row.requester_name : row.pioneer_name;
export const otherSide = (side: Side): Side => (side === "requester" ? "pioneer" : "requester");
export const organisationOf = (row: EngagementRow, side: Side) =>
  side === "requester" ? row.requester_id : row.pioneer_id;

/** A request lifecycle refusal, inside an engagement change, reads as the engagement's own. */
export async function moveRequest(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Refused || error instanceof NotFound)
      throw new Refused(`The request could not be updated: ${error.message}`);
    throw error;
  }
}

export async function heldSessionCount(db: Db, engagementId: string): Promise<number> {
  const row = await db
    .selectFrom("outreach_session")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("engagement_id", "=", engagementId)
    .where("status", "=", "held")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Ends the engagement as completed or stopped, in one transaction: the guarded status change (of two
 * ends at once only one succeeds), open sessions cancelled, the request moved on, the match cancelled
 * when stopping, the timeline, and the other trust told.
 */
export async function endEngagement(
  db: Kysely<Database>,
  input: { engagementId: string; actor: Actor; kind: EndingKind; reason?: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const reason = input.reason?.trim() ?? "";
  await db.transaction().execute(async (trx) => {
    const { row, side } = await engagementForWork(trx, input.actor, input.engagementId);
    const endedAt = now.toISOString();
    const ended = await trx
      .updateTable("engagement")
      .set({
        status: input.kind,
        ended_at: endedAt,
        ended_by: input.actor.id,
        end_reason: reason === "" ? null : reason,
        // Only a completed engagement is followed up; a stopped one is not measured.
        follow_up_due_on:
          input.kind === "completed" ? followUpDueOn(todayInEngland(now), config().FOLLOW_UP_MONTHS) : null,
      })
      .where("id", "=", row.id)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) === 0) throw new Refused("This engagement has already ended.");
    const problem = endingProblem(input.kind, await heldSessionCount(trx, row.id), reason);
    if (problem) throw new Refused(problem, { code: input.kind === "stopped" ? "reason_missing" : "no_session_held" });

    await cancelOpenSessions(trx, row.id, input.actor.id, endedAt);
    const request = await trx
      .selectFrom("help_request")
      .select("status")
      .where("id", "=", row.request_id)
      .executeTakeFirstOrThrow();
    if (input.kind === "completed") {
      if (request.status === "in_progress")
        await moveRequest(() => markCompleted(trx, row.request_id, input.actor.id, reason));
    } else {
      await trx
        .updateTable("outreach_match")
        .set({ status: "cancelled" })
        .where("id", "=", row.match_id)
        .where("status", "=", "accepted")
        .execute();
      // A request its trust withdrew meanwhile stays withdrawn.
      if (request.status === "matched" || request.status === "in_progress") {
        await moveRequest(() =>
          markReturnedToMatching(
            trx,
            row.request_id,
            input.actor.id,
            `The engagement with ${row.pioneer_name} stopped: ${reason}`,
          ),
        );
      }
    }
    await recordEngagementEvent(trx, { engagementId: row.id, kind: input.kind, actorId: input.actor.id, note: reason });
    const by = sideName(row, side);
    await notifyOrganisation(trx, organisationOf(row, otherSide(side)), {
      kind: "engagement_ended",
      title: `Engagement ${input.kind === "completed" ? "completed" : "stopped"}: ${row.request_title}`,
      body:
        input.kind === "completed"
          ? `${by} marked the engagement as completed. Give your feedback on how it went.`
          : `${by} stopped the engagement: ${reason}`,
      link: `/engagements/${row.id}`,
    });
  });
}

/** Sessions still planned when the engagement ends will not happen. */
async function cancelOpenSessions(trx: Transaction<Database>, engagementId: string, actorId: string, at: string) {
  const open = await trx
    .selectFrom("outreach_session")
    .select("id")
    .where("engagement_id", "=", engagementId)
    .where("status", "=", "planned")
    .orderBy("starts_at")
    .execute();
  if (open.length === 0) return;
  await trx
    .updateTable("outreach_session")
    .set({
      status: "cancelled",
      outcome_note: "Engagement ended",
      recorded_by: actorId,
      recorded_at: at,
      updated_at: at,
    })
    .where("engagement_id", "=", engagementId)
    .where("status", "=", "planned")
    .execute();
  for (const session of open) {
    await recordEngagementEvent(trx, {
      engagementId,
      kind: "session_cancelled",
      sessionId: session.id,
      actorId,
      note: "Engagement ended",
    });
  }
}

export async function getQuestionnaire(db: Db, engagementId: string) {
  return db
    .selectFrom("engagement_questionnaire")
    .innerJoin("app_user", "app_user.id", "engagement_questionnaire.answered_by")
    .select([
      "engagement_questionnaire.wants_to_see",
      "engagement_questionnaire.current_data",
      "engagement_questionnaire.questions",
      "engagement_questionnaire.answered_at",
      "app_user.name as answered_by_name",
    ])
    .where("engagement_questionnaire.engagement_id", "=", engagementId)
    .executeTakeFirst();
}

export type Questionnaire = NonNullable<Awaited<ReturnType<typeof getQuestionnaire>>>;

/** The requester answers, or updates its answers, until the first session is held. */
export async function answerQuestionnaire(
  db: Kysely<Database>,
  input: { engagementId: string; actor: Actor; answers: QuestionnaireAnswers },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row } = await engagementForWork(trx, input.actor, input.engagementId, "engagement:questionnaire");
    await claimActiveEngagement(trx, row.id);
    if (!questionnaireOpen(row.status, await heldSessionCount(trx, row.id))) {
      throw new Refused("The first session has taken place, so the questionnaire can no longer change.");
    }
    const existing = await trx
      .selectFrom("engagement_questionnaire")
      .select("engagement_id")
      .where("engagement_id", "=", row.id)
      .executeTakeFirst();
    const answers = {
      wants_to_see: input.answers.wantsToSee,
      current_data: input.answers.currentData,
      questions: input.answers.questions,
      answered_by: input.actor.id,
      answered_at: monotonicIso(),
    };
    if (existing)
      await trx.updateTable("engagement_questionnaire").set(answers).where("engagement_id", "=", row.id).execute();
    else
      await trx
        .insertInto("engagement_questionnaire")
        .values({ engagement_id: row.id, ...answers })
        .execute();
    await recordEngagementEvent(trx, {
      engagementId: row.id,
      kind: "questionnaire_answered",
      actorId: input.actor.id,
      note: existing ? "Answers updated" : "",
    });
  });
}

/** Everything that happened, oldest first, with who did it and for which trust. */
export async function engagementTimeline(db: Db, engagementId: string) {
  return db
    .selectFrom("engagement_event")
    .innerJoin("app_user", "app_user.id", "engagement_event.actor_id")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .leftJoin("outreach_session", "outreach_session.id", "engagement_event.session_id")
    .select([
      "engagement_event.id",
      "engagement_event.kind",
      "engagement_event.note",
      "engagement_event.session_id",
      "engagement_event.created_at",
      "app_user.name as actor_name",
      "organisation.name as actor_organisation_name",
      "outreach_session.starts_at as session_starts_at",
    ])
    .where("engagement_event.engagement_id", "=", engagementId)
    .orderBy("engagement_event.created_at")
    .orderBy("engagement_event.id")
    .execute();
}

export type TimelineEntry = Awaited<ReturnType<typeof engagementTimeline>>[number];

export const ENGAGEMENTS_PAGE_SIZE = 20;

const nothing = sql<boolean>`1 = 0`;

/** Which engagements an actor sees in the list: its organisation's on both sides, a coordinator's scope, or all. */
function visibleTo(actor: Actor) {
  return (query: ReturnType<typeof engagementQuery>) => {
    if (actor.role === "admin") return query;
    if (actor.role === "coordinator") {
      const scope = actor.scope;
      if (!scope) return query.where(nothing);
      return query.where((eb) =>
        eb.or([organisationInScope(scope, "requester"), organisationInScope(scope, "pioneer")]),
      );
    }
    if (!actor.organisationId) return query.where(nothing);
    const organisationId = actor.organisationId;
    return query.where((eb) =>
      eb.or([
        eb("engagement.requester_organisation_id", "=", organisationId),
        eb("engagement.pioneer_organisation_id", "=", organisationId),
      ]),
    );
  };
}

/** The engagements the actor may see, active first, then the most recently opened; with each one's next session. */
export async function listEngagements(
  db: Db,
  input: { actor: Actor; page: number; nowLocal: string; pageSize?: number },
) {
  const pageSize = input.pageSize ?? ENGAGEMENTS_PAGE_SIZE;
  const base = visibleTo(input.actor)(engagementQuery(db));
  const [rows, total] = await Promise.all([
    base
      .select((eb) =>
        eb
          .selectFrom("outreach_session")
          .select((s) => s.fn.min("outreach_session.starts_at").as("starts_at"))
          .whereRef("outreach_session.engagement_id", "=", "engagement.id")
          .where("outreach_session.status", "=", "planned")
          .where("outreach_session.starts_at", ">", input.nowLocal)
          .as("next_session_at"),
      )
      .orderBy((eb) => eb.case().when("engagement.status", "=", "active").then(0).else(1).end())
      .orderBy("engagement.opened_at", "desc")
      .orderBy("engagement.id")
      .limit(pageSize)
      .offset((Math.max(1, input.page) - 1) * pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const organisationId = input.actor.organisationId;
  return {
    rows: rows.map((row) => ({
      ...row,
      side: (organisationId === row.requester_id
        ? "requester"
        : organisationId === row.pioneer_id
          ? "pioneer"
          : null) as Side | null,
    })),
    total: Number(total.n),
    pageSize,
  };
}
