import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../db/schema";
import type { Actor } from "~/auth/policy";

const SEEDED = "2026-11-01T09:00:00.000Z";

/**
 * Two London trusts (one a pioneer), one in the North West, and the people around them:
 * enough for who-may-read-what and who-may-grant-what questions.
 */
export async function seedPioneerWorld(db: Kysely<Database>) {
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
      { code: "QMF", name: "NHS North East London ICB", region_code: "Y56", list_version: "test" },
      { code: "QOP", name: "NHS Greater Manchester ICB", region_code: "Y62", list_version: "test" },
    ])
    .execute();
  const organisation = (id: string, region: string, icb: string, pioneer: number) => ({
    id,
    ods_code: id,
    name: `Trust ${id}`,
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
      organisation("RF4", "Y56", "QMF", 0),
      organisation("RWK", "Y56", "QMF", 1),
      organisation("RM3", "Y62", "QOP", 0),
    ])
    .execute();
  await db
    .insertInto("coordinating_body")
    .values([
      { id: "body-london", name: "London region", scope: "region", scope_code: "Y56" },
      { id: "body-nw", name: "North West region", scope: "region", scope_code: "Y62" },
    ])
    .execute();
  const user = (
    id: string,
    name: string,
    role: UserRole,
    organisationId: string | null,
    bodyId: string | null = null,
  ) => ({
    id,
    email: `${id}@example.org`,
    name,
    password_hash: "not-used",
    role,
    organisation_id: organisationId,
    coordinating_body_id: bodyId,
    created_at: SEEDED,
    disabled_at: null,
  });
  await db
    .insertInto("app_user")
    .values([
      user("requester", "Rita Requester", "org_admin", "RF4"),
      user("member", "Mo Member", "member", "RF4"),
      user("pioneer", "Pat Pioneer", "org_admin", "RWK"),
      user("northwest", "Nia North", "org_admin", "RM3"),
      user("london", "Lon Coordinator", "coordinator", null, "body-london"),
      user("nwcoord", "Nor Coordinator", "coordinator", null, "body-nw"),
      user("admin", "Ada Admin", "admin", null),
    ])
    .execute();
  await db
    .insertInto("capability_domain")
    .values({ id: "dom-qsir", name: "QSIR", description: "", position: 1, retired_at: null })
    .execute();
  await db
    .insertInto("capability")
    .values({
      id: "cap-measure",
      code: "QSIR-MFI",
      name: "Measurement for improvement",
      description: "",
      domain_id: "dom-qsir",
      position: 1,
      retired_at: null,
      created_at: SEEDED,
    })
    .execute();
  await db
    .insertInto("audience_level")
    .values({
      code: "managers",
      name: "Improvement leaders and managers",
      description: "",
      position: 3,
      retired_at: null,
    })
    .execute();
  await db
    .insertInto("offer_format")
    .values({ code: "site_visit", name: "Site visit", description: "", position: 1, retired_at: null, is_virtual: 0 })
    .execute();
}

export const people = {
  requester: { id: "requester", role: "org_admin", organisationId: "RF4", scope: null, organisationIsPioneer: false },
  member: { id: "member", role: "member", organisationId: "RF4", scope: null, organisationIsPioneer: false },
  pioneer: { id: "pioneer", role: "org_admin", organisationId: "RWK", scope: null, organisationIsPioneer: true },
  northwest: { id: "northwest", role: "org_admin", organisationId: "RM3", scope: null, organisationIsPioneer: false },
  london: { id: "london", role: "coordinator", organisationId: null, scope: { kind: "region", code: "Y56" } },
  nwcoord: { id: "nwcoord", role: "coordinator", organisationId: null, scope: { kind: "region", code: "Y62" } },
  admin: { id: "admin", role: "admin", organisationId: null, scope: null },
} satisfies Record<string, Actor>;
