import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { Refused } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";

// What every coordinator decision and pioneer answer shares: a reason where one is needed, and its record.
// A decision the rules refuse throws Refused inside its transaction, so that nothing of it is written.

export const requireReason = (reason: string | undefined, message: string) => {
  if (!reason || reason.trim() === "") throw new Refused(message);
  return reason.trim();
};

export async function logDecision(
  db: Kysely<Database> | Transaction<Database>,
  entry: { subjectType: string; subjectId: string; action: string; actorId: string; reason: string },
) {
  await db
    .insertInto("decision_log")
    .values({
      id: newId(),
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      action: entry.action,
      actor_id: entry.actorId,
      reason: entry.reason,
      created_at: nowIso(),
    })
    .execute();
}
