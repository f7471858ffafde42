import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import fs from "node:fs";
import { SEED_DATA } from "./data-dir";
import type { Database } from "../schema";
import { newId } from "../../app/lib/ids";
import { nowIso } from "../../app/lib/dates";

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(new URL(file, SEED_DATA)), { columns: true, skip_empty_lines: true, trim: true });
}

/**
 * Seeded domains get an id made from their name, so that re-seeding after an admin renames one
 * finds it again instead of adding a second copy under the old name.
 */
export const seededDomainId = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export interface SeedFrameworkResult {
  domains: number;
  capabilities: number;
  audienceLevels: number;
  offerFormats: number;
  readinessFactors: number;
}

type ReferenceTableName = "audience_level" | "offer_format" | "readiness_factor";

/**
 * Loads the capability framework and the coded reference lists from db/seed/data. Adds only
 * what is missing (capabilities by code, lists by code, domains by id) and never changes a row
 * that exists, so an administrator's renames, moves and retirements survive every re-run.
 * Returns how many rows of each kind were added.
 */
export async function seedFramework(db: Kysely<Database>): Promise<SeedFrameworkResult> {
  const framework = readCsv("capability-framework.csv");
  const audiences = readCsv("audience-levels.csv");
  const formats = readCsv("offer-formats.csv");
  const factors = readCsv("readiness-factors.csv");

  return db.transaction().execute(async (trx) => {
    const result: SeedFrameworkResult = {
      domains: 0,
      capabilities: 0,
      audienceLevels: 0,
      offerFormats: 0,
      readinessFactors: 0,
    };

    const domains = await trx.selectFrom("capability_domain").select(["id", "position"]).execute();
    const domainIds = new Set(domains.map((d) => d.id));
    let nextDomainPosition = Math.max(0, ...domains.map((d) => d.position)) + 1;

    const capabilities = await trx.selectFrom("capability").select(["code", "domain_id", "position"]).execute();
    const codes = new Set(capabilities.map((c) => c.code));
    const nextPosition = new Map<string, number>();
    for (const c of capabilities)
      nextPosition.set(c.domain_id, Math.max(nextPosition.get(c.domain_id) ?? 1, c.position + 1));

    const now = nowIso();
    for (const row of framework) {
      const domainId = seededDomainId(row.domain);
      if (!domainIds.has(domainId)) {
        await trx
          .insertInto("capability_domain")
          .values({ id: domainId, name: row.domain, description: "", position: nextDomainPosition++, retired_at: null })
          .execute();
        domainIds.add(domainId);
        result.domains++;
      }
      if (codes.has(row.code)) continue;
      const position = nextPosition.get(domainId) ?? 1;
      nextPosition.set(domainId, position + 1);
      await trx
        .insertInto("capability")
        .values({
          id: newId(),
          code: row.code,
          name: row.name,
          description: row.description,
          domain_id: domainId,
          position,
          retired_at: null,
          created_at: now,
        })
        .execute();
      codes.add(row.code);
      result.capabilities++;
    }

    const addMissing = async (table: ReferenceTableName, rows: Record<string, string>[]) => {
      const existing = await trx.selectFrom(table).select(["code", "position"]).execute();
      const known = new Set(existing.map((r) => r.code));
      let position = Math.max(0, ...existing.map((r) => r.position)) + 1;
      let added = 0;
      for (const row of rows) {
        if (known.has(row.code)) continue;
        const values = {
          code: row.code,
          name: row.name,
          description: row.description,
          position: position++,
          retired_at: null,
        };
        if (table === "offer_format")
          await trx
            .insertInto("offer_format")
            .values({ ...values, is_virtual: row.is_virtual === "1" ? 1 : 0 })
            .execute();
        else await trx.insertInto(table).values(values).execute();
        known.add(row.code);
        added++;
      }
      return added;
    };
    result.audienceLevels = await addMissing("audience_level", audiences);
    result.offerFormats = await addMissing("offer_format", formats);
    result.readinessFactors = await addMissing("readiness_factor", factors);
    return result;
  });
}
