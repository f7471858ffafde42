import { sql, type Kysely, type Transaction } from "kysely";
import type { CostModel, Database, OfferStatus } from "../../db/schema";
import { containsText } from "../../db/portable";
import { effectiveStatus, hasCurrentWindow, mergeWindows, quarterOf, todayInEngland, windowProblem, type DateWindow } from "../domain/offer-availability";
import { changeProblem, offerCapabilityRule, pauseProblem, type EvidenceProblem, type OfferChange } from "../domain/offer-rules";
import { newId } from "../lib/ids";
import type { FieldErrors } from "../lib/forms";
import { nowIso, monotonicIso } from "../lib/time";
import { evidenceField, windowStartField } from "../schemas/offer";

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export interface OfferFields {
  title: string;
  description: string;
  capabilityIds: string[];
  /** Evidence per capability id; blank where none was given. */
  evidence: Record<string, string>;
  formatCode: string;
  audienceCodes: string[];
  capacityPerQuarter: number;
  costModel: CostModel;
  virtualOk: boolean;
  windows: DateWindow[];
  contactName: string;
  contactEmail: string;
}

/** A change refused for a reason the user can put right; `field` is the OfferFields key it concerns. */
export class OfferRefused extends Error {
  constructor(message: string, readonly field: keyof OfferFields | "until" | "form" = "form") {
    super(message);
  }
}

/** Capabilities the organisation's latest assessment does not back, offered without evidence. */
export class EvidenceRequired extends Error {
  constructor(readonly problems: EvidenceProblem[]) {
    super(problems.map((p) => p.message).join("; "));
  }
}

export class OfferNotFound extends Error {}
export class NotOfferOwner extends Error {}

/** Form errors for a refusal, keyed by the form's field names; null when the error is not a refusal. */
export function refusalErrors(error: unknown): FieldErrors | null {
  if (error instanceof EvidenceRequired) return Object.fromEntries(error.problems.map((p) => [evidenceField(p.capabilityId), p.message]));
  if (error instanceof OfferRefused) return { [error.field === "windows" ? windowStartField(1) : error.field]: error.message };
  return null;
}

