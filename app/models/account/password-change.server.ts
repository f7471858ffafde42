import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashPassword, passwordProblem, verifyPassword } from "../../auth/password.server";
import { reserveAttempt, settleAttempt, waitThenTryAgain, type ThrottleSettings } from "../../auth/throttle.server";
import { storeNewPassword } from "./new-password.server";

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; field: "currentPassword" | "newPassword"; message: string }
  | { ok: false; field: "form"; message: string; retryAfterSeconds: number };

/**
 * Changes a signed-in user's password. The current one is asked for, and wrong guesses count
 * like failed sign-ins, so a session left open is not enough to take the account over. Every
 * other session ends; the one making the change stays.
 */
export async function changePassword(
  db: Kysely<Database>,
  input: {
    userId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    client: string;
    now?: Date;
  },
  throttle: ThrottleSettings,
): Promise<PasswordChangeResult> {
  const now = input.now ?? new Date();
  const user = await db
    .selectFrom("app_user")
    .select(["id", "email", "name", "password_hash"])
    .where("id", "=", input.userId)
    .executeTakeFirstOrThrow();
  // Reserved before the check, like a sign-in, so a burst of guesses cannot outrun the count.
  const reservation = await reserveAttempt(db, { email: user.email, client: input.client }, throttle, now);
  if (!reservation.ok) {
    return {
      ok: false,
      field: "form",
      message: `Too many wrong passwords. ${waitThenTryAgain(reservation.retryAfterSeconds)}`,
      retryAfterSeconds: reservation.retryAfterSeconds,
    };
  }
  const currentIsRight = await verifyPassword(user.password_hash, input.currentPassword);
  await settleAttempt(db, reservation, currentIsRight, now);
  if (!currentIsRight) return { ok: false, field: "currentPassword", message: "Your current password is not correct" };
  const problem = passwordProblem(input.newPassword);
  if (problem) return { ok: false, field: "newPassword", message: problem };
  if (input.newPassword === input.currentPassword)
    return {
      ok: false,
      field: "newPassword",
      message: "Choose a new password that is different from your current one",
    };

  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute((trx) =>
    storeNewPassword(trx, user, passwordHash, {
      now,
      keepSessionId: input.sessionId,
      clientAddress: input.client === "unknown" ? null : input.client,
    }),
  );
  return { ok: true };
}
