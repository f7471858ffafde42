import type { Insertable, Kysely } from "kysely";
import type { Database, OrganisationTable } from "../../../db/schema";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";
import { Forbidden } from "../../lib/errors";
import { can, type Actor } from "../../auth/policy";
import { actorIdOf, recordAuditEvent, type RequestOrigin } from "../audit/record.server";
import { organisationReferences } from "./organisations.server";
import { BoundedIssues, parseEtr, type EtrInput, type EtrRecord, type LineIssue } from "../../domain/ods/parse-etr";

export { NotAnEtrFile, type LineIssue } from "../../domain/ods/parse-etr";

export interface OdsImportResult {
  created: number;
  /** Rows whose ODS details changed, other than closing. */
  updated: number;
  /** Open organisations the file now shows as closed. */
  deactivated: number;
  unchanged: number;
  /** Malformed lines, the first 50: nothing of them was written. */
  errors: LineIssue[];
  /** Malformed lines beyond those listed. */
  moreErrors: number;
  /** Lines imported with something left out, such as an ICB code not in the reference data; the first 50. */
  warnings: LineIssue[];
  moreWarnings: number;
}

export interface OdsImportOptions {
  /** Called as rows are processed; throwing from it abandons the whole import. */
  onProgress?: (done: number, total: number) => void;
}

// 16 values a row keeps each statement well inside SQLite's and PostgreSQL's bind limits.
const BATCH = 500;

/** The columns ODS supplies; the rest (type, pioneer and help flags) belong to Peerlink and are never touched here. */
const odsFields = (r: EtrRecord) => ({
  name: r.name,
  is_foundation_trust: r.isFoundationTrust ? 1 : 0,
  region_code: r.regionCode,
  icb_code: r.icbCode,
  address: r.address,
  postcode: r.postcode,
  opened_on: r.openedOn,
  closed_on: r.closedOn,
  // A closed organisation is kept, inactive, so its history stays; a reopened one is active again.
  active: r.closedOn ? 0 : 1,
});
type OdsFields = ReturnType<typeof odsFields>;
const sameOdsFields = (fromFile: OdsFields, stored: Record<keyof OdsFields, unknown>) =>
  (Object.keys(fromFile) as (keyof OdsFields)[]).every((k) => fromFile[k] === stored[k]);

/**
 * Imports an ODS trust file (etr.csv): creates organisations it has not seen, updates the ODS
 * details of those it has (matched by ODS code, keeping their ids), and marks closed ones
 * inactive. Organisations absent from the file are left alone, since a file may be partial.
 * Every write happens in one transaction: an import either completes or changes nothing.
 * A file that is not etr.csv throws NotAnEtrFile before anything is written.
 */
export async function importEtr(
  db: Kysely<Database>,
  actor: Actor,
  input: EtrInput,
  { onProgress, clientAddress = null }: OdsImportOptions & RequestOrigin = {},
): Promise<OdsImportResult> {
  if (!can(actor, { action: "organisation:import" })) throw new Forbidden("Only administrators import organisations");
  const references = await organisationReferences(db);
  if (references.regionCodes.length === 0)
    throw new Error("The region reference data is missing: seed it before importing organisations");
  const { records, errors, moreErrors } = await parseEtr(input, { regionCodes: new Set(references.regionCodes) });

  const icbCodes = new Set(references.icbCodes);
  const warnings = new BoundedIssues();
  for (const record of records) {
    if (record.icbCode && !icbCodes.has(record.icbCode)) {
      warnings.add({
        line: record.line,
        message: `organisation ${record.odsCode} names ICB "${record.icbCode}", which is not in the ICB list; imported without an ICB`,
      });
      record.icbCode = null;
    }
  }

  const counts = { created: 0, updated: 0, deactivated: 0, unchanged: 0 };
  await db.transaction().execute(async (trx) => {
    const existing = new Map(
      (
        await trx
          .selectFrom("organisation")
          .select([
            "id",
            "ods_code",
            "name",
            "is_foundation_trust",
            "region_code",
            "icb_code",
            "address",
            "postcode",
            "opened_on",
            "closed_on",
            "active",
          ])
          .execute()
      ).map((o) => [o.ods_code, o]),
    );
    const now = nowIso();
    onProgress?.(0, records.length);
    for (let start = 0; start < records.length; start += BATCH) {
      const writes: Insertable<OrganisationTable>[] = [];
      for (const record of records.slice(start, start + BATCH)) {
        const fields = odsFields(record);
        const current = existing.get(record.odsCode);
        if (current && sameOdsFields(fields, current)) {
          counts.unchanged++;
          continue;
        }
        if (!current) counts.created++;
        else if (current.active === 1 && fields.active === 0) counts.deactivated++;
        else counts.updated++;
        // For a known organisation, type, seeks_help and offers_outreach only satisfy the insert;
        // the conflict update leaves them as they are.
        writes.push({
          id: current?.id ?? newId(),
          ods_code: record.odsCode,
          type: "other",
          seeks_help: 1,
          offers_outreach: 0,
          created_at: now,
          updated_at: now,
          ...fields,
        });
      }
      if (writes.length > 0) {
        await trx
          .insertInto("organisation")
          .values(writes)
          .onConflict((oc) =>
            oc.column("ods_code").doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              is_foundation_trust: eb.ref("excluded.is_foundation_trust"),
              region_code: eb.ref("excluded.region_code"),
              icb_code: eb.ref("excluded.icb_code"),
              address: eb.ref("excluded.address"),
              postcode: eb.ref("excluded.postcode"),
              opened_on: eb.ref("excluded.opened_on"),
              closed_on: eb.ref("excluded.closed_on"),
              active: eb.ref("excluded.active"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      }
      onProgress?.(Math.min(start + BATCH, records.length), records.length);
    }
    await recordAuditEvent(trx, {
      kind: "organisation_changed",
      actorId: actorIdOf(actor),
      clientAddress,
      detail: `ODS import: ${counts.created} added, ${counts.updated} updated, ${counts.deactivated} closed, ${counts.unchanged} unchanged`,
    });
  });
  return { ...counts, errors, moreErrors, warnings: warnings.kept, moreWarnings: warnings.more };
}
