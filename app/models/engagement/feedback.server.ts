import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { engagementSide, type Actor } from "../../auth/policy";
import {
  feedbackRevealsAt,
  feedbackVisible,
  mayGiveFeedback,
  readableFeedback,
  type FeedbackState,
} from "../../domain/feedback-visibility";
import { Refused } from "../../lib/errors";
import { monotonicIso } from "../../lib/dates";
import type { FeedbackAnswers } from "../../schemas/engagement";
import { engagementRef, recordEngagementEvent, type EngagementRow } from "./core.server";
import { engagementForWork, organisationOf, otherSide, sideName, type Side } from "./engagements.server";
import { notifyOrganisation } from "../notification/notifications.server";

// Each trust's rating of an ended engagement, kept from the other until both have given theirs.
type Db = Kysely<Database> | Transaction<Database>;

export interface FeedbackEntry {
  usefulness: number;
  preparation: number;
  wouldRecommend: boolean;
  comment: string;
  givenByName: string;
  givenAt: string;
}

export interface FeedbackView {
  ended: boolean;
  /** Whether both sides' feedback is open to everyone who may see the engagement. */
  visible: boolean;
  /** When it opens by time alone, if it has not opened yet. */
  revealsAt: string | null;
  viewerSide: Side | null;
  canGive: boolean;
  given: Record<Side, boolean>;
  /** Only what this viewer may read: hidden feedback is never loaded into the page. */
  entries: Record<Side, FeedbackEntry | null>;
}

async function givenBy(db: Db, engagementId: string) {
  return db
    .selectFrom("engagement_feedback")
    .select(["organisation_id"])
    .where("engagement_id", "=", engagementId)
    .execute();
}

function stateOf(row: EngagementRow, given: { organisation_id: string }[]): FeedbackState {
  return {
    endedAt: row.ended_at,
    requesterGiven: given.some((g) => g.organisation_id === row.requester_id),
    pioneerGiven: given.some((g) => g.organisation_id === row.pioneer_id),
  };
}

/** The feedback section as this viewer may see it now. The caller has already let the viewer see the engagement. */
export async function feedbackForViewer(
  db: Db,
  actor: Actor,
  row: EngagementRow,
  now: Date = new Date(),
): Promise<FeedbackView> {
  const state = stateOf(row, await givenBy(db, row.id));
  const viewerSide = engagementSide(actor, engagementRef(row));
  const readable = readableFeedback(state, viewerSide, now).filter((side) =>
    side === "requester" ? state.requesterGiven : state.pioneerGiven,
  );
  const organisations = readable.map((side) => organisationOf(row, side));
  const rows = organisations.length
    ? await db
        .selectFrom("engagement_feedback")
        .innerJoin("app_user", "app_user.id", "engagement_feedback.given_by")
        .select([
          "engagement_feedback.organisation_id",
          "engagement_feedback.usefulness",
          "engagement_feedback.preparation",
          "engagement_feedback.would_recommend",
          "engagement_feedback.comment",
          "engagement_feedback.given_at",
          "app_user.name as given_by_name",
        ])
        .where("engagement_feedback.engagement_id", "=", row.id)
        .where("engagement_feedback.organisation_id", "in", organisations)
        .execute()
    : [];
  const entry = (side: Side): FeedbackEntry | null => {
    const found = rows.find((r) => r.organisation_id === organisationOf(row, side));
    return found
      ? {
          usefulness: found.usefulness,
          preparation: found.preparation,
          wouldRecommend: found.would_recommend === 1,
          comment: found.comment,
          givenByName: found.given_by_name,
          givenAt: found.given_at,
        }
      : null;
  };
  const visible = feedbackVisible(state, now);
  return {
    ended: row.ended_at !== null,
    visible,
    revealsAt: row.ended_at && !visible ? feedbackRevealsAt(row.ended_at) : null,
    viewerSide,
    canGive: mayGiveFeedback(state, viewerSide),
    given: { requester: state.requesterGiven, pioneer: state.pioneerGiven },
    entries: { requester: entry("requester"), pioneer: entry("pioneer") },
  };
}

/**
 * One side's feedback, once the engagement has ended; given once and never changed. When it is the
 * second side's, both open at once and the first side is told.
 */
export async function giveFeedback(
  db: Kysely<Database>,
  input: { engagementId: string; actor: Actor; answers: FeedbackAnswers },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, side } = await engagementForWork(trx, input.actor, input.engagementId);
    if (row.status === "active") throw new Refused("Feedback can be given once the engagement has ended.");
    // Held until commit, so when both sides give feedback at once the second sees the first and tells it.
    await trx.updateTable("engagement").set({ status: row.status }).where("id", "=", row.id).execute();
    const inserted = await trx
      .insertInto("engagement_feedback")
      .values({
        engagement_id: row.id,
        organisation_id: organisationOf(row, side),
        usefulness: input.answers.usefulness,
        preparation: input.answers.preparation,
        would_recommend: input.answers.wouldRecommend ? 1 : 0,
        comment: input.answers.comment.trim(),
        given_by: input.actor.id,
        given_at: monotonicIso(),
      })
      .onConflict((oc) => oc.columns(["engagement_id", "organisation_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new Refused("Your organisation has already given its feedback, and it cannot be changed.");
    await recordEngagementEvent(trx, {
      engagementId: row.id,
      kind: "feedback_given",
      actorId: input.actor.id,
      note: `Feedback from ${sideName(row, side)}`,
    });
    const other = otherSide(side);
    const otherGiven = await trx
      .selectFrom("engagement_feedback")
      .select("organisation_id")
      .where("engagement_id", "=", row.id)
      .where("organisation_id", "=", organisationOf(row, other))
      .executeTakeFirst();
    if (otherGiven) {
      await notifyOrganisation(trx, organisationOf(row, other), {
        kind: "feedback_visible",
        title: `Feedback from both sides: ${row.request_title}`,
        body: `${sideName(row, side)} gave its feedback too, so each side can now read the other's.`,
        link: `/engagements/${row.id}/feedback`,
      });
    }
  });
}
