import { sql, type Kysely } from "kysely";

/**
 * Sign-in attempts are reserved before the password is checked. One row per throttle key
 * (an account or a client address) is written first in each reservation, so its row lock makes
 * every check-and-reserve for that key wait its turn on PostgreSQL as on SQLite. An attempt
 * whose outcome is not known yet has no settled_at, and counts as a failure until it does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("touched_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("sign_in_attempt").addColumn("settled_at", "text").execute();
  await db
    .updateTable("sign_in_attempt")
    .set({ settled_at: sql`attempted_at` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sign_in_attempt").dropColumn("settled_at").execute();
  await db.schema.dropTable("sign_in_throttle").execute();
}
