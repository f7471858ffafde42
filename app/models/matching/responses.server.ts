import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { nowIso } from "../../lib/dates";
import { openEngagement } from "../engagement/core.server";
import { logDecision, requireReason } from "./decision-log.server";
import { releasePlace } from "./decisions.server";
import { notifyOrganisation, notifyUser } from "../notification/notifications.server";
import { markMatched } from "../request/requests.server";
import { NotFound, Refused } from "../../lib/errors";

// The pioneer's answer to an approved match, and reading matches from either side.
type Trx = Transaction<Database>;

/** Moves the request to matched through its lifecycle; a request withdrawn meanwhile refuses the acceptance. */
async function markRequestMatched(trx: Trx, requestId: string, actorId: string) {
  try {
    await markMatched(trx, requestId, actorId);
  } catch (error) {
    if (error instanceof Refused || error instanceof NotFound)
      throw new Refused(`The match cannot be accepted: ${error.message}`);
    throw error;
  }
}

/**
 * The pioneer's answer. Declining gives the place back for the quarter and keeps the pair out of
 * later rounds; accepting moves the request to matched.
 */
export async function respondToMatch(
  db: Kysely<Database>,
  input: { matchId: string; user: Actor; accept: boolean; reason?: string },
): Promise<string> {
  const reason = input.accept
    ? (input.reason?.trim() ?? "")
    : requireReason(input.reason, "Enter a reason for declining");
  return db.transaction().execute(async (trx) => {
    const answered = await trx
      .updateTable("outreach_match")
      .set({
        status: input.accept ? "accepted" : "declined",
        responded_by: input.user.id,
        responded_at: nowIso(),
        response_reason: reason,
      })
      .where("id", "=", input.matchId)
      .where("status", "=", "approved")
      .executeTakeFirst();
    const match = await matchQuery(trx).where("outreach_match.id", "=", input.matchId).executeTakeFirst();
    if (!match) throw new Refused("There is no such match");
    if (
      !can(input.user, {
        action: "match:respond",
        offerOrganisation: {
          id: match.offer_organisation_id,
          regionCode: match.offer_region_code,
          icbCode: match.offer_icb_code,
        },
      })
    ) {
      throw new Refused("Only the pioneer organisation can answer this match");
    }
    if (Number(answered.numUpdatedRows) === 0) throw new Refused(`This match is already ${match.status}`);
    let engagementId: string | null = null;
    if (input.accept) {
      await markRequestMatched(trx, match.request_id, input.user.id);
      engagementId = await openEngagement(trx, { matchId: match.id, actorId: input.user.id });
    } else {
      await releasePlace(trx, match.offer_id, match.quarter);
    }
    await logDecision(trx, {
      subjectType: "outreach_match",
      subjectId: match.id,
      action: input.accept ? "accept" : "decline",
      actorId: input.user.id,
      reason,
    });
    const content = {
      kind: input.accept ? ("match_accepted" as const) : ("match_declined" as const),
      title: `${match.offer_organisation_name} ${input.accept ? "accepted" : "declined"}: ${match.request_title}`,
      body: input.accept
        ? `${match.offer_organisation_name} accepted the match with "${match.offer_title}".`
        : `${match.offer_organisation_name} declined the match with "${match.offer_title}": ${reason}. The request goes back into matching.`,
      link: engagementId ? `/engagements/${engagementId}` : `/matches/${match.id}`,
    };
    await notifyOrganisation(trx, match.request_organisation_id, content);
    await notifyUser(trx, match.approved_by, content);
    return match.id;
  });
}

/** A match with both trusts, the offer and who decided, from either side. */
export function matchQuery(db: Kysely<Database> | Trx) {
  return db
    .selectFrom("outreach_match")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "offer.organisation_id")
    .innerJoin("app_user as approver", "approver.id", "outreach_match.approved_by")
    .leftJoin("app_user as responder", "responder.id", "outreach_match.responded_by")
    .select([
      "outreach_match.id",
      "outreach_match.request_id",
      "outreach_match.offer_id",
      "outreach_match.quarter",
      "outreach_match.status",
      "outreach_match.approved_by",
      "outreach_match.approved_at",
      "outreach_match.approval_reason",
      "outreach_match.answer_due_at",
      "outreach_match.proposal_id",
      "outreach_match.responded_at",
      "outreach_match.response_reason",
      "help_request.title as request_title",
      "requester.id as request_organisation_id",
      "requester.name as request_organisation_name",
      "requester.region_code as request_region_code",
      "requester.icb_code as request_icb_code",
      "offer.title as offer_title",
      "offer.contact_name as offer_contact_name",
      "offer.contact_email as offer_contact_email",
      "pioneer.id as offer_organisation_id",
      "pioneer.name as offer_organisation_name",
      "pioneer.region_code as offer_region_code",
      "pioneer.icb_code as offer_icb_code",
      "approver.name as approved_by_name",
      "responder.name as responded_by_name",
    ]);
}

export function getMatch(db: Kysely<Database>, id: string) {
  return matchQuery(db).where("outreach_match.id", "=", id).executeTakeFirst();
}

export type MatchSide = "requester" | "pioneer";

/** The organisation's matches on both sides: help it asked for, and help it was asked to give. */
export const MATCHES_PAGE_SIZE = 25;

/** One page of an organisation's matches, on either side, newest approval first, with the total. */
export async function listMatchesForOrganisation(
  db: Kysely<Database>,
  organisationId: string,
  { page = 1, pageSize = MATCHES_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
) {
  const mine = matchQuery(db).where((eb) =>
    eb.or([eb("requester.id", "=", organisationId), eb("pioneer.id", "=", organisationId)]),
  );
  const [rows, counted] = await Promise.all([
    mine
      .orderBy("outreach_match.approved_at", "desc")
      .orderBy("outreach_match.id")
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize)
      .execute(),
    mine
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      side: (row.request_organisation_id === organisationId ? "requester" : "pioneer") as MatchSide,
    })),
    total: Number(counted.total),
    page,
    pageSize,
  };
}
