import type { Kysely } from "kysely";

// A request filed from an offer ("Ask for this offer") names that offer as the one it would prefer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("help_request")
    .addColumn("preferred_offer_id", "text", (c) => c.references("offer.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("help_request").dropColumn("preferred_offer_id").execute();
}
