import type { Kysely } from "kysely";

// A pioneer trust's improvement team has only so much time: at most this many engagements a
// quarter across all its offers, as well as each offer's own capacity. Null: no shared limit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation").addColumn("shared_capacity_per_quarter", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation").dropColumn("shared_capacity_per_quarter").execute();
}