/** Maturity per capability id in the organisation's latest assessment, or null if it has none. */
export async function latestMaturityOf(db: Db, organisationId: string): Promise<Record<string, number> | null> {
  // The same "latest" as matching uses: the most recent assessment date, then the most recent entry.
  const latest = await db
    .selectFrom("assessment")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .orderBy("assessed_on", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const scores = await db.selectFrom("assessment_score").select(["capability_id", "maturity"]).where("assessment_id", "=", latest.id).execute();
  return Object.fromEntries(scores.map((s) => [s.capability_id, s.maturity]));
}

interface Current {
  capabilityIds: string[];
  audienceCodes: string[];
  formatCode: string | null;
}

const NOTHING_CURRENT: Current = { capabilityIds: [], audienceCodes: [], formatCode: null };

/**
 * Everything the form cannot check alone. Retired framework entries cannot be newly chosen but stay
 * on an offer that already had them. Returns the windows to store, overlaps joined.
 */
async function checkFields(trx: Trx, organisationId: string, fields: OfferFields, today: string, current: Current): Promise<DateWindow[]> {
  if (!fields.title.trim()) throw new OfferRefused("Enter a title for the offer", "title");
  if (!Number.isInteger(fields.capacityPerQuarter) || fields.capacityPerQuarter < 1) throw new OfferRefused("Capacity must be a whole number of at least 1", "capacityPerQuarter");
  if (!fields.contactName.trim() || !fields.contactEmail.includes("@")) throw new OfferRefused("Enter the contact person's name and email address", "contactName");

  const capabilityIds = [...new Set(fields.capabilityIds)];
  if (capabilityIds.length === 0) throw new OfferRefused("Select at least one capability you can teach", "capabilityIds");
  const capabilities = await trx.selectFrom("capability").select(["id", "name", "retired_at"]).where("id", "in", capabilityIds).execute();
  const usable = (c: { id: string; retired_at: string | null }) => c.retired_at === null || current.capabilityIds.includes(c.id);
  if (capabilities.length !== capabilityIds.length || !capabilities.every(usable)) throw new OfferRefused("Select capabilities from the list", "capabilityIds");

  const format = await trx.selectFrom("offer_format").select(["code", "retired_at"]).where("code", "=", fields.formatCode).executeTakeFirst();
  if (!format || (format.retired_at !== null && format.code !== current.formatCode)) throw new OfferRefused("Select the format of the offer", "formatCode");

  const audienceCodes = [...new Set(fields.audienceCodes)];
  if (audienceCodes.length === 0) throw new OfferRefused("Select at least one audience", "audienceCodes");
  const audiences = await trx.selectFrom("audience_level").select(["code", "retired_at"]).where("code", "in", audienceCodes).execute();
  if (audiences.length !== audienceCodes.length || !audiences.every((a) => a.retired_at === null || current.audienceCodes.includes(a.code))) {
    throw new OfferRefused("Select audiences from the list", "audienceCodes");
  }

  if (fields.windows.length === 0) throw new OfferRefused("Enter at least one date range when you can run this offer", "windows");
  const problem = fields.windows.map(windowProblem).find((p) => p !== null);
  if (problem) throw new OfferRefused(problem.message, "windows");
  const windows = mergeWindows(fields.windows);
  if (!hasCurrentWindow(windows, today)) throw new OfferRefused("At least one date range must end today or later", "windows");

  const problems = await evidenceProblems(
    trx,
    organisationId,
    capabilityIds.map((id) => ({ capabilityId: id, evidence: fields.evidence[id] ?? "" })),
  );
  if (problems.length > 0) throw new EvidenceRequired(problems);
  return windows;
}

/** The established-or-evidence rule against the organisation's latest assessment; unknown capability ids are skipped. */
export async function evidenceProblems(db: Db, organisationId: string, claims: { capabilityId: string; evidence: string }[]): Promise<EvidenceProblem[]> {
  if (claims.length === 0) return [];
  const ids = claims.map((c) => c.capabilityId);
  const capabilities = await db.selectFrom("capability").select(["id", "name"]).where("id", "in", ids).execute();
  const names = new Map(capabilities.map((c) => [c.id, c.name]));
  const known = claims.filter((c) => names.has(c.capabilityId)).map((c) => ({ ...c, name: names.get(c.capabilityId)! }));
  return offerCapabilityRule(known, await latestMaturityOf(db, organisationId));
}

/**
 * Evidence errors for a form that failed other checks too, so the pioneer sees every problem at
 * once rather than the evidence ones only after fixing the rest.
 */
export async function evidenceErrors(db: Db, organisationId: string, claims: { capabilityId: string; evidence: string }[]): Promise<FieldErrors> {
  return refusalErrors(new EvidenceRequired(await evidenceProblems(db, organisationId, claims))) ?? {};
}

/** Replaces the offer's capabilities, audiences and windows with the ones given. */
async function writeLinks(trx: Trx, offerId: string, fields: OfferFields, windows: DateWindow[]) {
  await trx.deleteFrom("offer_capability").where("offer_id", "=", offerId).execute();
  await trx.deleteFrom("offer_audience").where("offer_id", "=", offerId).execute();
  await trx.deleteFrom("offer_window").where("offer_id", "=", offerId).execute();
  await trx
    .insertInto("offer_capability")
    .values([...new Set(fields.capabilityIds)].map((id) => ({ offer_id: offerId, capability_id: id, evidence: (fields.evidence[id] ?? "").trim() })))
    .execute();
  await trx
    .insertInto("offer_audience")
    .values([...new Set(fields.audienceCodes)].map((code) => ({ offer_id: offerId, audience_code: code })))
    .execute();
  await trx
    .insertInto("offer_window")
    .values(windows.map((w) => ({ id: newId(), offer_id: offerId, starts_on: w.start, ends_on: w.end })))
    .execute();
}

const offerColumns = (f: OfferFields) => ({
  title: f.title.trim(),
  description: f.description.trim(),
  format_code: f.formatCode,
  capacity_per_quarter: f.capacityPerQuarter,
  cost_model: f.costModel,
  virtual_ok: f.virtualOk ? 1 : 0,
  contact_name: f.contactName.trim(),
  contact_email: f.contactEmail.trim().toLowerCase(),
});

async function recordEvent(trx: Trx, event: { offerId: string; from: OfferStatus | null; to: OfferStatus; actorId: string | null; note: string; at?: string }) {
  await trx
    .insertInto("offer_event")
    .values({ id: newId(), offer_id: event.offerId, from_status: event.from, to_status: event.to, actor_id: event.actorId, note: event.note, created_at: event.at ?? monotonicIso() })
    .execute();
}

async function assertUserBelongs(trx: Trx, userId: string, organisationId: string) {
  const user = await trx.selectFrom("app_user").select("organisation_id").where("id", "=", userId).executeTakeFirst();
  if (!user || user.organisation_id !== organisationId) throw new NotOfferOwner("Only the organisation's own people can change its offers");
}

/** Publishes a new offer with its capabilities, audiences and windows, all or nothing. Returns its id. */
export async function publishOffer(db: Kysely<Database>, input: { organisationId: string; userId: string; fields: OfferFields; today?: string }): Promise<string> {
  const { organisationId, userId, fields } = input;
  const today = input.today ?? todayInEngland();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom("organisation").select(["active", "offers_outreach"]).where("id", "=", organisationId).executeTakeFirst();
    if (!organisation || organisation.active !== 1 || organisation.offers_outreach !== 1) throw new OfferRefused("Only an open pioneer organisation can publish offers");
    await assertUserBelongs(trx, userId, organisationId);
    const windows = await checkFields(trx, organisationId, fields, today, NOTHING_CURRENT);
    const now = nowIso();
    await trx
      .insertInto("offer")
      .values({ id, organisation_id: organisationId, ...offerColumns(fields), status: "published", paused_until: null, created_by: userId, created_at: now, updated_at: now })
      .execute();
    await writeLinks(trx, id, fields, windows);
    await recordEvent(trx, { offerId: id, from: null, to: "published", actorId: userId, note: "Published" });
  });
  return id;
}

