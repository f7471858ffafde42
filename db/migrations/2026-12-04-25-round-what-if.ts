import type { Kysely } from "kysely";

// A round keeps, for each request it left unmatched, the smallest change of the request's own that
// would have matched it: worked out once when the round runs, read by the round and request pages.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("match_proposal").addColumn("what_if_json", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("match_proposal").dropColumn("what_if_json").execute();
}
