import type { Kysely } from "kysely";

/**
 * A pioneer organisation may say it is interested in helping with an open request (one mark per
 * organisation and request), and a coordinator may flag an organisation as a priority for support
 * (for example the Recovery Support Programme) with a short reason: null means not flagged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("request_interest")
    .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("marked_by", "text", (c) => c.notNull())
    .addColumn("marked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("request_interest_pk", ["request_id", "organisation_id"])
    .execute();
  await db.schema.alterTable("organisation").addColumn("support_priority", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation").dropColumn("support_priority").execute();
  await db.schema.dropTable("request_interest").execute();
}
