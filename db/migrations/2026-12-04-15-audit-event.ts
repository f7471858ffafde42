import { PostgresAdapter, sql, type Kysely } from "kysely";

/**
 * The audit log: security and administrative events, appended and never changed. Rows name people
 * by id only, so erasing a person leaves no name or email here; the page joins names at read time.
 * A trigger refuses any update or delete, whatever code runs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // Who acted: empty for the service itself or someone not signed in.
    .addColumn("actor_id", "text")
    // Whose account the event is about, and which organisation it concerns.
    .addColumn("subject_user_id", "text")
    .addColumn("organisation_id", "text")
    // Where from: the client address the server saw.
    .addColumn("client_address", "text")
    // What, in words without personal data ("role member → coordinator", "wrong password").
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_event_time_idx").on("audit_event").columns(["occurred_at", "id"]).execute();
  await db.schema.createIndex("audit_event_kind_idx").on("audit_event").columns(["kind", "occurred_at"]).execute();
  await db.schema.createIndex("audit_event_actor_idx").on("audit_event").columns(["actor_id", "occurred_at"]).execute();
  await db.schema
    .createIndex("audit_event_subject_idx")
    .on("audit_event")
    .columns(["subject_user_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("audit_event_organisation_idx")
    .on("audit_event")
    .columns(["organisation_id", "occurred_at"])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit events are append-only'; end $$`.execute(db);
    await sql`create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_append_only()`.execute(db);
  } else {
    for (const operation of ["update", "delete"]) {
      await sql
        .raw(
          `create trigger audit_event_no_${operation} before ${operation} on audit_event
           begin select raise(abort, 'audit events are append-only'); end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_event").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`drop function audit_event_append_only()`.execute(db);
}
