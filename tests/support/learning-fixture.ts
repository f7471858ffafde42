import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { openEngagement } from "~/models/engagement/core.server";
import { recordLearning } from "~/models/learning/entries.server";
import type { NewLearningFields } from "~/schemas/learning";
import {
  capability,
  capabilityDomain,
  coordinatingBody,
  match,
  offer,
  offerFormat,
  organisation,
  region,
  request,
  user,
} from "./factories";

/**
 * Three engagements for the learning tests:
 * - e1: RF4 (London) learns from RWK (London) through a site visit;
 * - e2: RF4 (London) learns from RXX (North West) in virtual sessions;
 * - e3: RTG (Midlands) learns from RXX (North West) in virtual sessions.
 */
export const SEEDED = "2027-01-04T09:00:00.000Z";

export async function seedLearning(db: Kysely<Database>): Promise<{ e1: string; e2: string; e3: string }> {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  await region(db, { code: "Y60", ons_code: "E40000011", name: "Midlands" });
  const trust = (id: string, name: string, region_code: string, offers_outreach: number) =>
    organisation(db, { id, name, region_code, offers_outreach, created_at: SEEDED, updated_at: SEEDED });
  await trust("RF4", "Barking Trust", "Y56", 0);
  await trust("RWK", "East London Trust", "Y56", 1);
  await trust("RXX", "Salford Trust", "Y62", 1);
  await trust("RTG", "Derby Trust", "Y60", 0);
  await coordinatingBody(db, { id: "national", name: "National team", scope: "national", scope_code: null });
  await coordinatingBody(db, { id: "london", name: "London region", scope: "region", scope_code: "Y56" });
  const person = (
    id: string,
    role: Database["app_user"]["role"],
    organisation_id: string | null,
    coordinating_body_id: string | null = null,
  ) => user(db, { id, name: `Person ${id}`, role, organisation_id, coordinating_body_id, created_at: SEEDED });
  await person("req", "org_admin", "RF4");
  await person("reqm", "member", "RF4");
  await person("pio", "org_admin", "RWK");
  await person("sal", "org_admin", "RXX");
  await person("rtg", "member", "RTG");
  await person("coord", "coordinator", null, "national");
  await person("lon", "coordinator", null, "london");
  await person("admin", "admin", null);
  await capabilityDomain(db, { id: "dom", name: "Improvement" });
  const framework = (id: string, code: string, name: string, position: number, retired_at: string | null = null) =>
    capability(db, { id, code, name, domain_id: "dom", position, retired_at, created_at: SEEDED });
  await framework("c1", "QSIR-MFI", "Measurement for improvement", 0);
  await framework("c2", "QSIR-PM", "Process mapping", 1);
  await framework("c3", "W3", "Culture", 2);
  await framework("old", "OLD", "Retired capability", 3, SEEDED);
  await offerFormat(db, { code: "visit", name: "Site visit", position: 0 });
  await offerFormat(db, { code: "virtual", name: "Virtual session", position: 1, is_virtual: 1 });
  const stamped = { capacity_per_quarter: 5, created_at: SEEDED, updated_at: SEEDED };
  await offer(db, {
    id: "offerA",
    organisation_id: "RWK",
    title: "Offer offerA",
    format_code: "visit",
    created_by: "pio",
    ...stamped,
  });
  await offer(db, {
    id: "offerB",
    organisation_id: "RXX",
    title: "Offer offerB",
    format_code: "virtual",
    created_by: "sal",
    ...stamped,
  });
  // Three requests, each matched to an offer whose pioneer has accepted.
  const accepted = async (
    matchId: string,
    id: string,
    organisation_id: string,
    created_by: string,
    offer_id: string,
    pioneer: string,
  ) => {
    await request(db, {
      id,
      organisation_id,
      title: `Request ${id}`,
      window_start: "2027-01-01",
      window_end: "2027-06-30",
      status: "matched",
      created_by,
      created_at: SEEDED,
      updated_at: SEEDED,
      submitted_at: SEEDED,
    });
    await match(db, {
      id: matchId,
      request_id: id,
      offer_id,
      quarter: "2027-Q1",
      status: "accepted",
      approved_by: "coord",
      approved_at: SEEDED,
      responded_by: pioneer,
      responded_at: SEEDED,
    });
  };
  await accepted("m1", "r1", "RF4", "req", "offerA", "pio");
  await accepted("m2", "r2", "RF4", "req", "offerB", "sal");
  await accepted("m3", "r3", "RTG", "rtg", "offerB", "sal");
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
