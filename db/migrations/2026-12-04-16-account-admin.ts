import type { Kysely } from "kysely";

/**
 * Account administration and a person's own sessions.
 *
 * - app_user.last_sign_in_at: when the account last signed in, for administrators.
 * - auth_session.device: the browser and system a session was started from ("Firefox on Windows"),
 *   read from the User-Agent once at sign-in; the header itself is never stored.
 * - invitation.withdrawn_at: an invitation taken back before it was used; its link no longer works.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("app_user").addColumn("last_sign_in_at", "text").execute();
  await db.schema.alterTable("auth_session").addColumn("device", "text").execute();
  await db.schema.alterTable("invitation").addColumn("withdrawn_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invitation").dropColumn("withdrawn_at").execute();
  await db.schema.alterTable("auth_session").dropColumn("device").execute();
  await db.schema.alterTable("app_user").dropColumn("last_sign_in_at").execute();
}
