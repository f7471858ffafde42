import type { Kysely } from "kysely";

/**
 * Two-factor sign-in and sign-in through the NHS identity provider.
 *
 * - user_totp: one authenticator key per account; confirmed_at stays empty until a first code proves
 *   the person holds it. last_used_step refuses a code from a time step already used.
 * - recovery_code: single-use codes, stored as hashes only.
 * - sign_in_challenge: the half-signed-in state between password and code; no session exists yet.
 * - oidc_authorisation: state, nonce and PKCE verifier of a sign-in on its way to the provider.
 * - oidc_identity: which provider subject is which account, so later sign-ins match by subject.
 * - oidc_session: the ID token behind a session, to end the provider's session at sign-out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("app_user.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_used_step", "bigint")
    .execute();
  await db.schema
    .createTable("recovery_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_code_user_idx").on("recovery_code").columns(["user_id", "code_hash"]).execute();
  await db.schema
    .createTable("sign_in_challenge")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    // verify (has a key) or enrol (must set one up first)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("oidc_authorisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("oidc_identity")
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("oidc_identity_pk", ["issuer", "subject"])
    .execute();
  await db.schema
    .createTable("oidc_session")
    .addColumn("session_id", "text", (c) => c.primaryKey().references("auth_session.id").onDelete("cascade"))
    .addColumn("id_token", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "oidc_session",
    "oidc_identity",
    "oidc_authorisation",
    "sign_in_challenge",
    "recovery_code",
    "user_totp",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
