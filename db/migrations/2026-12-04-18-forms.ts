import type { Kysely } from "kysely";

/**
 * An offer that charges says how much (in pence, the same integer on both databases), and an
 * organisation may keep one unfinished self-assessment as a draft. The draft lives apart from
 * `assessment` so that nothing which counts assessments (dashboards, matching, comparisons) sees it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("offer").addColumn("fee_pence", "integer").execute();
  await db.schema
    .createTable("assessment_draft")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    // The form as it was left: field name to value, as JSON text.
    .addColumn("values_json", "text", (c) => c.notNull())
    .addColumn("saved_by", "text", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("assessment_draft").execute();
  await db.schema.alterTable("offer").dropColumn("fee_pence").execute();
}
