import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { nowIso } from "../../lib/dates";
import { newId } from "../../lib/ids";
import { pairKey } from "../../matching/types";
import { notifyOrganisation } from "../notification/notifications.server";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { logDecision, requireReason } from "./decision-log.server";
import { releasePlace } from "./decisions.server";
import { matchQuery } from "./responses.server";

/**
 * A coordinator takes back an approved match the pioneer did not answer in time: the match is
 * cancelled, its place freed, the pair blocked so no round proposes it again, and the request
 * (still submitted: only acceptance moves it on) goes back into matching. All or nothing.
 */
export async function reproposeLateMatch(
  db: Kysely<Database>,
  input: { matchId: string; coordinator: Actor; reason?: string; now?: string },
): Promise<string> {
  const reason = requireReason(input.reason, "Enter a reason for taking the match back");
  const now = input.now ?? nowIso();
  return db.transaction().execute(async (trx) => {
    // The guarded write comes first, so a pioneer answering at the same moment either wins or finds it cancelled.
    const taken = await trx
      .updateTable("outreach_match")
      .set({ status: "cancelled", responded_by: input.coordinator.id, responded_at: now, response_reason: reason })
      .where("id", "=", input.matchId)
      .where("status", "=", "approved")
      .where("answer_due_at", "<", now)
      .executeTakeFirst();
    const match = await matchQuery(trx).where("outreach_match.id", "=", input.matchId).executeTakeFirst();
    if (!match) throw new NotFound("Match");
    if (
      !can(input.coordinator, {
        action: "match:decide",
        organisation: {
          id: match.request_organisation_id,
          regionCode: match.request_region_code,
          icbCode: match.request_icb_code,
        },
      })
    ) {
      throw new Forbidden("This request is outside your area");
    }
    if (Number(taken.numUpdatedRows) === 0) {
      // Still approved after the guarded write failed: its answer is not yet due.
      if (match.status === "approved") throw new Refused("The pioneer still has time to answer this match");
      throw new Refused(`This match is already ${match.status}`);
    }
    await releasePlace(trx, match.offer_id, match.quarter);
    const rule = {
      kind: "block" as const,
      reason: `Not answered in time: ${reason}`,
      created_by: input.coordinator.id,
      created_at: now,
    };
    await trx
      .insertInto("match_pair_rule")
      .values({ id: newId(), request_id: match.request_id, offer_id: match.offer_id, ...rule })
      .onConflict((oc) => oc.columns(["request_id", "offer_id"]).doUpdateSet(rule))
      .execute();
    await logDecision(trx, {
      subjectType: "outreach_match",
      subjectId: match.id,
      action: "repropose",
      actorId: input.coordinator.id,
      reason,
    });
    await logDecision(trx, {
      subjectType: "match_pair_rule",
      subjectId: pairKey(match.request_id, match.offer_id),
      action: "block",
      actorId: input.coordinator.id,
      reason: rule.reason,
    });
    const content = {
      kind: "match_cancelled" as const,
      title: `Match taken back: ${match.request_title}`,
      body: `The match with "${match.offer_title}" was not answered in time, so a coordinator took it back: ${reason}. The request goes back into matching.`,
      link: `/matches/${match.id}`,
    };
    await notifyOrganisation(trx, match.request_organisation_id, content);
    await notifyOrganisation(trx, match.offer_organisation_id, content);
    return match.id;
  });
}
