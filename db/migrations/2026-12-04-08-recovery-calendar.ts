import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A password reset link: only the SHA-256 of its token is kept, and it works once, for an hour.
  await db.schema
    .createTable("password_reset")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("password_reset_user_idx").on("password_reset").column("user_id").execute();

  // Every reset request, known account or not, so throttling cannot tell the two apart.
  await db.schema
    .createTable("password_reset_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("password_reset_request_email_idx")
    .on("password_reset_request")
    .columns(["email", "requested_at"])
    .execute();
  await db.schema
    .createIndex("password_reset_request_client_idx")
    .on("password_reset_request")
    .columns(["client", "requested_at"])
    .execute();

  // A calendar invitation travels with its mail; the transport attaches it.
  await db.schema.alterTable("outbox").addColumn("calendar_method", "text").execute();
  await db.schema.alterTable("outbox").addColumn("calendar_ics", "text").execute();

  // RFC 5545 SEQUENCE: raised at every change sent to attendees' calendars.
  await db.schema
    .alterTable("outreach_session")
    .addColumn("calendar_sequence", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // Each trust's lead contact for an engagement.
  await db.schema
    .createTable("engagement_contact")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("engagement_contact_pk", ["engagement_id", "organisation_id"])
    .execute();

  // The people each trust sends to the engagement's sessions, who get the calendar invitations.
  await db.schema
    .createTable("engagement_attendee")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addPrimaryKeyConstraint("engagement_attendee_pk", ["engagement_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("engagement_attendee").execute();
  await db.schema.dropTable("engagement_contact").execute();
  await db.schema.alterTable("outreach_session").dropColumn("calendar_sequence").execute();
  await db.schema.alterTable("outbox").dropColumn("calendar_ics").execute();
  await db.schema.alterTable("outbox").dropColumn("calendar_method").execute();
  await db.schema.dropTable("password_reset_request").execute();
  await db.schema.dropTable("password_reset").execute();
}
