import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { newId } from "../lib/ids";

export interface ThrottleSettings {
  maxFailures: number;
  windowMinutes: number;
}

/**
 * Sign-in throttling by account and by client over a sliding window. Failures age out, so an
 * attacker can slow a user's sign-in for minutes but never lock the account for good.
 */
export async function isThrottled(
  db: Kysely<Database>,
  { email, client }: { email: string; client: string },
  settings: ThrottleSettings,
  now = new Date(),
): Promise<{ throttled: boolean; retryAfterSeconds: number }> {
  const since = new Date(now.getTime() - settings.windowMinutes * 60_000).toISOString();
  const [byEmail, byClient] = await Promise.all(
    (["email", "client"] as const).map((column) =>
      db
        .selectFrom("sign_in_attempt")
        .select(["attempted_at"])
        .where(column, "=", column === "email" ? email : client)
        .where("succeeded", "=", 0)
        .where("attempted_at", ">", since)
        .orderBy("attempted_at", "asc")
        .execute(),
    ),
  );
  // A client (one address) may try several accounts, so it gets a larger allowance.
  const overEmail = byEmail.length >= settings.maxFailures;
  const overClient = byClient.length >= settings.maxFailures * 4;
  if (!overEmail && !overClient) return { throttled: false, retryAfterSeconds: 0 };
  const oldest = overEmail ? byEmail[byEmail.length - settings.maxFailures] : byClient[byClient.length - settings.maxFailures * 4];
  const freesAt = new Date(oldest.attempted_at).getTime() + settings.windowMinutes * 60_000;
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)) };
}

export async function recordAttempt(
  db: Kysely<Database>,
  { email, client, succeeded }: { email: string; client: string; succeeded: boolean },
  now = new Date(),
): Promise<void> {
  if (succeeded) {
    // A successful sign-in clears the account's failures, so one earlier typo does not count against the user later.
    await db.deleteFrom("sign_in_attempt").where("email", "=", email).execute();
    return;
  }
  await db
    .insertInto("sign_in_attempt")
    .values({ id: newId(), email, client, succeeded: 0, attempted_at: now.toISOString() })
    .execute();
  // Failures older than a day can never throttle anyone again.
  await db.deleteFrom("sign_in_attempt").where("attempted_at", "<", new Date(now.getTime() - 86_400_000).toISOString()).execute();
}
