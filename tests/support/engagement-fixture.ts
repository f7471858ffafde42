import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import type { SessionPlan } from "~/schemas/engagement";
import { coordinatingBody, match, offer, organisation, request, standardReferenceData, user } from "./factories";

/** When the fixture's rows were created. */
export const SEEDED = "2027-02-01T09:00:00.000Z";
/** 1 March 2027, 10:00 in England (GMT). */
export const MARCH_1 = new Date("2027-03-01T10:00:00Z");

/**
 * London: RF4 asks for help, RWK is the pioneer, with a match approved between them (m1, on
 * request r1 and offer offerA); RXX is a trust in the North West. Shared by the engagement tests.
 */
export async function seedEngagementFixture(db: Kysely<Database>) {
  await standardReferenceData(db);
  const stamped = { created_at: SEEDED, updated_at: SEEDED };
  await organisation(db, { id: "RF4", name: "Barking Trust", region_code: "Y56", icb_code: "QMF", ...stamped });
  await organisation(db, {
    id: "RWK",
    name: "East London Trust",
    region_code: "Y56",
    icb_code: "QMF",
    offers_outreach: 1,
    ...stamped,
  });
  await organisation(db, {
    id: "RXX",
    name: "Salford Trust",
    region_code: "Y62",
    icb_code: "QOP",
    offers_outreach: 1,
    ...stamped,
  });
  await coordinatingBody(db, { id: "london", name: "London region", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "northwest", name: "North West region", scope: "region", scope_code: "Y62" });
  await user(db, { id: "coord", role: "coordinator", coordinating_body_id: "london", created_at: SEEDED });
  await user(db, { id: "nwcoord", role: "coordinator", coordinating_body_id: "northwest", created_at: SEEDED });
  await user(db, { id: "req1", role: "org_admin", organisation_id: "RF4", created_at: SEEDED });
  await user(db, { id: "req2", role: "member", organisation_id: "RF4", created_at: SEEDED });
  await user(db, { id: "pio", role: "org_admin", organisation_id: "RWK", created_at: SEEDED });
  await user(db, { id: "sal", role: "org_admin", organisation_id: "RXX", created_at: SEEDED });
  await user(db, { id: "admin", role: "admin", created_at: SEEDED });
  await offer(db, {
    id: "offerA",
    organisation_id: "RWK",
    title: "Measurement visits",
    format_code: "visit",
    capacity_per_quarter: 2,
    created_by: "pio",
    ...stamped,
  });
  await request(db, {
    id: "r1",
    organisation_id: "RF4",
    title: "Run charts on every ward",
    window_start: "2027-02-01",
    window_end: "2027-06-30",
    created_by: "req1",
    ...stamped,
    submitted_at: SEEDED,
  });
  await match(db, {
    id: "m1",
    request_id: "r1",
    offer_id: "offerA",
    quarter: "2027-Q1",
    approved_by: "coord",
    approved_at: SEEDED,
  });
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
