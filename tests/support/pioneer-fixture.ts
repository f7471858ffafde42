import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import {
  audienceLevel,
  capability,
  capabilityDomain,
  coordinatingBody,
  icb,
  offerFormat,
  organisation,
  region,
  user,
} from "./factories";

const SEEDED = "2026-11-01T09:00:00.000Z";

/**
 * Two London trusts (one a pioneer), one in the North West, and the people around them:
 * enough for who-may-read-what and who-may-grant-what questions.
 */
export async function seedPioneerWorld(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  await icb(db, { code: "QMF", name: "NHS North East London ICB", region_code: "Y56" });
  await icb(db, { code: "QOP", name: "NHS Greater Manchester ICB", region_code: "Y62" });
  const trust = (id: string, region_code: string, icb_code: string, offers_outreach: number) =>
    organisation(db, { id, region_code, icb_code, offers_outreach, created_at: SEEDED, updated_at: SEEDED });
  await trust("RF4", "Y56", "QMF", 0);
  await trust("RWK", "Y56", "QMF", 1);
  await trust("RM3", "Y62", "QOP", 0);
  await coordinatingBody(db, { id: "body-london", name: "London region", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "body-nw", name: "North West region", scope: "region", scope_code: "Y62" });
  const person = (
    id: string,
    name: string,
    role: UserRole,
    organisation_id: string | null,
    coordinating_body_id: string | null = null,
  ) =>
    user(db, { id, name, password_hash: "not-used", role, organisation_id, coordinating_body_id, created_at: SEEDED });
  await person("requester", "Rita Requester", "org_admin", "RF4");
  await person("member", "Mo Member", "member", "RF4");
  await person("pioneer", "Pat Pioneer", "org_admin", "RWK");
  await person("northwest", "Nia North", "org_admin", "RM3");
  await person("london", "Lon Coordinator", "coordinator", null, "body-london");
  await person("nwcoord", "Nor Coordinator", "coordinator", null, "body-nw");
  await person("admin", "Ada Admin", "admin", null);
  await capabilityDomain(db, { id: "dom-qsir", name: "QSIR", position: 1 });
  await capability(db, {
    id: "cap-measure",
    code: "QSIR-MFI",
    name: "Measurement for improvement",
    domain_id: "dom-qsir",
    position: 1,
    created_at: SEEDED,
  });
  await audienceLevel(db, { code: "managers", name: "Improvement leaders and managers", position: 3 });
  await offerFormat(db, { code: "site_visit", name: "Site visit", position: 1 });
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
