import { sql, type Kysely, type Transaction } from "kysely";
import type { CostModel, Database, OfferStatus } from "../../../db/schema";
import { containsText } from "../../../db/portable";
import { effectiveStatus, type DateWindow } from "../../domain/offer-availability";
import { quarterOf, todayInEngland } from "../../lib/dates";

// Reading offers: summaries for lists and search, the full offer page, and form choices.
type Db = Kysely<Database> | Transaction<Database>;

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
  /** What the offer charges, in pence; null when free. */
  feePence: number | null;
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
  "offer.fee_pence",
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
    .select([
      "offer_capability.offer_id",
      "capability.id",
      "capability.code",
      "capability.name",
      "offer_capability.evidence",
    ])
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
    feePence: row.cost_model === "free" ? null : row.fee_pence,
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
  // Filter and page on the offers alone; names are joined for the one page shown.
  let query = db
    .selectFrom("offer")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .innerJoin("offer_format", "offer_format.code", "offer.format_code")
    .where((eb) => {
      const open = eb.and([
        eb("organisation.active", "=", 1),
        eb.or([
          eb("offer.status", "=", "published"),
          eb.and([eb("offer.status", "=", "paused"), eb("offer.paused_until", "<=", today)]),
        ]),
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
  if (filters.virtual)
    query = query.where((eb) => eb.or([eb("offer.virtual_ok", "=", 1), eb("offer_format.is_virtual", "=", 1)]));
  if (filters.q) {
    const q = filters.q.trim();
    query = query.where((eb) =>
      eb.or([
        containsText(sql.ref("offer.title"), q),
        containsText(sql.ref("offer.description"), q),
        containsText(sql.ref("organisation.name"), q),
      ]),
    );
  }

  let ordered = query.select("offer.id");
  const byTitle = sql<string>`lower(${sql.ref("offer.title")})`;
  if (filters.sort === "title") ordered = ordered.orderBy(byTitle).orderBy("offer.id");
  else if (filters.sort === "capacity")
    ordered = ordered.orderBy("offer.capacity_per_quarter", "desc").orderBy(byTitle).orderBy("offer.id");
  else ordered = ordered.orderBy("offer.created_at", "desc").orderBy("offer.id");

  const [pageIds, total] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const ids = pageIds.map((r) => r.id);
  const details = ids.length ? await summaries(db).select(SUMMARY_COLUMNS).where("offer.id", "in", ids).execute() : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = ids.map((id) => byId.get(id)!);
  const capabilities = await capabilitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => toSummary(r, capabilities.get(r.id) ?? [], today)), total: Number(total.n) };
}

const STATUS_ORDER: Record<OfferStatus, number> = { published: 0, paused: 1, closed: 2 };

/** Every offer of one organisation, whatever its status: open ones first, then paused, then closed; newest first within each. */
export async function listOrganisationOffers(
  db: Db,
  organisationId: string,
  today: string = todayInEngland(),
): Promise<OfferSummary[]> {
  const rows = await summaryRows(db)
    .where("offer.organisation_id", "=", organisationId)
    .orderBy("offer.created_at", "desc")
    .orderBy("offer.id")
    .execute();
  const capabilities = await capabilitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => toSummary(r, capabilities.get(r.id) ?? [], today))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
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
  events: {
    id: string;
    from: OfferStatus | null;
    to: OfferStatus;
    actorName: string | null;
    note: string;
    createdAt: string;
  }[];
  /** The calendar quarter of today, and how many of its places matches have taken. */
  quarter: string;
  placesTaken: number;
}

export async function getOffer(db: Db, id: string, today: string = todayInEngland()): Promise<OfferDetail | undefined> {
  const row = await summaries(db)
    .select(SUMMARY_COLUMNS)
    .select([
      "offer.description",
      "offer.contact_name",
      "offer.contact_email",
      "offer.updated_at",
      "organisation.region_code",
      "organisation.icb_code",
    ])
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
    db
      .selectFrom("offer_window")
      .select(["starts_on", "ends_on"])
      .where("offer_id", "=", id)
      .orderBy("starts_on")
      .execute(),
    db
      .selectFrom("offer_event")
      .leftJoin("app_user", "app_user.id", "offer_event.actor_id")
      .select([
        "offer_event.id",
        "offer_event.from_status",
        "offer_event.to_status",
        "offer_event.note",
        "offer_event.created_at",
        "app_user.name as actor_name",
      ])
      .where("offer_event.offer_id", "=", id)
      .orderBy("offer_event.created_at")
      .execute(),
    db
      .selectFrom("offer_quarter_load")
      .select("approved")
      .where("offer_id", "=", id)
      .where("quarter", "=", quarter)
      .executeTakeFirst(),
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
    events: events.map((e) => ({
      id: e.id,
      from: e.from_status,
      to: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      createdAt: e.created_at,
    })),
    quarter,
    placesTaken: Number(load?.approved ?? 0),
  };
}

/** The framework entries an offer form offers: current ones, plus retired ones the offer already has. */
export async function offerChoices(
  db: Db,
  keep: { capabilityIds?: string[]; formatCode?: string; audienceCodes?: string[] } = {},
) {
  const keptCapabilities = keep.capabilityIds ?? [];
  const keptAudiences = keep.audienceCodes ?? [];
  const keptFormats = keep.formatCode ? [keep.formatCode] : [];
  const [capabilities, formats, audiences] = await Promise.all([
    db
      .selectFrom("capability")
      .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
      .select(["capability.id", "capability.name", "capability.description", "capability_domain.name as domain_name"])
      .where((eb) =>
        keptCapabilities.length
          ? eb.or([eb("capability.retired_at", "is", null), eb("capability.id", "in", keptCapabilities)])
          : eb("capability.retired_at", "is", null),
      )
      .orderBy("capability_domain.position")
      .orderBy("capability.position")
      .orderBy("capability.name")
      .execute(),
    db
      .selectFrom("offer_format")
      .select(["code", "name", "description", "is_virtual"])
      .where((eb) =>
        keptFormats.length
          ? eb.or([eb("retired_at", "is", null), eb("code", "in", keptFormats)])
          : eb("retired_at", "is", null),
      )
      .orderBy("position")
      .execute(),
    db
      .selectFrom("audience_level")
      .select(["code", "name", "description"])
      .where((eb) =>
        keptAudiences.length
          ? eb.or([eb("retired_at", "is", null), eb("code", "in", keptAudiences)])
          : eb("retired_at", "is", null),
      )
      .orderBy("position")
      .execute(),
  ]);
  return { capabilities, formats, audiences };
}

/** Open pioneer organisations, for the browse filter. */
export async function organisationName(db: Db, id: string): Promise<string | null> {
  return (await db.selectFrom("organisation").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
}