type OfferRow = Database["offer"];

/**
 * Loads an offer for a change by one of its organisation's people. A pause whose return date has
 * come is ended first, with its own event, so the history reads in the order things happened.
 */
async function loadForChange(trx: Trx, input: { offerId: string; userId: string; organisationId?: string; today: string }): Promise<OfferRow> {
  const offer = await trx.selectFrom("offer").selectAll().where("id", "=", input.offerId).executeTakeFirst();
  if (!offer) throw new OfferNotFound("No such offer");
  if (input.organisationId !== undefined && input.organisationId !== offer.organisation_id) throw new NotOfferOwner("This offer belongs to another organisation");
  await assertUserBelongs(trx, input.userId, offer.organisation_id);
  if (offer.status === "paused" && effectiveStatus(offer, input.today) === "published") {
    await resumeIfDue(trx, offer.id, input.today);
    return { ...offer, status: "published", paused_until: null };
  }
  return offer;
}

/** Moves an offer on from the status it was read in; a concurrent change makes this refuse rather than overwrite. */
async function setStatus(trx: Trx, offer: OfferRow, change: OfferChange, to: OfferStatus, pausedUntil: string | null) {
  const problem = changeProblem(offer.status, change);
  if (problem) throw new OfferRefused(problem);
  const result = await trx
    .updateTable("offer")
    .set({ status: to, paused_until: pausedUntil, updated_at: nowIso() })
    .where("id", "=", offer.id)
    .where("status", "=", offer.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new OfferRefused("The offer was changed by someone else: reload the page and try again");
}

export async function updateOffer(db: Kysely<Database>, input: { offerId: string; organisationId: string; userId: string; fields: OfferFields; today?: string }): Promise<void> {
  const today = input.today ?? todayInEngland();
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    const problem = changeProblem(offer.status, "edit");
    if (problem) throw new OfferRefused(problem);
    const capabilities = await trx.selectFrom("offer_capability").select("capability_id").where("offer_id", "=", offer.id).execute();
    const audiences = await trx.selectFrom("offer_audience").select("audience_code").where("offer_id", "=", offer.id).execute();
    const current = { capabilityIds: capabilities.map((c) => c.capability_id), audienceCodes: audiences.map((a) => a.audience_code), formatCode: offer.format_code };
    const windows = await checkFields(trx, offer.organisation_id, input.fields, today, current);
    await trx
      .updateTable("offer")
      .set({ ...offerColumns(input.fields), updated_at: nowIso() })
      .where("id", "=", offer.id)
      .execute();
    await writeLinks(trx, offer.id, input.fields, windows);
    await recordEvent(trx, { offerId: offer.id, from: offer.status, to: offer.status, actorId: input.userId, note: "Details updated" });
  });
}

