import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Auth } from "../../auth/lucia.server";
import { decoyPasswordHash, verifyPassword } from "../../auth/password.server";
import { reserveAttempt, settleAttempt, type ThrottleSettings } from "../../auth/throttle.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

export type SignInResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Reserves the attempt against the throttle, then checks the password, so a burst of attempts gets
 * no more checks than the limit. A fresh session is made at every sign-in so an old id can never be promoted.
 */
export async function signIn(
  db: Kysely<Database>,
  auth: Auth,
  { email, password, client }: { email: string; password: string; client: string },
  throttle: ThrottleSettings,
): Promise<SignInResult> {
  const key = normaliseEmail(email);
  const reservation = await reserveAttempt(db, { email: key, client }, throttle);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };

  const user = await findUserByEmail(db, key);
  // Verify against a decoy when there is no such account so the timing does not tell.
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !valid || user.disabled_at) {
    await settleAttempt(db, reservation, false);
    return { ok: false, reason: "invalid" };
  }
  await settleAttempt(db, reservation, true);
  const session = await auth.lucia.createSession(user.id, { createdAt: "", lastSeenAt: "" });
  return { ok: true, userId: user.id, cookie: auth.sessionCookie(session.id) };
}

export async function signOut(auth: Auth, sessionId: string): Promise<string> {
  await auth.lucia.invalidateSession(sessionId);
  return auth.lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of the user, on every device, including the current one. */
export async function signOutEverywhere(auth: Auth, userId: string): Promise<string> {
  await auth.lucia.invalidateUserSessions(userId);
  return auth.lucia.createBlankSessionCookie().serialize();
}

export async function countSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("auth_session")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", new Date().toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
