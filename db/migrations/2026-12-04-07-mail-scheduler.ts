import type { Kysely } from "kysely";

/**
 * Delivery state on the outbox (a claim so one process sends each message, retries and the reason
 * for a failure), the scheduler's jobs with their leases, reminders already sent, and each person's
 * choice of how each kind of message reaches them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite adds columns one at a time.
  const outboxColumns: [string, "text" | "integer"][] = [
    ["claimed_by", "text"],
    ["claimed_until", "text"],
    ["next_attempt_at", "text"],
    ["last_error", "text"],
    ["failed_at", "text"],
  ];
  for (const [name, type] of outboxColumns) await db.schema.alterTable("outbox").addColumn(name, type).execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("outbox_undelivered")
    .on("outbox")
    .columns(["sent_at", "failed_at", "next_attempt_at"])
    .execute();

  // Set when a person's notification waits for their daily digest; cleared when the digest is queued.
  await db.schema
    .alterTable("notification")
    .addColumn("digest_pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("notification_digest_pending")
    .on("notification")
    .columns(["digest_pending", "user_id"])
    .execute();

  await db.schema
    .createTable("job")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_started_at", "text")
    .addColumn("last_finished_at", "text")
    .addColumn("last_error", "text")
    .addColumn("runs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("reminder_sent")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reminder_sent_pk", ["kind", "subject_id", "recipient"])
    .execute();

  await db.schema
    .createTable("mail_preference")
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mail_preference_pk", ["user_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["mail_preference", "reminder_sent", "job"]) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex("notification_digest_pending").execute();
  await db.schema.alterTable("notification").dropColumn("digest_pending").execute();
  await db.schema.dropIndex("outbox_undelivered").execute();
  for (const name of ["attempts", "failed_at", "last_error", "next_attempt_at", "claimed_until", "claimed_by"])
    await db.schema.alterTable("outbox").dropColumn(name).execute();
}
