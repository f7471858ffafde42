import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sha256Hex } from "../../auth/hash.server";
import { decodeKey, encodeKey, keyUri, matchingStep, newTotpKey } from "../../auth/two-factor/totp.server";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";
import { recordAuditEvent } from "../audit/record.server";

/** Where a request came from, for the audit log; "unknown" or nothing when the server could not tell. */
export interface From {
  client?: string | null;
}
const addressOf = ({ client }: From) => (client && client !== "unknown" ? client : null);

export const RECOVERY_CODE_COUNT = 10;

export async function hasTwoFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom("user_totp").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst();
  return Boolean(row?.confirmed_at);
}

/**
 * The key being set up for the account: kept on the server between showing the QR code and the
 * first code, so the browser never carries it back. A confirmed key is never replaced this way.
 */
export async function pendingEnrolment(
  db: Kysely<Database>,
  userId: string,
  email: string,
): Promise<{ key: Uint8Array; uri: string } | null> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("user_totp").selectAll().where("user_id", "=", userId).executeTakeFirst();
    if (existing?.confirmed_at) return null;
    let secret = existing?.secret;
    if (!secret) {
      secret = encodeKey(newTotpKey());
      await trx
        .insertInto("user_totp")
        .values({ user_id: userId, secret, created_at: nowIso(), confirmed_at: null, last_used_step: null })
        .execute();
    }
    const key = decodeKey(secret);
    return { key, uri: keyUri(email, key) };
  });
}

const newRecoveryCode = () => {
  const text = randomBytes(8).toString("hex");
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8, 12)}-${text.slice(12)}`;
};
/** Spaces, dashes and case are forgiven when a code is typed back. */
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^0-9a-f]/g, "");

/**
 * Confirms the pending key with a first code and issues fresh recovery codes, all in one
 * transaction. Returns the codes (shown once, stored as hashes) or null when the code is wrong.
 */
export async function confirmEnrolment(
  db: Kysely<Database>,
  userId: string,
  code: string,
  now = new Date(),
  from: From = {},
): Promise<string[] | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("user_totp")
      .selectAll()
      .where("user_id", "=", userId)
      .where("confirmed_at", "is", null)
      .executeTakeFirst();
    if (!row) return null;
    const step = matchingStep(decodeKey(row.secret), code.trim(), now);
    if (step === null) return null;
    const confirmed = await trx
      .updateTable("user_totp")
      .set({ confirmed_at: now.toISOString(), last_used_step: step })
      .where("user_id", "=", userId)
      .where("confirmed_at", "is", null)
      .executeTakeFirst();
    if (Number(confirmed.numUpdatedRows) !== 1) return null;
    await recordAuditEvent(trx, {
      kind: "mfa_enrolled",
      actorId: userId,
      subjectUserId: userId,
      clientAddress: addressOf(from),
      detail: `authenticator app, with ${RECOVERY_CODE_COUNT} new recovery codes`,
    });
    return replaceRecoveryCodes(trx, userId, now);
  });
}

async function replaceRecoveryCodes(db: Kysely<Database>, userId: string, now: Date): Promise<string[]> {
  await db.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db
    .insertInto("recovery_code")
    .values(
      codes.map((code) => ({
        id: newId(),
        user_id: userId,
        code_hash: sha256Hex(normaliseRecoveryCode(code)),
        created_at: now.toISOString(),
        used_at: null,
      })),
    )
    .execute();
  return codes;
}

export type SecondFactorCheck = "accepted" | "reused" | "invalid";

/**
 * Checks an authenticator code or a recovery code. A code is accepted once: the guarded update on
 * last_used_step refuses a code from a step already used, even when two submissions race.
 */
export async function checkSecondFactor(
  db: Kysely<Database>,
  userId: string,
  input: string,
  now = new Date(),
): Promise<SecondFactorCheck> {
  const code = input.replace(/\s+/g, "");
  const row = await db
    .selectFrom("user_totp")
    .selectAll()
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  if (!row) return "invalid";
  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(decodeKey(row.secret), code, now);
    if (step === null) return "invalid";
    const used = await db
      .updateTable("user_totp")
      .set({ last_used_step: step })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? "accepted" : "reused";
  }
  const hash = sha256Hex(normaliseRecoveryCode(code));
  const spent = await db
    .updateTable("recovery_code")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1 ? "accepted" : "invalid";
}

export async function unusedRecoveryCodes(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_code")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Turns two-factor sign-in off for the account: its key and recovery codes go together. */
export async function removeTwoFactor(db: Kysely<Database>, userId: string, from: From = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
    await trx.deleteFrom("user_totp").where("user_id", "=", userId).execute();
    await recordAuditEvent(trx, {
      kind: "mfa_reset",
      actorId: userId,
      subjectUserId: userId,
      clientAddress: addressOf(from),
      detail: "turned off by the account's owner",
    });
  });
}
