import type { Kysely } from "kysely";

/**
 * One counter per kind of kept data. A write that makes kept answers stale bumps its row in the
 * same transaction; every server process compares the row with the version its answers were kept
 * under, so a change made through one process is seen by all of them at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("data_version")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto("data_version").values({ name: "learning_library", version: 0 }).execute();
  // An engagement's learning, newest first, for its page: without it SQLite walks every shared entry
  // in the library by date (the visibility index serves the order) to find an engagement's few.
  await db.schema
    .createIndex("learning_entry_engagement_page_idx")
    .on("learning_entry")
    .columns(["engagement_id", "visibility", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("learning_entry_engagement_page_idx").execute();
  await db.schema.dropTable("data_version").execute();
}
