import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../../db/schema";
import { newSecretToken, sha256Hex } from "../../auth/hash.server";

/** Long enough to open an authenticator app or set one up; short enough that a left-open tab is no risk. */
const CHALLENGE_MINUTES = 10;

export type ChallengeKind = "verify" | "enrol";

/**
 * The half-signed-in state between the password and the code. It is not a session: no page that
 * needs a signed-in user can be reached with it, only the code (or set-up) step. Only the hash of
 * the browser's token is stored.
 */
export async function createChallenge(
  db: Kysely<Database>,
  { userId, kind, redirectTo }: { userId: string; kind: ChallengeKind; redirectTo: string },
  now = new Date(),
): Promise<string> {
  const token = newSecretToken();
  await db.deleteFrom("sign_in_challenge").where("expires_at", "<=", now.toISOString()).execute();
  await db
    .insertInto("sign_in_challenge")
    .values({
      id: sha256Hex(token),
      user_id: userId,
      kind,
      redirect_to: redirectTo,
      expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
    })
    .execute();
  return token;
}

export interface Challenge {
  userId: string;
  email: string;
  role: UserRole;
  kind: ChallengeKind;
  redirectTo: string;
}

export async function findChallenge(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<Challenge | undefined> {
  if (!token) return undefined;
  const row = await db
    .selectFrom("sign_in_challenge")
    .innerJoin("app_user", "app_user.id", "sign_in_challenge.user_id")
    .select([
      "sign_in_challenge.user_id",
      "sign_in_challenge.kind",
      "sign_in_challenge.redirect_to",
      "app_user.email",
      "app_user.role",
    ])
    .where("sign_in_challenge.id", "=", sha256Hex(token))
    .where("sign_in_challenge.expires_at", ">", now.toISOString())
    .where("app_user.disabled_at", "is", null)
    .executeTakeFirst();
  return row && { userId: row.user_id, email: row.email, role: row.role, kind: row.kind, redirectTo: row.redirect_to };
}

/** Used up: a challenge turns into one session at most. Returns whether this call was the one that ended it. */
export async function endChallenge(db: Kysely<Database>, token: string): Promise<boolean> {
  const result = await db.deleteFrom("sign_in_challenge").where("id", "=", sha256Hex(token)).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
