import type { Kysely } from "kysely";

// A round page joins each of its proposals to the match made from it; without this index every
// proposal read every match (about 1 s for an 839-request round at scale, most of the page).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("outreach_match_proposal_idx").on("outreach_match").column("proposal_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outreach_match_proposal_idx").execute();
}
