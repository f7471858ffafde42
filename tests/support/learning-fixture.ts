import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { openEngagement } from "~/models/engagement/core.server";
import { recordLearning } from "~/models/learning/entries.server";
import type { NewLearningFields } from "~/schemas/learning";

/**
 * Three engagements for the learning tests:
 * - e1: RF4 (London) learns from RWK (London) through a site visit;
 * - e2: RF4 (London) learns from RXX (North West) in virtual sessions;
 * - e3: RTG (Midlands) learns from RXX (North West) in virtual sessions.
 */
export const SEEDED = "2027-01-04T09:00:00.000Z";

export async function seedLearning(db: Kysely<Database>): Promise<{ e1: string; e2: string; e3: string }> {
  await db
    .insertInto("region")
    .values([
      { code: "Y56", ons_code: "E40000003", name: "London" },
      { code: "Y62", ons_code: "E40000010", name: "North West" },
      { code: "Y60", ons_code: "E40000011", name: "Midlands" },
    ])
    .execute();
  const org = (id: string, name: string, region: string, pioneer: number) => ({
    id,
    ods_code: id,
    name,
    type: "acute" as const,
    is_foundation_trust: 0,
    region_code: region,
    icb_code: null,
    address: "",
    postcode: "",
    opened_on: null,
    closed_on: null,
    active: 1,
    seeks_help: 1,
    offers_outreach: pioneer,
    created_at: SEEDED,
    updated_at: SEEDED,
  });
  await db
    .insertInto("organisation")
    .values([
      org("RF4", "Barking Trust", "Y56", 0),
      org("RWK", "East London Trust", "Y56", 1),
      org("RXX", "Salford Trust", "Y62", 1),
      org("RTG", "Derby Trust", "Y60", 0),
    ])
    .execute();
  await db
    .insertInto("coordinating_body")
    .values([
      { id: "national", name: "National team", scope: "national", scope_code: null },
      { id: "london", name: "London region", scope: "region", scope_code: "Y56" },
    ])
    .execute();
  const user = (
    id: string,
    role: Database["app_user"]["role"],
    organisation_id: string | null,
    coordinating_body_id: string | null = null,
  ) => ({
    id,
    email: `${id}@example.org`,
    name: `Person ${id}`,
    password_hash: "x",
    role,
    organisation_id,
    coordinating_body_id,
    created_at: SEEDED,
    disabled_at: null,
  });
  await db
    .insertInto("app_user")
    .values([
      user("req", "org_admin", "RF4"),
      user("reqm", "member", "RF4"),
      user("pio", "org_admin", "RWK"),
      user("sal", "org_admin", "RXX"),
      user("rtg", "member", "RTG"),
      user("coord", "coordinator", null, "national"),
      user("lon", "coordinator", null, "london"),
      user("admin", "admin", null),
    ])
    .execute();
  await db
    .insertInto("capability_domain")
    .values({ id: "dom", name: "Improvement", description: "", position: 0, retired_at: null })
    .execute();
  const capability = (id: string, code: string, name: string, position: number, retired_at: string | null = null) => ({
    id,
    code,
    name,
    description: "",
    domain_id: "dom",
    position,
    retired_at,
    created_at: SEEDED,
  });
  await db
    .insertInto("capability")
    .values([
      capability("c1", "QSIR-MFI", "Measurement for improvement", 0),
      capability("c2", "QSIR-PM", "Process mapping", 1),
      capability("c3", "W3", "Culture", 2),
      capability("old", "OLD", "Retired capability", 3, SEEDED),
    ])
    .execute();
  await db
    .insertInto("offer_format")
    .values([
      { code: "visit", name: "Site visit", description: "", position: 0, retired_at: null, is_virtual: 0 },
      { code: "virtual", name: "Virtual session", description: "", position: 1, retired_at: null, is_virtual: 1 },
    ])
    .execute();
  const offer = (id: string, organisation_id: string, format_code: string, created_by: string) => ({
    id,
    organisation_id,
    title: `Offer ${id}`,
    description: "",
    format_code,
    capacity_per_quarter: 5,
    cost_model: "free" as const,
    virtual_ok: 1,
    contact_name: "Contact",
    contact_email: "contact@example.org",
    status: "published" as const,
    paused_until: null,
    created_by,
    created_at: SEEDED,
    updated_at: SEEDED,
  });
  await db
    .insertInto("offer")
    .values([offer("offerA", "RWK", "visit", "pio"), offer("offerB", "RXX", "virtual", "sal")])
    .execute();
  const request = (id: string, organisation_id: string, created_by: string) => ({
    id,
    organisation_id,
    title: `Request ${id}`,
    outcome: "",
    window_start: "2027-01-01",
    window_end: "2027-06-30",
    virtual_ok: 1,
    travel_limit: "anywhere" as const,
    budget: "free" as const,
    priority: "medium" as const,
    status: "matched" as const,
    created_by,
    created_at: SEEDED,
    updated_at: SEEDED,
    submitted_at: SEEDED,
  });
  await db
    .insertInto("help_request")
    .values([request("r1", "RF4", "req"), request("r2", "RF4", "req"), request("r3", "RTG", "rtg")])
    .execute();
  const match = (id: string, request_id: string, offer_id: string, responded_by: string) => ({
    id,
    request_id,
    offer_id,
    quarter: "2027-Q1",
    proposal_id: null,
    status: "accepted" as const,
    approved_by: "coord",
    approved_at: SEEDED,
    approval_reason: "",
    responded_by,
    responded_at: SEEDED,
    response_reason: null,
  });
  await db
    .insertInto("outreach_match")
    .values([
      match("m1", "r1", "offerA", "pio"),
      match("m2", "r2", "offerB", "sal"),
      match("m3", "r3", "offerB", "sal"),
    ])
    .execute();
  return {
    e1: await openEngagement(db, { matchId: "m1", actorId: "pio", openedAt: SEEDED }),
    e2: await openEngagement(db, { matchId: "m2", actorId: "sal", openedAt: SEEDED }),
    e3: await openEngagement(db, { matchId: "m3", actorId: "sal", openedAt: SEEDED }),
  };
}

