import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sha256Hex } from "../../auth/hash.server";
import type { Actor } from "../../auth/policy";
import { nowIso } from "../../lib/dates";
import { NotFound } from "../../lib/errors";
import { recordAuditEvent } from "../audit/record.server";

/**
 * A session as its owner sees it. The page never holds a session's id, nor the hash stored for it:
 * each is named by a reference derived from the stored hash, which finds it again only among the
 * owner's own sessions.
 */
export interface OwnSession {
  ref: string;
  device: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const referenceOf = (storedId: string) => sha256Hex(`session-reference:${storedId}`).slice(0, 32);

function activeSessions(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("auth_session")
    .select(["id", "device", "created_at", "last_seen_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", nowIso())
    .orderBy("last_seen_at", "desc")
    .orderBy("id")
    .execute();
}

/** The signed-in person's active sessions, most recently used first; `currentSessionId` is the cookie's. */
export async function listOwnSessions(
  db: Kysely<Database>,
  actor: Actor,
  currentSessionId: string,
): Promise<OwnSession[]> {
  const current = sha256Hex(currentSessionId);
  const rows = await activeSessions(db, actor.id);
  return rows
    .map((r) => ({
      ref: referenceOf(r.id),
      device: r.device,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      current: r.id === current,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export interface SessionEnding {
  currentSessionId: string;
  clientAddress: string | null;
}

/**
 * Ends one of the actor's own sessions, found by its reference among theirs only: someone else's
 * reference finds nothing. Says whether it was the session making the request.
 */
export async function endOwnSession(
  db: Kysely<Database>,
  actor: Actor,
  ref: string,
  ending: SessionEnding,
): Promise<{ endedCurrent: boolean }> {
  return db.transaction().execute(async (trx) => {
    const mine = await activeSessions(trx, actor.id);
    const target = mine.find((s) => referenceOf(s.id) === ref);
    if (!target) throw new NotFound("Session");
    const deleted = await trx
      .deleteFrom("auth_session")
      .where("id", "=", target.id)
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new NotFound("Session");
    const endedCurrent = target.id === sha256Hex(ending.currentSessionId);
    await recordAuditEvent(trx, {
      kind: "session_ended",
      actorId: actor.id,
      subjectUserId: actor.id,
      organisationId: actor.organisationId,
      clientAddress: ending.clientAddress,
      detail: endedCurrent ? "signed out here" : "ended from another session",
    });
    return { endedCurrent };
  });
}

/** Ends every session of the actor except the one making the request; returns how many ended. */
export async function endOtherSessions(db: Kysely<Database>, actor: Actor, ending: SessionEnding): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom("auth_session")
      .where("user_id", "=", actor.id)
      .where("id", "!=", sha256Hex(ending.currentSessionId))
      .executeTakeFirst();
    const count = Number(deleted.numDeletedRows);
    if (count > 0)
      await recordAuditEvent(trx, {
        kind: "session_ended",
        actorId: actor.id,
        subjectUserId: actor.id,
        organisationId: actor.organisationId,
        clientAddress: ending.clientAddress,
        detail: `${count} other session${count === 1 ? "" : "s"} ended`,
      });
    return count;
  });
}
