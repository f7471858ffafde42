import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../../db/schema";
import type { Auth } from "../../auth/lucia.server";
import { decoyPasswordHash, verifyPassword } from "../../auth/password.server";
import { reserveAttempt, settleAttempt, type ThrottleSettings } from "../../auth/throttle.server";
import { deviceName } from "../../domain/device";
import { recordAuditEvent } from "../audit/record.server";
import { createChallenge } from "./sign-in-challenge.server";
import { hasTwoFactor } from "./two-factor.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

export type SignInResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; reason: "invalid" }
  /** The password was right, but a code (or setting one up) comes first; no session exists yet. */
  | { ok: false; reason: "second-factor"; challenge: string; enrol: boolean }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Reserves the attempt against the throttle, then checks the password, so a burst of attempts gets
 * no more checks than the limit. A fresh session is made at every sign-in so an old id can never be promoted.
 */
export async function signIn(
  db: Kysely<Database>,
  auth: Auth,
  {
    email,
    password,
    client,
    userAgent,
  }: { email: string; password: string; client: string; userAgent?: string | null },
  throttle: ThrottleSettings,
  { mfaRequiredRoles = [], redirectTo = "/" }: { mfaRequiredRoles?: readonly UserRole[]; redirectTo?: string } = {},
): Promise<SignInResult> {
  const key = normaliseEmail(email);
  const reservation = await reserveAttempt(db, { email: key, client }, throttle);
  if (!reservation.ok) {
    const known = await findUserByEmail(db, key);
    await recordSignInFailed(db, { userId: known?.id ?? null, client, reason: "too many attempts" });
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  }

  const user = await findUserByEmail(db, key);
  // Verify against a decoy when there is no such account so the timing does not tell.
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !valid || user.disabled_at) {
    await settleAttempt(db, reservation, false);
    // An unknown address is recorded without it: what someone typed may be anyone's, or a password.
    const reason = !user ? "unknown email address" : !valid ? "wrong password" : "account disabled";
    await recordSignInFailed(db, { userId: user?.id ?? null, client, reason });
    return { ok: false, reason: "invalid" };
  }
  await settleAttempt(db, reservation, true);
  const enrolled = await hasTwoFactor(db, user.id);
  if (enrolled || mfaRequiredRoles.includes(user.role)) {
    const challenge = await createChallenge(db, { userId: user.id, kind: enrolled ? "verify" : "enrol", redirectTo });
    return { ok: false, reason: "second-factor", challenge, enrol: !enrolled };
  }
  const { cookie } = await startSession(auth, user.id, userAgent);
  await recordSignedIn(db, { userId: user.id, client, how: "with a password" });
  return { ok: true, userId: user.id, cookie };
}

/** The client address as the audit log keeps it: none when the server could not tell. */
export const auditAddress = (client: string | undefined | null) => (client && client !== "unknown" ? client : null);

export async function recordSignedIn(
  db: Kysely<Database>,
  { userId, client, how }: { userId: string; client: string | null; how: string },
): Promise<void> {
  await recordAuditEvent(db, {
    kind: "sign_in_succeeded",
    actorId: userId,
    subjectUserId: userId,
    clientAddress: auditAddress(client),
    detail: how,
  });
}

/** A refused sign-in, with why in words; the account only when one is known, never the address typed. */
export async function recordSignInFailed(
  db: Kysely<Database>,
  { userId, client, reason }: { userId: string | null; client: string | null; reason: string },
): Promise<void> {
  await recordAuditEvent(db, {
    kind: "sign_in_failed",
    actorId: null,
    subjectUserId: userId,
    clientAddress: auditAddress(client),
    detail: reason,
  });
}

/**
 * A session for a user who has proved who they are, by a second factor or through the identity provider.
 * The User-Agent only names the device; the header itself is not kept.
 */
export async function startSession(
  auth: Auth,
  userId: string,
  userAgent?: string | null,
): Promise<{ sessionId: string; cookie: string }> {
  const session = await auth.lucia.createSession(userId, {
    createdAt: "",
    lastSeenAt: "",
    device: deviceName(userAgent),
  });
  return { sessionId: session.id, cookie: auth.sessionCookie(session.id) };
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
