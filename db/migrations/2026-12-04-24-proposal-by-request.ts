import type { Kysely } from "kysely";

// "Has any round proposed this request since?" is asked per request by the coordinators' tasks and
// the pair rules; without this index each asking read every proposal of every round.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("match_proposal_request_idx")
    .on("match_proposal")
    .columns(["request_id", "round_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("match_proposal_request_idx").execute();
}
