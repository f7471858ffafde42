import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Auth } from "../../auth/lucia.server";
import type { ThrottleSettings } from "../../auth/throttle.server";
import { withCodeThrottle } from "./code-throttle.server";
import { endChallenge, type Challenge } from "./sign-in-challenge.server";
import { recordSignedIn, recordSignInFailed, startSession } from "./sign-in.server";
import { checkSecondFactor, confirmEnrolment, type SecondFactorCheck } from "./two-factor.server";

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
  {
    token,
    challenge,
    code,
    client,
    userAgent,
  }: { token: string; challenge: Challenge; code: string; client: string; userAgent?: string | null },
  throttle: ThrottleSettings,
): Promise<CodeStepResult> {
  const checked = await withCodeThrottle<{ check: SecondFactorCheck; recoveryCodes?: string[] }>(
    db,
    { userId: challenge.userId, client },
    throttle,
    async () => {
      if (challenge.kind === "enrol") {
        const recoveryCodes = (await confirmEnrolment(db, challenge.userId, code, new Date(), { client })) ?? undefined;
        return {
          accepted: !!recoveryCodes,
          result: { check: recoveryCodes ? "accepted" : "invalid", recoveryCodes },
        };
      }
      const check = await checkSecondFactor(db, challenge.userId, code);
      return { accepted: check === "accepted", result: { check, recoveryCodes: undefined } };
    },
  );
  const userId = challenge.userId;
  if (checked.throttled) {
    await recordSignInFailed(db, { userId, client, reason: "too many attempts at the two-factor code" });
    return { ok: false, reason: "throttled", retryAfterSeconds: checked.retryAfterSeconds };
  }
  const { check, recoveryCodes } = checked.result;
  if (check !== "accepted") {
    const reason = check === "reused" ? "two-factor code already used" : "wrong two-factor code";
    await recordSignInFailed(db, { userId, client, reason });
    return { ok: false, reason: check };
  }
  if (!(await endChallenge(db, token))) return { ok: false, reason: "expired" };
  const { cookie } = await startSession(auth, userId, userAgent);
  await recordSignedIn(db, { userId, client, how: "with a password and a two-factor code" });
  return { ok: true, cookie, recoveryCodes };
}
