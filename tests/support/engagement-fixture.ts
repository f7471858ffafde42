import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import type { SessionPlan } from "~/schemas/engagement";

// Two London trusts with an approved match (RF4 asks, RWK is the pioneer) and a trust elsewhere.
export const SEEDED = "2027-02-01T09:00:00.000Z";
/** 1 March 2027, 10:00 in England (GMT). */
export const MARCH_1 = new Date("2027-03-01T10:00:00Z");
export const at = (iso: string) => new Date(iso);

/** London: RF4 asks for help, RWK is the pioneer; RXX is a trust in the North West. */
export async function seedEngagementFixture(db: Kysely<Database>) {
  await db
    .insertInto("region")
    .values([
      { code: "Y56", ons_code: "E40000003", name: "London" },
      { code: "Y62", ons_code: "E40000010", name: "North West" },
    ])
    .execute();
  await db
    .insertInto("icb")
    .values([
      { code: "QMF", name: "North East London ICB", region_code: "Y56", list_version: "test" },
      { code: "QOP", name: "Greater Manchester ICB", region_code: "Y62", list_version: "test" },
    ])
    .execute();
  const org = (id: string, name: string, region: string, icb: string, pioneer: number) => ({
    id,
    ods_code: id,
    name,
    type: "acute" as const,
    is_foundation_trust: 0,
    region_code: region,
    icb_code: icb,
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
      org("RF4", "Barking Trust", "Y56", "QMF", 0),
      org("RWK", "East London Trust", "Y56", "QMF", 1),
      org("RXX", "Salford Trust", "Y62", "QOP", 1),
    ])
    .execute();
  await db
    .insertInto("coordinating_body")
    .values([
      { id: "london", name: "London region", scope: "region", scope_code: "Y56" },
      { id: "northwest", name: "North West region", scope: "region", scope_code: "Y62" },
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
    name: id,
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
      user("coord", "coordinator", null, "london"),
      user("nwcoord", "coordinator", null, "northwest"),
      user("req1", "org_admin", "RF4"),
      user("req2", "member", "RF4"),
      user("pio", "org_admin", "RWK"),
      user("sal", "org_admin", "RXX"),
      user("admin", "admin", null),
    ])
    .execute();
  await db
    .insertInto("offer_format")
    .values([
      { code: "visit", name: "Site visit", description: "", position: 0, retired_at: null, is_virtual: 0 },
      { code: "virtual", name: "Virtual session", description: "", position: 1, retired_at: null, is_virtual: 1 },
    ])
    .execute();
  await db
    .insertInto("audience_level")
    .values([
      { code: "board", name: "Board", description: "", position: 0, retired_at: null },
      { code: "all_staff", name: "All staff", description: "", position: 1, retired_at: null },
    ])
    .execute();
  await db
    .insertInto("offer")
    .values({
      id: "offerA",
      organisation_id: "RWK",
      title: "Measurement visits",
      description: "",
      format_code: "visit",
      capacity_per_quarter: 2,
      cost_model: "free",
      virtual_ok: 1,
      contact_name: "Contact",
      contact_email: "contact@example.org",
      status: "published",
      paused_until: null,
      created_by: "pio",
      created_at: SEEDED,
      updated_at: SEEDED,
    })
    .execute();
  await db
    .insertInto("help_request")
    .values({
      id: "r1",
      organisation_id: "RF4",
      title: "Run charts on every ward",
      outcome: "",
      window_start: "2027-02-01",
      window_end: "2027-06-30",
      virtual_ok: 1,
      travel_limit: "anywhere",
      budget: "free",
      priority: "medium",
      status: "submitted",
      created_by: "req1",
      created_at: SEEDED,
      updated_at: SEEDED,
      submitted_at: SEEDED,
    })
    .execute();
  await db
    .insertInto("outreach_match")
    .values({
      id: "m1",
      request_id: "r1",
      offer_id: "offerA",
      quarter: "2027-Q1",
      proposal_id: null,
      status: "approved",
      approved_by: "coord",
      approved_at: SEEDED,
      approval_reason: "",
      responded_by: null,
      responded_at: null,
      response_reason: null,
    })
    .execute();
}

export const requester: Actor = { id: "req1", role: "org_admin", organisationId: "RF4", scope: null };
export const requesterMember: Actor = { id: "req2", role: "member", organisationId: "RF4", scope: null };
export const pioneer: Actor = {
  id: "pio",
  role: "org_admin",
  organisationId: "RWK",
  scope: null,
  organisationIsPioneer: true,
};
export const thirdTrust: Actor = {
  id: "sal",
  role: "org_admin",
  organisationId: "RXX",
  scope: null,
  organisationIsPioneer: true,
};
export const coordinator: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y56" },
};
export const otherCoordinator: Actor = {
  id: "nwcoord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y62" },
};
export const admin: Actor = { id: "admin", role: "admin", organisationId: null, scope: null };

export const visit = (overrides: Partial<SessionPlan> = {}): SessionPlan => ({
  startsAt: "2027-03-05T10:00",
  durationMinutes: 120,
  formatCode: "visit",
  location: "Mile End Hospital, room 2",
  videoLink: "",
  agenda: "Ward walk, then run charts",
  attendance: { board: 2, all_staff: 8 },
  ...overrides,
});
