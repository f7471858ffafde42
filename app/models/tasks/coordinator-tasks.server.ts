import { expressionBuilder, sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { organisationInScope } from "../../../db/portable";
import type { MatchScope } from "../matching/facts.server";
import { dateInEngland } from "../../lib/dates";
import { oldestFirst, type Task } from "./task";
import type { TaskClock } from "./tasks.server";

type Db = Kysely<Database>;

/**
 * No matching round made after `since` has proposed the request again; both are columns of the
 * outer query (the request's id, and the moment it last moved).
 */
function noRoundSince(requestId: string, since: string) {
  const { not, exists, selectFrom } = expressionBuilder<Database, never>();
  return not(
    exists(
      selectFrom("match_proposal")
        .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
        .select("match_proposal.id")
        .where("match_proposal.request_id", "=", sql.ref<string>(requestId))
        .where("match_round.created_at", ">", sql.ref<string>(since)),
    ),
  );
}

/** Rounds with proposals in the coordinator's scope still waiting for a decision, one task a round. */
async function proposalsToDecide(db: Db, scope: MatchScope): Promise<Task[]> {
  const rows = await db
    .selectFrom("match_proposal")
    .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
    .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .select(({ fn }) => [
      "match_round.id",
      "match_round.quarter",
      "match_round.created_at",
      fn.countAll<number | string>().as("waiting"),
    ])
    .where("match_proposal.status", "=", "proposed")
    .where(organisationInScope(scope, "requester"))
    .groupBy(["match_round.id", "match_round.quarter", "match_round.created_at"])
    .execute();
  return rows.map((r) => ({
    kind: "decide_proposals",
    subjectId: r.id,
    href: `/matching/rounds/${r.id}`,
    title: `Matching round for ${r.quarter}`,
    otherName: null,
    since: dateInEngland(r.created_at),
    dueOn: null,
    overdue: false,
    count: Number(r.waiting),
  }));
}

/** Approved matches in scope whose pioneer has not answered by the deadline. */
async function lateAnswers(db: Db, scope: MatchScope, clock: TaskClock): Promise<Task[]> {
  const rows = await db
    .selectFrom("outreach_match")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "offer.organisation_id")
    .select([
      "outreach_match.id",
      "outreach_match.approved_at",
      "outreach_match.answer_due_at",
      "help_request.title",
      "pioneer.name",
    ])
    .where("outreach_match.status", "=", "approved")
    .where("outreach_match.answer_due_at", "<", clock.now)
    .where(organisationInScope(scope, "requester"))
    .execute();
  return rows.map((r) => ({
    kind: "late_answer",
    subjectId: r.id,
    href: `/matches/${r.id}`,
    title: r.title,
    otherName: r.name,
    since: dateInEngland(r.approved_at),
    dueOn: dateInEngland(r.answer_due_at!),
    overdue: true,
  }));
}

/**
 * Requests in scope whose match was declined (or taken back) and which no round has proposed
 * again since: they are back in matching and need a new offer.
 */
async function declinedToRematch(db: Db, scope: MatchScope): Promise<Task[]> {
  const rows = await db
    .selectFrom("outreach_match")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "offer.organisation_id")
    .select([
      "outreach_match.id",
      "outreach_match.request_id",
      "outreach_match.responded_at",
      "outreach_match.approved_at",
      "help_request.title",
      "pioneer.name",
    ])
    .where("outreach_match.status", "in", ["declined", "cancelled", "lapsed"])
    .where("help_request.status", "=", "submitted")
    .where(organisationInScope(scope, "requester"))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outreach_match as later")
            .select("later.id")
            .whereRef("later.request_id", "=", "outreach_match.request_id")
            .whereRef("later.approved_at", ">", "outreach_match.approved_at"),
        ),
      ),
    )
    .where(noRoundSince("outreach_match.request_id", "outreach_match.approved_at"))
    .execute();
  return rows.map((r) => ({
    kind: "rematch_declined",
    subjectId: r.request_id,
    href: `/requests/${r.request_id}`,
    title: r.title,
    otherName: r.name,
    since: dateInEngland(r.responded_at ?? r.approved_at),
    dueOn: null,
    overdue: false,
  }));
}

/** Requests in scope the latest round could not match, still waiting for an offer. */
async function unmatchedRequests(db: Db, scope: MatchScope): Promise<Task[]> {
  const rows = await db
    .selectFrom("match_proposal")
    .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
    .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .select([
      "match_proposal.request_id",
      "match_round.id as round_id",
      "match_round.created_at",
      "help_request.title",
      "requester.name",
    ])
    .where("match_proposal.status", "=", "unmatched")
    .where("help_request.status", "=", "submitted")
    .where(organisationInScope(scope, "requester"))
    .execute();
  return rows.map((r) => ({
    kind: "unmatched_request",
    subjectId: r.request_id,
    href: `/matching/rounds/${r.round_id}`,
    title: r.title,
    otherName: r.name,
    since: dateInEngland(r.created_at),
    dueOn: null,
    overdue: false,
  }));
}

/** Requests whose trust answered a coordinator's question and which no round has looked at since. */
async function answersToReview(db: Db, scope: MatchScope): Promise<Task[]> {
  const rows = await db
    .selectFrom("help_request")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .innerJoin("help_request_event as answer", "answer.request_id", "help_request.id")
    .select(["help_request.id", "help_request.title", "requester.name", "answer.created_at"])
    .where("help_request.status", "=", "submitted")
    .where("answer.from_status", "=", "needs_info")
    .where("answer.to_status", "=", "submitted")
    .where(organisationInScope(scope, "requester"))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("help_request_event as later")
            .select("later.id")
            .whereRef("later.request_id", "=", "help_request.id")
            .whereRef("later.created_at", ">", "answer.created_at"),
        ),
      ),
    )
    .where(noRoundSince("help_request.id", "answer.created_at"))
    .execute();
  return rows.map((r) => ({
    kind: "review_answer",
    subjectId: r.id,
    href: `/requests/${r.id}`,
    title: r.title,
    otherName: r.name,
    since: dateInEngland(r.created_at),
    dueOn: null,
    overdue: false,
  }));
}

/** What waits on a coordinator in their scope, oldest first. One query per kind. */
export async function coordinatorTasks(db: Db, scope: MatchScope, clock: TaskClock): Promise<Task[]> {
  const kinds = await Promise.all([
    proposalsToDecide(db, scope),
    lateAnswers(db, scope, clock),
    declinedToRematch(db, scope),
    unmatchedRequests(db, scope),
    answersToReview(db, scope),
  ]);
  return oldestFirst(kinds.flat());
}
