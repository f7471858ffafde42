import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";

// What every coordinator decision and pioneer answer shares: its result, its refusal, and its record.
export type DecisionResult = { ok: true; matchId: string | null } | { ok: false; reason: string };

/** A decision the rules refuse; thrown inside a transaction so that nothing of it is written. */
export class DecisionRefused extends Error {}

export const requireReason = (reason: string | undefined, message: string) => {
  if (!reason || reason.trim() === "") throw new DecisionRefused(message);
  return reason.trim();
};

export async function decide(work: () => Promise<string | null>): Promise<DecisionResult> {
  try {
    return { ok: true, matchId: await work() };
  } catch (error) {
    if (error instanceof DecisionRefused) return { ok: false, reason: error.message };
    throw error;
  }
}

export async function logDecision(db: Kysely<Database> | Transaction<Database>, entry: { subjectType: string; subjectId: string; action: string; actorId: string; reason: string }) {
  await db
    .insertInto("decision_log")
    .values({ id: newId(), subject_type: entry.subjectType, subject_id: entry.subjectId, action: entry.action, actor_id: entry.actorId, reason: entry.reason, created_at: nowIso() })
    .execute();
}
