import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Auth } from "../../auth/lucia.server";
import { reserveAttempt, settleAttempt, type ThrottleSettings } from "../../auth/throttle.server";
import { endChallenge, type Challenge } from "./sign-in-challenge.server";
import { startSession } from "./sign-in.server";
import { checkSecondFactor, confirmEnrolment } from "./two-factor.server";

export type CodeStepResult =
  | { ok: true; cookie: string; recoveryCodes?: string[] }
  | { ok: false; reason: "invalid" | "reused" | "expired" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * The code step of a password sign-in: throttled like passwords (per account and per client), and
 * the challenge is used up by the one request that turns it into a session.
 */
export async function completeCodeStep(
  db: Kysely<Database>,
  auth: Auth,
  { token, challenge, code, client }: { token: string; challenge: Challenge; code: string; client: string },
  throttle: ThrottleSettings,
): Promise<CodeStepResult> {
  const reservation = await reserveAttempt(db, { email: `second-factor:${challenge.userId}`, client }, throttle);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  let recoveryCodes: string[] | undefined;
  if (challenge.kind === "enrol") {
    recoveryCodes = (await confirmEnrolment(db, challenge.userId, code)) ?? undefined;
    if (!recoveryCodes) {
      await settleAttempt(db, reservation, false);
      return { ok: false, reason: "invalid" };
    }
  } else {
    const check = await checkSecondFactor(db, challenge.userId, code);
    if (check !== "accepted") {
      await settleAttempt(db, reservation, false);
      return { ok: false, reason: check };
    }
  }
  await settleAttempt(db, reservation, true);
  if (!(await endChallenge(db, token))) return { ok: false, reason: "expired" };
  const { cookie } = await startSession(auth, challenge.userId);
  return { ok: true, cookie, recoveryCodes };
}
