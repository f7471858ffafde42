import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { newId } from "../lib/ids";

export interface ThrottleSettings {
  maxFailures: number;
  windowMinutes: number;
}

/** The end of a throttled answer's message, from its Retry-After. */
export function waitThenTryAgain(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
}

/** A client (one address) may try several accounts, so it gets a larger allowance than one account does. */
const CLIENT_ALLOWANCE_FACTOR = 4;
const DAY_MS = 86_400_000;

export type Reservation =
  { ok: true; id: string; email: string; attemptedAt: string } | { ok: false; retryAfterSeconds: number };

/**
 * Seconds until a key has room again: 0 while it has used fewer than `allowance` of the window, else
 * until the entry that used the allowance up ages out. `times` are the key's entries in the window,
 * oldest first. Every throttle (sign-in, password reset) answers its Retry-After from this.
 */
export function secondsUntilRoom(
  times: readonly string[],
  allowance: number,
  windowMinutes: number,
  now: Date,
): number {
  if (times.length < allowance) return 0;
  const freesAt = new Date(times[times.length - allowance]).getTime() + windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}

/**
 * Makes transactions that name the same throttle keys run one after another, in every process:
 * call it first in the transaction that counts and records. The write comes first, so SQLite takes
 * its write lock at once (no read-then-write upgrade to fail) and PostgreSQL holds these row locks
 * until commit. Sorted, so two transactions never wait on each other in a cycle.
 */
export async function takeTurnsOn(trx: Transaction<Database>, keys: string[], now: string): Promise<void> {
  for (const key of [...keys].sort()) {
    await trx
      .insertInto("sign_in_throttle")
      .values({ key, touched_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ touched_at: now }))
      .execute();
  }
}

/**
 * Sign-in throttling by account and by client over a sliding window. Failures age out, so an
 * attacker can slow a user's sign-in for minutes but never lock the account for good.
 *
 * An attempt is reserved before its password is checked: the check of the window and the
 * reservation happen in one transaction that first writes the key rows of the account and the
 * client, so concurrent attempts for either key take turns however many processes send them.
 * A reserved attempt counts as a failure until it is settled.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  { email, client }: { email: string; client: string },
  settings: ThrottleSettings,
  now = new Date(),
): Promise<Reservation> {
  const attemptedAt = now.toISOString();
  const since = new Date(now.getTime() - settings.windowMinutes * 60_000).toISOString();
  return db.transaction().execute(async (trx) => {
    await takeTurnsOn(trx, [`client:${client}`, `email:${email}`], attemptedAt);
    const byEmail = await failuresSince(trx, "email", email, since);
    const byClient = await failuresSince(trx, "client", client, since);
    const retryAfterSeconds =
      secondsUntilRoom(byEmail, settings.maxFailures, settings.windowMinutes, now) ||
      secondsUntilRoom(byClient, settings.maxFailures * CLIENT_ALLOWANCE_FACTOR, settings.windowMinutes, now);
    if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };
    const id = newId();
    await trx
      .insertInto("sign_in_attempt")
      .values({ id, email, client, succeeded: 0, attempted_at: attemptedAt, settled_at: null })
      .execute();
    return { ok: true, id, email, attemptedAt };
  });
}

/** Times of the key's failures (settled or still being checked) within the window, oldest first. */
async function failuresSince(
  trx: Transaction<Database>,
  column: "email" | "client",
  value: string,
  since: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom("sign_in_attempt")
    .select("attempted_at")
    .where(column, "=", value)
    .where("succeeded", "=", 0)
    .where("attempted_at", ">", since)
    .orderBy("attempted_at", "asc")
    .execute();
  return rows.map((r) => r.attempted_at);
}

/**
 * Records the outcome of a reserved attempt. A failure simply stays counted. A success stops its own
 * attempt counting and clears the account's failures that were settled before it was reserved, so an
 * earlier typo does not count against the user later; attempts still being checked alongside it stay
 * counted, so a burst cannot clear its own way.
 */
export async function settleAttempt(
  db: Kysely<Database>,
  reservation: { id: string; email: string; attemptedAt: string },
  succeeded: boolean,
  now = new Date(),
): Promise<void> {
  const settledAt = now.toISOString();
  if (!succeeded) {
    await db.updateTable("sign_in_attempt").set({ settled_at: settledAt }).where("id", "=", reservation.id).execute();
    // Attempts and keys older than a day can never throttle anyone again.
    const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
    await db.deleteFrom("sign_in_attempt").where("attempted_at", "<", dayAgo).execute();
    await db.deleteFrom("sign_in_throttle").where("touched_at", "<", dayAgo).execute();
    return;
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("sign_in_attempt")
      .set({ succeeded: 1, settled_at: settledAt })
      .where("id", "=", reservation.id)
      .execute();
    await trx
      .deleteFrom("sign_in_attempt")
      .where("email", "=", reservation.email)
      .where("succeeded", "=", 0)
      .where("settled_at", "is not", null)
      .where("settled_at", "<", reservation.attemptedAt)
      .execute();
  });
}