/** Pauses an offer until a future date (or moves the return date of a paused one). */
export async function pauseOffer(
  db: Kysely<Database>,
  input: { offerId: string; userId: string; until: string; reason: string; organisationId?: string; today?: string },
): Promise<void> {
  const today = input.today ?? todayInEngland();
  const problem = pauseProblem(input.until, today);
  if (problem) throw new OfferRefused(problem, "until");
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    await setStatus(trx, offer, "pause", "paused", input.until);
    await recordEvent(trx, { offerId: offer.id, from: offer.status, to: "paused", actorId: input.userId, note: `Paused until ${input.until}. ${input.reason.trim()}`.trim() });
  });
}

export async function resumeOffer(db: Kysely<Database>, input: { offerId: string; userId: string; organisationId?: string; today?: string }): Promise<void> {
  const today = input.today ?? todayInEngland();
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    await setStatus(trx, offer, "resume", "published", null);
    await recordEvent(trx, { offerId: offer.id, from: offer.status, to: "published", actorId: input.userId, note: "Resumed" });
  });
}

/** Closes an offer for good; it stays on record but is never matched or changed again. */
export async function closeOffer(db: Kysely<Database>, input: { offerId: string; userId: string; reason?: string; organisationId?: string; today?: string }): Promise<void> {
  const today = input.today ?? todayInEngland();
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    await setStatus(trx, offer, "close", "closed", null);
    await recordEvent(trx, { offerId: offer.id, from: offer.status, to: "closed", actorId: input.userId, note: input.reason?.trim() || "Closed" });
  });
}

/** Ends one due pause; false when it was not due or another process got there first. */
async function resumeIfDue(trx: Trx, offerId: string, today: string): Promise<boolean> {
  const offer = await trx.selectFrom("offer").select("paused_until").where("id", "=", offerId).where("status", "=", "paused").executeTakeFirst();
  if (!offer?.paused_until || offer.paused_until > today) return false;
  const result = await trx
    .updateTable("offer")
    .set({ status: "published", paused_until: null, updated_at: nowIso() })
    .where("id", "=", offerId)
    .where("status", "=", "paused")
    .where("paused_until", "=", offer.paused_until)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  // Dated at the return date (or now, if earlier in UTC): that is when readers began to see it as published.
  const now = monotonicIso();
  const returned = `${offer.paused_until}T00:00:00.000Z`;
  await recordEvent(trx, { offerId, from: "paused", to: "published", actorId: null, note: "Resumed automatically on its return date", at: returned < now ? returned : now });
  return true;
}

/**
 * Stores "published" on paused offers whose return date has come. Reads never depend on this
 * (they use effectiveStatus); it keeps the stored status and the history tidy. Returns how many resumed.
 */
