import { sql, type Kysely } from "kysely";

/**
 * Pioneer status is granted, not declared: a trust asks, with its reasons, and a coordinator
 * responsible for it or an administrator grants or refuses. Each request and its decision is kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pioneer_status_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    // pending, granted or refused
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("app_user.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  // At most one request waits per organisation, however many people press the button at once.
  await db.schema
    .createIndex("pioneer_status_request_one_pending_idx")
    .on("pioneer_status_request")
    .column("organisation_id")
    .unique()
    .where(sql.ref("status"), "=", sql.lit("pending"))
    .execute();
  await db.schema
    .createIndex("pioneer_status_request_organisation_idx")
    .on("pioneer_status_request")
    .columns(["organisation_id", "requested_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pioneer_status_request").execute();
}
