import type { Kysely } from "kysely";

// Where one more place would help is worked out once, when the round runs, and kept with it: the
// round page read it afresh on every view, solving the round up to six times per page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("match_round").addColumn("places_json", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("match_round").dropColumn("places_json").execute();
}