export async function resumeDueOffers(db: Kysely<Database>, today: string = todayInEngland()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom("offer").select("id").where("status", "=", "paused").where("paused_until", "<=", today).orderBy("id").execute();
    let resumed = 0;
    for (const offer of due) if (await resumeIfDue(trx, offer.id, today)) resumed++;
    return resumed;
  });
}

export interface OfferSummary {
  id: string;
  title: string;
  organisationId: string;
  organisationName: string;
  regionName: string | null;
  icbName: string | null;
  formatCode: string;
  formatName: string;
  /** The format is virtual, or the pioneer can also run it virtually. */
  runsVirtually: boolean;
  costModel: CostModel;
  capacityPerQuarter: number;
  /** As of today: a pause whose return date has come counts as published. */
  status: OfferStatus;
  pausedUntil: string | null;
  createdAt: string;
  capabilities: { id: string; name: string }[];
}

function summaries(db: Db) {
  return db
    .selectFrom("offer")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .innerJoin("offer_format", "offer_format.code", "offer.format_code")
    .leftJoin("region", "region.code", "organisation.region_code")
    .leftJoin("icb", "icb.code", "organisation.icb_code");
}

const SUMMARY_COLUMNS = [
  "offer.id",
  "offer.title",
  "offer.organisation_id",
  "offer.format_code",
  "offer.virtual_ok",
  "offer.cost_model",
  "offer.capacity_per_quarter",
  "offer.status",
  "offer.paused_until",
  "offer.created_at",
  "organisation.name as organisation_name",
  "region.name as region_name",
  "icb.name as icb_name",
  "offer_format.name as format_name",
  "offer_format.is_virtual",
] as const;

const summaryRows = (db: Db) => summaries(db).select(SUMMARY_COLUMNS);
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryRows>["execute"]>>[number];

async function capabilitiesOf(db: Db, offerIds: string[]) {
  const byOffer = new Map<string, { id: string; code: string; name: string; evidence: string }[]>();
  if (offerIds.length === 0) return byOffer;
  const rows = await db
    .selectFrom("offer_capability")
    .innerJoin("capability", "capability.id", "offer_capability.capability_id")
    .select(["offer_capability.offer_id", "capability.id", "capability.code", "capability.name", "offer_capability.evidence"])
    .where("offer_capability.offer_id", "in", offerIds)
    .orderBy("capability.position")
    .orderBy("capability.name")
    .execute();
  for (const { offer_id, ...capability } of rows) byOffer.set(offer_id, [...(byOffer.get(offer_id) ?? []), capability]);
  return byOffer;
}

function toSummary(row: SummaryRow, capabilities: { id: string; name: string }[], today: string): OfferSummary {
  const status = effectiveStatus(row, today);
  return {
    id: row.id,
    title: row.title,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    regionName: row.region_name,
    icbName: row.icb_name,
    formatCode: row.format_code,
    formatName: row.format_name,
    runsVirtually: row.virtual_ok === 1 || row.is_virtual === 1,
    costModel: row.cost_model,
    capacityPerQuarter: row.capacity_per_quarter,
    status,
    pausedUntil: status === "paused" ? row.paused_until : null,
    createdAt: row.created_at,
    capabilities: capabilities.map(({ id, name }) => ({ id, name })),
  };
}

export type OfferSort = "newest" | "title" | "capacity";

export interface OfferFilters {
  q?: string;
  capability?: string;
  format?: string;
  region?: string;
  icb?: string;
  organisation?: string;
  cost?: CostModel;
  virtual?: boolean;
  sort?: OfferSort;
  page?: number;
  pageSize?: number;
  /** The viewer's own organisation: its offers are listed whatever their status. */
  includeAllFor?: string | null;
  today?: string;
}

/**
 * Offers open to requests today (published, or paused with the return date come) from open
 * organisations, filtered, sorted and paginated. Ties sort by id so pages never overlap.
 */
