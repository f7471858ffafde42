import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { createAuth } from "~/auth/lucia.server";
import { startSession } from "~/models/account/sign-in.server";

/**
 * A session for the account with this email, written straight to the server's database, as a
 * person who has already signed in would have. For tests whose subject is not signing in: they
 * must not depend on the sign-in throttle, which other posts of theirs may use up.
 */
export async function sessionCookieFor(db: Kysely<Database>, email: string): Promise<string> {
  const user = await db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const auth = createAuth(db, { idleMinutes: 30, absoluteHours: 12, production: false });
  const { cookie } = await startSession(auth, user.id);
  return cookie.split(";")[0]!;
}
