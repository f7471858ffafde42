import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import fs from "node:fs";
import { SEED_DATA } from "./data-dir";
import type { Database, IcbTable, RegionTable } from "../schema";

function readCsv<T>(file: string): T[] {
  return parse(fs.readFileSync(new URL(file, SEED_DATA)), { columns: true, skip_empty_lines: true, trim: true }) as T[];
}

/**
 * Loads the NHS England regions and integrated care boards from db/seed/data. The files are the
 * source of truth for these lists, so existing rows are updated to match them (boards are renamed
 * and merged); a board dropped from the file stays, because organisations may still name it.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<{ regions: number; icbs: number }> {
  const regions = readCsv<RegionTable>("regions.csv");
  const icbs = readCsv<IcbTable>("icbs.csv");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("region")
      .values(regions)
      .onConflict((oc) =>
        oc
          .column("code")
          .doUpdateSet((eb) => ({ ons_code: eb.ref("excluded.ons_code"), name: eb.ref("excluded.name") })),
      )
      .execute();
    await trx
      .insertInto("icb")
      .values(icbs)
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          region_code: eb.ref("excluded.region_code"),
          list_version: eb.ref("excluded.list_version"),
        })),
      )
      .execute();
  });
  return { regions: regions.length, icbs: icbs.length };
}