export async function browseOffers(db: Db, filters: OfferFilters): Promise<{ rows: OfferSummary[]; total: number }> {
  const today = filters.today ?? todayInEngland();
  const page = filters.page ?? 1;
  const pageSize = filters.pageSize ?? 20;
  let query = summaries(db).where((eb) => {
    const open = eb.and([
      eb("organisation.active", "=", 1),
      eb.or([eb("offer.status", "=", "published"), eb.and([eb("offer.status", "=", "paused"), eb("offer.paused_until", "<=", today)])]),
    ]);
    return filters.includeAllFor ? eb.or([open, eb("offer.organisation_id", "=", filters.includeAllFor)]) : open;
  });
  if (filters.capability) {
    const capabilityId = filters.capability;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("offer_capability")
          .select("offer_capability.offer_id")
          .whereRef("offer_capability.offer_id", "=", "offer.id")
          .where("offer_capability.capability_id", "=", capabilityId),
      ),
    );
  }
  if (filters.format) query = query.where("offer.format_code", "=", filters.format);
  if (filters.region) query = query.where("organisation.region_code", "=", filters.region);
  if (filters.icb) query = query.where("organisation.icb_code", "=", filters.icb);
  if (filters.organisation) query = query.where("offer.organisation_id", "=", filters.organisation);
  if (filters.cost) query = query.where("offer.cost_model", "=", filters.cost);
  if (filters.virtual) query = query.where((eb) => eb.or([eb("offer.virtual_ok", "=", 1), eb("offer_format.is_virtual", "=", 1)]));
  if (filters.q) {
    const q = filters.q.trim();
    query = query.where((eb) => eb.or([containsText(sql.ref("offer.title"), q), containsText(sql.ref("offer.description"), q)]));
  }

  let ordered = query.select(SUMMARY_COLUMNS);
  const byTitle = sql<string>`lower(${sql.ref("offer.title")})`;
  if (filters.sort === "title") ordered = ordered.orderBy(byTitle).orderBy("offer.id");
  else if (filters.sort === "capacity") ordered = ordered.orderBy("offer.capacity_per_quarter", "desc").orderBy(byTitle).orderBy("offer.id");
  else ordered = ordered.orderBy("offer.created_at", "desc").orderBy("offer.id");

  const [rows, total] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const capabilities = await capabilitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => toSummary(r, capabilities.get(r.id) ?? [], today)), total: Number(total.n) };
}

const STATUS_ORDER: Record<OfferStatus, number> = { published: 0, paused: 1, closed: 2 };

/** Every offer of one organisation, whatever its status: open ones first, then paused, then closed; newest first within each. */
export async function listOrganisationOffers(db: Db, organisationId: string, today: string = todayInEngland()): Promise<OfferSummary[]> {
  const rows = await summaryRows(db).where("offer.organisation_id", "=", organisationId).orderBy("offer.created_at", "desc").orderBy("offer.id").execute();
  const capabilities = await capabilitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, capabilities.get(r.id) ?? [], today)).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

export interface OfferDetail extends OfferSummary {
  description: string;
  regionCode: string | null;
  icbCode: string | null;
  virtualOk: boolean;
  formatIsVirtual: boolean;
  contactName: string;
  contactEmail: string;
  updatedAt: string;
  capabilities: { id: string; code: string; name: string; evidence: string }[];
  audiences: { code: string; name: string }[];
  windows: DateWindow[];
  events: { id: string; from: OfferStatus | null; to: OfferStatus; actorName: string | null; note: string; createdAt: string }[];
  /** The calendar quarter of today, and how many of its places matches have taken. */
  quarter: string;
  placesTaken: number;
}

