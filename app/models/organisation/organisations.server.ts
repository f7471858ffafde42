import { sql, type Kysely } from "kysely";
import type { Database, OrganisationType } from "../../../db/schema";
import { containsText } from "../../../db/portable";
import { can, type Actor, type OrganisationRef, type Permission } from "../../auth/policy";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { actorIdOf, recordAuditEvent, type RequestOrigin } from "../audit/record.server";

export interface OrganisationFilters {
  q?: string;
  region?: string;
  icb?: string;
  type?: string;
  pioneer?: boolean;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

export async function searchOrganisations(db: Kysely<Database>, filters: OrganisationFilters) {
  let query = db
    .selectFrom("organisation")
    .leftJoin("region", "region.code", "organisation.region_code")
    .leftJoin("icb", "icb.code", "organisation.icb_code");
  if (filters.q) {
    const q = filters.q.trim();
    query = query.where((eb) =>
      eb.or([
        containsText(sql.ref("organisation.name"), q),
        eb(sql.ref("organisation.ods_code"), "=", q.toUpperCase()),
      ]),
    );
  }
  if (filters.region) query = query.where("organisation.region_code", "=", filters.region);
  if (filters.icb) query = query.where("organisation.icb_code", "=", filters.icb);
  if (filters.type) query = query.where("organisation.type", "=", filters.type as OrganisationType);
  if (filters.pioneer) query = query.where("organisation.offers_outreach", "=", 1);
  if (!filters.includeInactive) query = query.where("organisation.active", "=", 1);

  const [rows, total] = await Promise.all([
    query
      .select([
        "organisation.id",
        "organisation.ods_code",
        "organisation.name",
        "organisation.type",
        "organisation.active",
        "organisation.offers_outreach",
        "organisation.seeks_help",
        "region.name as region_name",
        "icb.name as icb_name",
      ])
      .orderBy("organisation.name")
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function getOrganisation(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("organisation")
    .leftJoin("region", "region.code", "organisation.region_code")
    .leftJoin("icb", "icb.code", "organisation.icb_code")
    .selectAll("organisation")
    .select(["region.name as region_name", "icb.name as icb_name"])
    .where("organisation.id", "=", id)
    .executeTakeFirst();
}

/** The facts the policy needs about an organisation, or undefined when there is no such organisation. */
export async function organisationRef(db: Kysely<Database>, id: string): Promise<OrganisationRef | undefined> {
  const row = await db
    .selectFrom("organisation")
    .select(["id", "region_code", "icb_code"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { id: row.id, regionCode: row.region_code, icbCode: row.icb_code } : undefined;
}

export function listRegions(db: Kysely<Database>) {
  return db.selectFrom("region").selectAll().orderBy("name").execute();
}

export function listIcbs(db: Kysely<Database>) {
  return db.selectFrom("icb").selectAll().orderBy("name").execute();
}

/** The region and board codes an organisation may name, for checking a form before it is written. */
export async function organisationReferences(db: Kysely<Database>) {
  const [regions, icbs] = await Promise.all([
    db.selectFrom("region").select("code").execute(),
    db.selectFrom("icb").select("code").execute(),
  ]);
  return { regionCodes: regions.map((r) => r.code), icbCodes: icbs.map((i) => i.code) };
}

export interface OrganisationFields {
  odsCode: string;
  name: string;
  type: OrganisationType;
  isFoundationTrust: boolean;
  regionCode: string;
  icbCode: string | null;
  address: string;
  postcode: string;
  active: boolean;
  seeksHelp: boolean;
  offersOutreach: boolean;
}

async function assertOdsCodeFree(db: Kysely<Database>, odsCode: string, exceptId?: string) {
  let query = db.selectFrom("organisation").select("id").where("ods_code", "=", odsCode);
  if (exceptId) query = query.where("id", "!=", exceptId);
  if (await query.executeTakeFirst())
    throw new Refused(`An organisation with ODS code ${odsCode} already exists`, { code: "ods_code_taken" });
}

const columns = (f: OrganisationFields) => ({
  ods_code: f.odsCode,
  name: f.name,
  type: f.type,
  is_foundation_trust: f.isFoundationTrust ? 1 : 0,
  region_code: f.regionCode,
  icb_code: f.icbCode,
  address: f.address,
  postcode: f.postcode,
  active: f.active ? 1 : 0,
  seeks_help: f.seeksHelp ? 1 : 0,
  offers_outreach: f.offersOutreach ? 1 : 0,
});

/** Refuses unless the policy lets the actor edit this organisation in the way asked; the organisation must exist. */
async function assertMayEdit(db: Kysely<Database>, actor: Actor, id: string, also?: Permission): Promise<void> {
  const organisation = await organisationRef(db, id);
  if (!organisation) throw new NotFound("Organisation");
  if (!can(actor, { action: "organisation:edit", organisation }) || (also && !can(actor, also)))
    throw new Forbidden("You may not change this organisation's details");
}

export async function createOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  fields: OrganisationFields,
  from: RequestOrigin = {},
): Promise<string> {
  if (!can(actor, { action: "organisation:create" })) throw new Forbidden("Only administrators add organisations");
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await assertOdsCodeFree(trx, fields.odsCode);
    const now = nowIso();
    await trx
      .insertInto("organisation")
      .values({ id, ...columns(fields), opened_on: null, closed_on: null, created_at: now, updated_at: now })
      .execute();
    await recordAuditEvent(trx, {
      kind: "organisation_changed",
      actorId: actorIdOf(actor),
      organisationId: id,
      clientAddress: from.clientAddress,
      detail: `added (ODS code ${fields.odsCode})`,
    });
  });
  return id;
}

/** Every detail, identity and place included: administrators correcting what ODS says. */
export async function updateOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  fields: OrganisationFields,
  from: RequestOrigin = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMayEdit(trx, actor, id, { action: "organisation:editIdentity" });
    await assertOdsCodeFree(trx, fields.odsCode, id);
    const before = await trx
      .selectFrom("organisation")
      .select("offers_outreach")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("organisation")
      .set({ ...columns(fields), updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, {
      kind: "organisation_changed",
      actorId: actorIdOf(actor),
      organisationId: id,
      clientAddress: from.clientAddress,
      detail: "details changed by an administrator",
    });
    if (before.offers_outreach !== (fields.offersOutreach ? 1 : 0))
      await recordAuditEvent(trx, {
        kind: "pioneer_status_changed",
        actorId: actorIdOf(actor),
        organisationId: id,
        clientAddress: from.clientAddress,
        detail: fields.offersOutreach ? "granted by an administrator's edit" : "removed by an administrator's edit",
      });
  });
}

/**
 * What an organisation's own administrator may change: not its identity or place, which come from
 * ODS, nor its pioneer status, which is granted (see pioneer-status.server.ts).
 */
export async function updateOwnProfile(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  fields: { seeksHelp: boolean },
  from: RequestOrigin = {},
): Promise<void> {
  await assertMayEdit(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("organisation")
      .set({ seeks_help: fields.seeksHelp ? 1 : 0, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, {
      kind: "organisation_changed",
      actorId: actorIdOf(actor),
      organisationId: id,
      clientAddress: from.clientAddress,
      detail: fields.seeksHelp ? "seeks help: yes" : "seeks help: no",
    });
  });
}

export function listCoordinatingBodies(db: Kysely<Database>) {
  return db.selectFrom("coordinating_body").selectAll().orderBy("name").execute();
}

export function listAllOrganisationNames(db: Kysely<Database>) {
  return db
    .selectFrom("organisation")
    .select(["id", "name", "ods_code", "region_code", "icb_code"])
    .where("active", "=", 1)
    .orderBy("name")
    .execute();
}
