import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface Place {
  regionCode: string | null;
  icbCode: string | null;
}

/** The active coordinators whose national, regional or board scope covers any of these places, each once. */
export async function coordinatorsCovering(db: Db, places: Place[]): Promise<string[]> {
  const regions = [...new Set(places.flatMap((p) => (p.regionCode ? [p.regionCode] : [])))];
  const boards = [...new Set(places.flatMap((p) => (p.icbCode ? [p.icbCode] : [])))];
  const rows = await db
    .selectFrom("app_user")
    .innerJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select("app_user.id")
    .distinct()
    .where("app_user.role", "=", "coordinator")
    .where("app_user.disabled_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("coordinating_body.scope", "=", "national"),
        ...(regions.length
          ? [eb.and([eb("coordinating_body.scope", "=", "region"), eb("coordinating_body.scope_code", "in", regions)])]
          : []),
        ...(boards.length
          ? [eb.and([eb("coordinating_body.scope", "=", "icb"), eb("coordinating_body.scope_code", "in", boards)])]
          : []),
      ]),
    )
    .orderBy("app_user.id")
    .execute();
  return rows.map((r) => r.id);
}