export async function getOffer(db: Db, id: string, today: string = todayInEngland()): Promise<OfferDetail | undefined> {
  const row = await summaries(db)
    .select(SUMMARY_COLUMNS)
    .select(["offer.description", "offer.contact_name", "offer.contact_email", "offer.updated_at", "organisation.region_code", "organisation.icb_code"])
    .where("offer.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const quarter = quarterOf(today);
  const [capabilities, audiences, windows, events, load] = await Promise.all([
    capabilitiesOf(db, [id]),
    db
      .selectFrom("offer_audience")
      .innerJoin("audience_level", "audience_level.code", "offer_audience.audience_code")
      .select(["audience_level.code", "audience_level.name"])
      .where("offer_audience.offer_id", "=", id)
      .orderBy("audience_level.position")
      .execute(),
    db.selectFrom("offer_window").select(["starts_on", "ends_on"]).where("offer_id", "=", id).orderBy("starts_on").execute(),
    db
      .selectFrom("offer_event")
      .leftJoin("app_user", "app_user.id", "offer_event.actor_id")
      .select(["offer_event.id", "offer_event.from_status", "offer_event.to_status", "offer_event.note", "offer_event.created_at", "app_user.name as actor_name"])
      .where("offer_event.offer_id", "=", id)
      .orderBy("offer_event.created_at")
      .execute(),
    db.selectFrom("offer_quarter_load").select("approved").where("offer_id", "=", id).where("quarter", "=", quarter).executeTakeFirst(),
  ]);
  const withEvidence = capabilities.get(id) ?? [];
  return {
    ...toSummary(row, withEvidence, today),
    capabilities: withEvidence,
    description: row.description,
    regionCode: row.region_code,
    icbCode: row.icb_code,
    virtualOk: row.virtual_ok === 1,
    formatIsVirtual: row.is_virtual === 1,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    updatedAt: row.updated_at,
    audiences,
    windows: windows.map((w) => ({ start: w.starts_on, end: w.ends_on })),
    events: events.map((e) => ({ id: e.id, from: e.from_status, to: e.to_status, actorName: e.actor_name, note: e.note, createdAt: e.created_at })),
    quarter,
    placesTaken: Number(load?.approved ?? 0),
  };
}

/** The framework entries an offer form offers: current ones, plus retired ones the offer already has. */
export async function offerChoices(db: Db, keep: { capabilityIds?: string[]; formatCode?: string; audienceCodes?: string[] } = {}) {
  const keptCapabilities = keep.capabilityIds ?? [];
  const keptAudiences = keep.audienceCodes ?? [];
  const keptFormats = keep.formatCode ? [keep.formatCode] : [];
  const [capabilities, formats, audiences] = await Promise.all([
    db
      .selectFrom("capability")
      .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
      .select(["capability.id", "capability.name", "capability.description", "capability_domain.name as domain_name"])
      .where((eb) =>
        keptCapabilities.length ? eb.or([eb("capability.retired_at", "is", null), eb("capability.id", "in", keptCapabilities)]) : eb("capability.retired_at", "is", null),
      )
      .orderBy("capability_domain.position")
      .orderBy("capability.position")
      .orderBy("capability.name")
      .execute(),
    db
      .selectFrom("offer_format")
      .select(["code", "name", "description", "is_virtual"])
      .where((eb) => (keptFormats.length ? eb.or([eb("retired_at", "is", null), eb("code", "in", keptFormats)]) : eb("retired_at", "is", null)))
      .orderBy("position")
      .execute(),
    db
      .selectFrom("audience_level")
      .select(["code", "name", "description"])
      .where((eb) => (keptAudiences.length ? eb.or([eb("retired_at", "is", null), eb("code", "in", keptAudiences)]) : eb("retired_at", "is", null)))
      .orderBy("position")
      .execute(),
  ]);
  return { capabilities, formats, audiences };
}

/** Open pioneer organisations, for the browse filter. */
export function listPioneerOrganisations(db: Db) {
  return db.selectFrom("organisation").select(["id", "name"]).where("offers_outreach", "=", 1).where("active", "=", 1).orderBy("name").execute();
}
