import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Sessions, and the attempts the sign-in and reset throttles record (a refused wrong password must
 * still count), change by design; every other table must not change when a request is refused.
 */
const IGNORED = new Set(["auth_session", "sign_in_attempt", "sign_in_throttle", "password_reset_request"]);

/** Row count and a hash of every table's rows, in a stable order: equal digests mean nothing was written. */
export async function databaseDigest(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !IGNORED.has(name) && !name.startsWith("kysely_") && !name.includes("_fts"));
  const digest: Record<string, string> = {};
  for (const table of tables.sort()) {
    const rows = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table)
      .selectAll()
      .execute();
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort();
    digest[table] = `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return digest;
}
