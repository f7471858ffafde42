import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, DataVersionTable } from "../../db/schema";

type DataName = DataVersionTable["name"];

/** Call inside the write's own transaction, so the change and its announcement commit together. */
export async function bumpDataVersion(trx: Transaction<Database> | Kysely<Database>, name: DataName): Promise<void> {
  await trx
    .updateTable("data_version")
    .set({ version: sql`version + 1` })
    .where("name", "=", name)
    .execute();
}

/** The current version: one primary-key read, cheap enough to make before every kept answer is used. */
export async function readDataVersion(db: Kysely<Database>, name: DataName): Promise<number> {
  const row = await db.selectFrom("data_version").select("version").where("name", "=", name).executeTakeFirst();
  return Number(row?.version ?? 0);
}