export const actors = {
  requester: { id: "req", role: "org_admin", organisationId: "RF4", scope: null },
  requesterMember: { id: "reqm", role: "member", organisationId: "RF4", scope: null },
  pioneer: { id: "pio", role: "org_admin", organisationId: "RWK", scope: null, organisationIsPioneer: true },
  salford: { id: "sal", role: "org_admin", organisationId: "RXX", scope: null, organisationIsPioneer: true },
  derby: { id: "rtg", role: "member", organisationId: "RTG", scope: null },
  coordinator: { id: "coord", role: "coordinator", organisationId: null, scope: { kind: "national", code: null } },
  londonCoordinator: { id: "lon", role: "coordinator", organisationId: null, scope: { kind: "region", code: "Y56" } },
  admin: { id: "admin", role: "admin", organisationId: null, scope: null },
} satisfies Record<string, Actor>;

export function entryFields(overrides: Partial<NewLearningFields> = {}): NewLearningFields {
  return {
    title: "Daily huddles",
    insight: "Short daily huddles kept the ward team focused on one measure.",
    capabilityIds: ["c1"],
    visibility: "shared",
    links: [],
    actions: [],
    ...overrides,
  };
}

export const record = (
  db: Kysely<Database>,
  actor: Actor,
  engagementId: string,
  overrides: Partial<NewLearningFields> = {},
) => recordLearning(db, { actor, engagementId, fields: entryFields(overrides) });

/** Sets when an entry was recorded, for tests about dates and order. */
export const backdate = (db: Kysely<Database>, entryId: string, createdAt: string) =>
  db.updateTable("learning_entry").set({ created_at: createdAt }).where("id", "=", entryId).execute();

/** Rows in the full-text index (an FTS5 table or a tsvector table, counted the same way). */
export async function indexedRows(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from learning_search`.execute(db);
  return Number(rows[0].n);
}
