import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";
import { Forbidden, Refused } from "../../lib/errors";
import { can, type Actor } from "../../auth/policy";
import { actorIdOf, recordAuditEvent, type RequestOrigin } from "../audit/record.server";

type Db = Kysely<Database>;

/** Every change to the framework is on the audit log, in the change's own transaction. */
const frameworkChanged = (trx: Db, actor: Actor, from: RequestOrigin, detail: string) =>
  recordAuditEvent(trx, {
    kind: "framework_changed",
    actorId: actorIdOf(actor),
    clientAddress: from.clientAddress,
    detail,
  });

/** Every change to the framework is the administrators' alone, whoever calls. */
function assertManages(actor: Actor): void {
  if (!can(actor, { action: "framework:manage" })) throw new Forbidden("Only administrators change the framework");
}

export interface FrameworkCapability {
  id: string;
  code: string;
  name: string;
  description: string;
  domainId: string;
  position: number;
  retiredAt: string | null;
}

export interface FrameworkDomain {
  id: string;
  name: string;
  description: string;
  position: number;
  retiredAt: string | null;
  capabilities: FrameworkCapability[];
}

const toCapability = (row: Selectable<Database["capability"]>): FrameworkCapability => ({
  id: row.id,
  code: row.code,
  name: row.name,
  description: row.description,
  domainId: row.domain_id,
  position: row.position,
  retiredAt: row.retired_at,
});

/**
 * Domains in position order, each with its capabilities in position order. Without
 * includeRetired, only what new forms may offer: active capabilities in active domains.
 */
export async function listFramework(
  db: Db,
  { includeRetired = false }: { includeRetired?: boolean } = {},
): Promise<FrameworkDomain[]> {
  let domainQuery = db.selectFrom("capability_domain").selectAll().orderBy("position").orderBy("name");
  let capabilityQuery = db.selectFrom("capability").selectAll().orderBy("position").orderBy("code");
  if (!includeRetired) {
    domainQuery = domainQuery.where("retired_at", "is", null);
    capabilityQuery = capabilityQuery.where("retired_at", "is", null);
  }
  const [domains, capabilities] = await Promise.all([domainQuery.execute(), capabilityQuery.execute()]);
  const byDomain = new Map<string, FrameworkCapability[]>(domains.map((d) => [d.id, []]));
  for (const row of capabilities) byDomain.get(row.domain_id)?.push(toCapability(row));
  return domains.map((d) => ({
    id: d.id,
    name: d.name,
    description: d.description,
    position: d.position,
    retiredAt: d.retired_at,
    capabilities: byDomain.get(d.id) ?? [],
  }));
}

/** The capabilities new assessments, requests and offers use, in framework order, with their domain's name. */
export async function listActiveCapabilities(db: Db): Promise<(FrameworkCapability & { domainName: string })[]> {
  const domains = await listFramework(db);
  return domains.flatMap((d) => d.capabilities.map((c) => ({ ...c, domainName: d.name })));
}

export async function getCapability(db: Db, id: string): Promise<FrameworkCapability | undefined> {
  const row = await db.selectFrom("capability").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toCapability(row) : undefined;
}

export function getDomain(db: Db, id: string) {
  return db.selectFrom("capability_domain").selectAll().where("id", "=", id).executeTakeFirst();
}

async function requireActiveDomain(db: Db, domainId: string) {
  const domain = await db
    .selectFrom("capability_domain")
    .select("id")
    .where("id", "=", domainId)
    .where("retired_at", "is", null)
    .executeTakeFirst();
  if (!domain) throw new Refused("Select a domain from the list", { code: "domain_unknown" });
}

