import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { newSecretToken, sha256Hex } from "../../auth/hash.server";
import { hashPassword } from "../../auth/password.server";
import { secondsUntilRoom, takeTurnsOn } from "../../auth/throttle.server";
import { newId } from "../../lib/ids";
import { addMinutes } from "date-fns";
import { queueMail } from "../notification/outbox.server";
import { storeNewPassword } from "./new-password.server";
import { normaliseEmail } from "./users.server";

export const RESET_LINK_MINUTES = 60;

export interface ResetThrottle {
  perEmail: number;
  perClient: number;
  windowMinutes: number;
}

/** A few tries an hour for one address; a client (perhaps a shared NHS gateway) gets more. */
export const DEFAULT_RESET_THROTTLE: ResetThrottle = { perEmail: 3, perClient: 20, windowMinutes: 60 };

export type ResetRequestResult =
  | {
      ok: true;
      /**
       * Storing and mailing the link for a known address. It starts after the caller has had its
       * answer, so the answer takes the same time whether or not the address has an account.
       */
      delivery: Promise<void>;
    }
  | { ok: false; retryAfterSeconds: number };

/** Seconds until the address and the client may both ask again, or 0 if they may now. */
async function resetThrottle(
  db: Kysely<Database>,
  email: string,
  client: string,
  limits: ResetThrottle,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
  const requestedSince = async (column: "email" | "client", value: string) => {
    const rows = await db
      .selectFrom("password_reset_request")
      .select("requested_at")
      .where(column, "=", value)
      .where("requested_at", ">", since)
      .orderBy("requested_at", "asc")
      .execute();
    return rows.map((r) => r.requested_at);
  };
  const [byEmail, byClient] = await Promise.all([requestedSince("email", email), requestedSince("client", client)]);
  return Math.max(
    secondsUntilRoom(byEmail, limits.perEmail, limits.windowMinutes, now),
    secondsUntilRoom(byClient, limits.perClient, limits.windowMinutes, now),
  );
}

/**
 * Queues a reset link if the address has an active account. Known and unknown addresses take the
 * same path up to the answer (throttle, a token, a recorded request, a lookup), so neither the
 * answer nor its timing tells them apart; only a known one then gets a link stored and mailed.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  input: { email: string; client: string; baseUrl: string; now?: Date },
  limits: ResetThrottle = DEFAULT_RESET_THROTTLE,
): Promise<ResetRequestResult> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  // Counted and recorded in one transaction that first takes its turn on the address and the client,
  // so a burst of requests, from any number of processes, is counted one after another.
  const retryAfterSeconds = await db.transaction().execute(async (trx) => {
    await takeTurnsOn(trx, [`reset-email:${email}`, `reset-client:${input.client}`], now.toISOString());
    const wait = await resetThrottle(trx, email, input.client, limits, now);
    if (wait > 0) return wait;
    // The same work for every address: record the request and look the address up.
    await trx
      .insertInto("password_reset_request")
      .values({ id: newId(), email, client: input.client, requested_at: now.toISOString() })
      .execute();
    return 0;
  });
  if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };

  const token = newSecretToken();
  const tokenHash = sha256Hex(token);
  const user = await db
    .selectFrom("app_user")
    .select(["id", "name", "email"])
    .where("email", "=", email)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const afterAnswer = new Promise<void>((resolve) => setImmediate(resolve));
  const delivery = afterAnswer.then(async () => {
    // Requests older than a day can never throttle anyone again.
    await db
      .deleteFrom("password_reset_request")
      .where("requested_at", "<", new Date(now.getTime() - 86_400_000).toISOString())
      .execute();
    if (!user) return;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("password_reset")
        .values({
          id: newId(),
          token_hash: tokenHash,
          user_id: user.id,
          created_at: now.toISOString(),
          expires_at: addMinutes(now, RESET_LINK_MINUTES).toISOString(),
          used_at: null,
        })
        .execute();
      const link = `${input.baseUrl.replace(/\/$/, "")}/reset-password/${token}`;
      await queueMail(trx, {
        to: user.email,
        subject: "Reset your Peerlink password",
        body: `Hello ${user.name},\n\nSomeone, hopefully you, asked to reset your Peerlink password.\n\nChoose a new password here within ${RESET_LINK_MINUTES} minutes: ${link}\n\nThe link works once. If you did not ask, you can ignore this email: your password has not changed.`,
        why: "You received this because someone asked to reset the password of the Peerlink account with this email address.",
        choosable: false,
      });
    });
  });
  return { ok: true, delivery };
}

export type ResetLinkState =
  | { state: "usable"; email: string }
  | { state: "used" }
  | { state: "expired"; expiredAt: string }
  | { state: "unknown" };

/** What a reset link can do now, so a dead link can say why. */
export async function resetLinkState(db: Kysely<Database>, token: string, now = new Date()): Promise<ResetLinkState> {
  const row = await db
    .selectFrom("password_reset")
    .innerJoin("app_user", "app_user.id", "password_reset.user_id")
    .select(["password_reset.used_at", "password_reset.expires_at", "app_user.email", "app_user.disabled_at"])
    .where("password_reset.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.disabled_at) return { state: "unknown" };
  if (row.used_at) return { state: "used" };
  if (row.expires_at <= now.toISOString()) return { state: "expired", expiredAt: row.expires_at };
  return { state: "usable", email: row.email };
}

export type ResetResult =
  { ok: true; email: string } | { ok: false; link: Exclude<ResetLinkState, { state: "usable" }> };

/**
 * Sets the new password, uses up the link (and any other open link of the account), ends every
 * session of the account and tells its owner, all at once. The guarded update makes the link
 * single-use even when two submissions race.
 */
export async function resetPassword(
  db: Kysely<Database>,
  input: { token: string; password: string; now?: Date; clientAddress?: string | null },
): Promise<ResetResult> {
  const now = input.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const claimed = await trx
      .updateTable("password_reset")
      .set({ used_at: at })
      .where("token_hash", "=", sha256Hex(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", at)
      .returning("user_id")
      .executeTakeFirst();
    if (!claimed) return undefined;
    const user = await trx
      .selectFrom("app_user")
      .select(["id", "email", "name"])
      .where("id", "=", claimed.user_id)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!user) return undefined;
    await storeNewPassword(trx, user, passwordHash, { now, clientAddress: input.clientAddress });
    return user.email;
  });
  if (result) return { ok: true, email: result };
  const link = await resetLinkState(db, input.token, now);
  return { ok: false, link: link.state === "usable" ? { state: "unknown" } : link };
}
