/**
 * Rows for integration tests: each factory inserts one row with sensible defaults, takes
 * overrides for whatever the test cares about, and returns the row as inserted.
 */
import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;
type Row<T extends keyof Database> = Selectable<Database[T]>;
type Overrides<T extends keyof Database> = Partial<Insertable<Database[T]>>;

/** The moment factory rows are stamped with unless a test says otherwise. */
export const FACTORY_TIME = "2026-01-05T09:00:00.000Z";

let sequence = 0;
/** A value unique within this test process, so factories can be called any number of times. */
const unique = (prefix: string) => `${prefix}${++sequence}`;

async function insert<T extends keyof Database>(db: Db, table: T, row: Row<T>): Promise<Row<T>> {
  await db
    .insertInto(table)
    .values(row as never)
    .execute();
  return row;
}

export const region = (db: Db, overrides: Overrides<"region"> = {}) =>
  insert(db, "region", { code: unique("Y"), ons_code: unique("E4"), name: unique("Region "), ...overrides });

export const icb = (db: Db, overrides: Overrides<"icb"> & { region_code: string }) =>
  insert(db, "icb", { code: unique("Q"), name: unique("ICB "), list_version: "test", ...overrides });

export function organisation(db: Db, overrides: Overrides<"organisation"> = {}) {
  const id = overrides.id ?? unique("R");
  return insert(db, "organisation", {
    id,
    ods_code: id,
    name: `Trust ${id}`,
    type: "acute",
    is_foundation_trust: 0,
    region_code: null,
    icb_code: null,
    address: "",
    postcode: "",
    opened_on: null,
    closed_on: null,
    active: 1,
    seeks_help: 1,
    offers_outreach: 0,
    shared_capacity_per_quarter: null,
    created_at: FACTORY_TIME,
    updated_at: FACTORY_TIME,
    support_priority: null,
    ...overrides,
  });
}

export const coordinatingBody = (db: Db, overrides: Overrides<"coordinating_body"> = {}) =>
  insert(db, "coordinating_body", {
    id: unique("body-"),
    name: unique("Coordinating body "),
    scope: "national",
    scope_code: null,
    ...overrides,
  });

export function user(db: Db, overrides: Overrides<"app_user"> = {}) {
  const id = overrides.id ?? unique("user-");
  return insert(db, "app_user", {
    id,
    email: `${id}@example.org`,
    name: id,
    password_hash: "x",
    role: "member",
    organisation_id: null,
    coordinating_body_id: null,
    created_at: FACTORY_TIME,
    disabled_at: null,
    last_sign_in_at: null,
    ...overrides,
  });
}

export const capabilityDomain = (db: Db, overrides: Overrides<"capability_domain"> = {}) =>
  insert(db, "capability_domain", {
    id: unique("dom-"),
    name: unique("Domain "),
    description: "",
    position: 0,
    retired_at: null,
    ...overrides,
  });

export function capability(db: Db, overrides: Overrides<"capability"> & { domain_id: string }) {
  const id = overrides.id ?? unique("cap-");
  return insert(db, "capability", {
    id,
    code: id,
    name: `Capability ${id}`,
    description: "",
    position: 0,
    retired_at: null,
    created_at: FACTORY_TIME,
    ...overrides,
  });
}

export const audienceLevel = (db: Db, overrides: Overrides<"audience_level"> = {}) =>
  insert(db, "audience_level", {
    code: unique("audience-"),
    name: unique("Audience "),
    description: "",
    position: 0,
    retired_at: null,
    ...overrides,
  });

export const offerFormat = (db: Db, overrides: Overrides<"offer_format"> = {}) =>
  insert(db, "offer_format", {
    code: unique("format-"),
    name: unique("Format "),
    description: "",
    position: 0,
    retired_at: null,
    is_virtual: 0,
    ...overrides,
  });

export const assessment = (
  db: Db,
  overrides: Overrides<"assessment"> & { organisation_id: string; assessed_by: string },
) =>
  insert(db, "assessment", {
    id: unique("assessment-"),
    assessed_on: FACTORY_TIME.slice(0, 10),
    note: "",
    created_at: FACTORY_TIME,
    ...overrides,
  });

/** A submitted help request, open to matching from the start of the factory year to the end of the next. */
export const request = (
  db: Db,
  overrides: Overrides<"help_request"> & { organisation_id: string; created_by: string },
) =>
  insert(db, "help_request", {
    id: unique("request-"),
    title: unique("Request "),
    outcome: "",
    window_start: "2026-01-01",
    window_end: "2027-12-31",
    virtual_ok: 1,
    travel_limit: "anywhere",
    budget: "free",
    priority: "medium",
    status: "submitted",
    created_at: FACTORY_TIME,
    updated_at: FACTORY_TIME,
    submitted_at: FACTORY_TIME,
    preferred_offer_id: null,
    ...overrides,
  });

/** A published offer. */
export const offer = (
  db: Db,
  overrides: Overrides<"offer"> & { organisation_id: string; format_code: string; created_by: string },
) =>
  insert(db, "offer", {
    id: unique("offer-"),
    title: unique("Offer "),
    description: "",
    capacity_per_quarter: 1,
    cost_model: "free",
    virtual_ok: 1,
    contact_name: "Contact",
    contact_email: "contact@example.org",
    status: "published",
    paused_until: null,
    fee_pence: null,
    created_at: FACTORY_TIME,
    updated_at: FACTORY_TIME,
    ...overrides,
  });

/** A match a coordinator approved, not yet answered by the pioneer. */
export const match = (
  db: Db,
  overrides: Overrides<"outreach_match"> & { request_id: string; offer_id: string; approved_by: string },
) =>
  insert(db, "outreach_match", {
    id: unique("match-"),
    quarter: "2026-Q1",
    proposal_id: null,
    status: "approved",
    approved_at: FACTORY_TIME,
    approval_reason: "",
    responded_by: null,
    responded_at: null,
    response_reason: null,
    answer_due_at: null,
    ...overrides,
  });

/**
 * The reference rows most files need: London (Y56) with North East London ICB (QMF), the
 * North West (Y62) with Greater Manchester ICB (QOP), site visit and virtual formats, and
 * board and all-staff audiences.
 */
export async function standardReferenceData(db: Db) {
  const london = await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  const northWest = await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  const northEastLondon = await icb(db, { code: "QMF", name: "North East London ICB", region_code: "Y56" });
  const greaterManchester = await icb(db, { code: "QOP", name: "Greater Manchester ICB", region_code: "Y62" });
  const visit = await offerFormat(db, { code: "visit", name: "Site visit", position: 0, is_virtual: 0 });
  const virtual = await offerFormat(db, { code: "virtual", name: "Virtual session", position: 1, is_virtual: 1 });
  const board = await audienceLevel(db, { code: "board", name: "Board", position: 0 });
  const allStaff = await audienceLevel(db, { code: "all_staff", name: "All staff", position: 1 });
  return {
    regions: { london, northWest },
    icbs: { northEastLondon, greaterManchester },
    formats: { visit, virtual },
    audiences: { board, allStaff },
  };
}
