import type { Kysely } from "kysely";

// Migrations are frozen in time: they take Kysely<any> and never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("region")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("ons_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("icb")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull().references("region.code"))
    .addColumn("list_version", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ods_code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().defaultTo("other"))
    .addColumn("is_foundation_trust", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("region_code", "text", (c) => c.references("region.code"))
    .addColumn("icb_code", "text", (c) => c.references("icb.code"))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postcode", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("opened_on", "text")
    .addColumn("closed_on", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("seeks_help", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("offers_outreach", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisation_region_idx").on("organisation").column("region_code").execute();
  await db.schema.createIndex("organisation_icb_idx").on("organisation").column("icb_code").execute();

  await db.schema
    .createTable("coordinating_body")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("scope_code", "text")
    .execute();

  await db.schema
    .createTable("app_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.references("organisation.id"))
    .addColumn("coordinating_body_id", "text", (c) => c.references("coordinating_body.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .execute();

  await db.schema
    .createTable("auth_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_session_user_idx").on("auth_session").column("user_id").execute();

  await db.schema
    .createTable("sign_in_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_attempt_email_idx")
    .on("sign_in_attempt")
    .columns(["email", "attempted_at"])
    .execute();
  await db.schema
    .createIndex("sign_in_attempt_client_idx")
    .on("sign_in_attempt")
    .columns(["client", "attempted_at"])
    .execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.references("organisation.id"))
    .addColumn("coordinating_body_id", "text", (c) => c.references("coordinating_body.id"))
    .addColumn("invited_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "outbox",
    "invitation",
    "sign_in_attempt",
    "auth_session",
    "app_user",
    "coordinating_body",
    "organisation",
    "icb",
    "region",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