async function requireCapability(db: Db, id: string) {
  const found = await db
    .selectFrom("capability")
    .select(["id", "code", "domain_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) throw new Refused("That capability does not exist", { code: "capability_missing" });
  return found;
}

async function nextCapabilityPosition(db: Db, domainId: string): Promise<number> {
  const row = await db
    .selectFrom("capability")
    .select((eb) => eb.fn.max<number | null>("position").as("last"))
    .where("domain_id", "=", domainId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

async function assertDomainNameFree(db: Db, name: string, exceptId?: string) {
  let query = db
    .selectFrom("capability_domain")
    .select("name")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) query = query.where("id", "!=", exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw new Refused(`A domain called ${clash.name} already exists`, { code: "domain_name_taken" });
}

export interface NewCapability {
  domainId: string;
  code: string;
  name: string;
  description: string;
}

/** Adds a capability at the end of its domain. Codes are unique for ever, retired capabilities included. */
export async function addCapability(
  db: Db,
  actor: Actor,
  fields: NewCapability,
  from: RequestOrigin = {},
): Promise<string> {
  const code = fields.code.trim().toUpperCase();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    await requireActiveDomain(trx, fields.domainId);
    const taken = await trx.selectFrom("capability").select("id").where("code", "=", code).executeTakeFirst();
    if (taken)
      throw new Refused(`The code ${code} is already used by another capability`, { code: "capability_code_taken" });
    await trx
      .insertInto("capability")
      .values({
        id,
        code,
        name: fields.name,
        description: fields.description,
        domain_id: fields.domainId,
        position: await nextCapabilityPosition(trx, fields.domainId),
        retired_at: null,
        created_at: nowIso(),
      })
      .execute();
    await frameworkChanged(trx, actor, from, `capability ${code} added`);
  });
  return id;
}

/** Changes the wording only; the code and every score recorded against the capability stay as they are. */
export async function renameCapability(
  db: Db,
  actor: Actor,
  id: string,
  fields: { name: string; description: string },
  from: RequestOrigin = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    const capability = await requireCapability(trx, id);
    await trx
      .updateTable("capability")
      .set({ name: fields.name, description: fields.description })
      .where("id", "=", id)
      .execute();
    await frameworkChanged(trx, actor, from, `capability ${capability.code} reworded`);
  });
}

/** Stops offering the capability on new forms; old assessments, requests and offers keep it. */
export async function retireCapability(db: Db, actor: Actor, id: string, from: RequestOrigin = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    const capability = await requireCapability(trx, id);
    await trx
      .updateTable("capability")
      .set({ retired_at: nowIso() })
      .where("id", "=", id)
      .where("retired_at", "is", null)
      .execute();
    await frameworkChanged(trx, actor, from, `capability ${capability.code} retired`);
  });
}

export async function unretireCapability(db: Db, actor: Actor, id: string, from: RequestOrigin = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    const capability = await requireCapability(trx, id);
    await trx.updateTable("capability").set({ retired_at: null }).where("id", "=", id).execute();
    await frameworkChanged(trx, actor, from, `capability ${capability.code} brought back`);
  });
}

/** Regroups a capability under another domain, at the end of it. */
export async function moveCapability(
  db: Db,
  actor: Actor,
  id: string,
  domainId: string,
  from: RequestOrigin = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    const capability = await requireCapability(trx, id);
    if (capability.domain_id === domainId) return;
    await requireActiveDomain(trx, domainId);
    await trx
      .updateTable("capability")
      .set({ domain_id: domainId, position: await nextCapabilityPosition(trx, domainId) })
      .where("id", "=", id)
      .execute();
    await frameworkChanged(trx, actor, from, `capability ${capability.code} moved to domain ${domainId}`);
  });
}

export async function addDomain(
  db: Db,
  actor: Actor,
  fields: { name: string; description: string },
  from: RequestOrigin = {},
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    await assertDomainNameFree(trx, fields.name);
    const last = await trx
      .selectFrom("capability_domain")
      .select((eb) => eb.fn.max<number | null>("position").as("last"))
      .executeTakeFirst();
    await trx
      .insertInto("capability_domain")
      .values({
        id,
        name: fields.name,
        description: fields.description,
        position: Number(last?.last ?? 0) + 1,
        retired_at: null,
      })
      .execute();
    await frameworkChanged(trx, actor, from, `domain ${id} added`);
  });
  return id;
}

export async function renameDomain(
  db: Db,
  actor: Actor,
  id: string,
  fields: { name: string; description: string },
  from: RequestOrigin = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertManages(actor);
    if (!(await getDomain(trx, id))) throw new Refused("That domain does not exist", { code: "domain_missing" });
    await assertDomainNameFree(trx, fields.name, id);
    await trx
      .updateTable("capability_domain")
      .set({ name: fields.name, description: fields.description })
      .where("id", "=", id)
      .execute();
    await frameworkChanged(trx, actor, from, `domain ${id} renamed`);
  });
}

interface ListOptions {
  includeRetired?: boolean;
}

export function listAudienceLevels(db: Db, { includeRetired = false }: ListOptions = {}) {
  let query = db.selectFrom("audience_level").selectAll().orderBy("position").orderBy("code");
  if (!includeRetired) query = query.where("retired_at", "is", null);
  return query.execute();
}

export function listOfferFormats(db: Db, { includeRetired = false }: ListOptions = {}) {
  let query = db.selectFrom("offer_format").selectAll().orderBy("position").orderBy("code");
  if (!includeRetired) query = query.where("retired_at", "is", null);
  return query.execute();
}

export function listReadinessFactors(db: Db, { includeRetired = false }: ListOptions = {}) {
  let query = db.selectFrom("readiness_factor").selectAll().orderBy("position").orderBy("code");
  if (!includeRetired) query = query.where("retired_at", "is", null);
  return query.execute();
}
