import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { reserveAttempt, settleAttempt, type ThrottleSettings } from "../../auth/throttle.server";

export type Throttled = { throttled: true; retryAfterSeconds: number };

/**
 * Checks an authenticator or recovery code under the sign-in throttle (per account and per
 * client), reserved before the check so a burst cannot outrun the count. Sign-in and the account
 * page count together: either way the same six digits are being guessed.
 */
export async function withCodeThrottle<T>(
  db: Kysely<Database>,
  { userId, client }: { userId: string; client: string },
  throttle: ThrottleSettings,
  check: () => Promise<{ accepted: boolean; result: T }>,
): Promise<Throttled | { throttled: false; result: T }> {
  const reservation = await reserveAttempt(db, { email: `second-factor:${userId}`, client }, throttle);
  if (!reservation.ok) return { throttled: true, retryAfterSeconds: reservation.retryAfterSeconds };
  const { accepted, result } = await check();
  await settleAttempt(db, reservation, accepted);
  return { throttled: false, result };
}
