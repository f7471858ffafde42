import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import {
  listActiveCapabilities,
  listAudienceLevels,
  listOfferFormats,
  listReadinessFactors,
} from "../../../app/models/framework/framework.server";

/** What the scaled data is built from: the framework, coded lists and places as the database has them now. */
export interface Reference {
  /** Active capabilities, in framework order; plans refer to them by index. */
  capabilities: { id: string; code: string; name: string }[];
  audiences: string[];
  formats: { code: string; name: string; isVirtual: boolean }[];
  factors: string[];
  icbs: { code: string; regionCode: string }[];
  /** The coordinator recorded as approving matches: the national demo coordinator when present. */
  approverId: string;
}

export class ReferenceMissing extends Error {}

export async function loadReference(db: Kysely<Database>): Promise<Reference> {
  const capabilities = (await listActiveCapabilities(db)).map((c) => ({ id: c.id, code: c.code, name: c.name }));
  const audiences = (await listAudienceLevels(db)).map((a) => a.code);
  const formats = (await listOfferFormats(db)).map((f) => ({
    code: f.code,
    name: f.name,
    isVirtual: f.is_virtual === 1,
  }));
  const factors = (await listReadinessFactors(db)).map((f) => f.code);
  const icbs = (await db.selectFrom("icb").select(["code", "region_code"]).orderBy("code").execute()).map((i) => ({
    code: i.code,
    regionCode: i.region_code,
  }));
  const coordinators = await db
    .selectFrom("app_user")
    .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select(["app_user.id", "app_user.email", "coordinating_body.scope"])
    .where("app_user.role", "=", "coordinator")
    .where("app_user.disabled_at", "is", null)
    .orderBy("app_user.email")
    .execute();
  const approver =
    coordinators.find((c) => c.email === "coordinator@example.org") ??
    coordinators.find((c) => c.scope === "national") ??
    coordinators[0];

  const missing = [
    capabilities.length === 0 && "capabilities",
    audiences.length === 0 && "audience levels",
    formats.length === 0 && "offer formats",
    icbs.length === 0 && "integrated care boards",
    !approver && "a coordinator account to approve matches",
  ].filter(Boolean);
  if (missing.length > 0)
    throw new ReferenceMissing(
      `The database has no ${missing.join(", ")}: seed the reference data and demo accounts first`,
    );
  return { capabilities, audiences, formats, factors, icbs, approverId: approver!.id };
}
