import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { nowIso } from "../../lib/dates";
import { actorIdOf, recordAuditEvent, type RequestOrigin } from "../audit/record.server";
import { refOf } from "./guard.server";

/**
 * A pioneer trust's limit on engagements a quarter across all its offers (its improvement team's
 * time), beside each offer's own capacity. Null clears it. Only the trust's administrator (or a
 * service administrator) sets it, and only for a trust that offers outreach.
 */
export async function setSharedCapacity(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: string,
  capacity: number | null,
  from: RequestOrigin = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const organisation = await trx
      .selectFrom("organisation")
      .select(["id", "region_code", "icb_code", "offers_outreach", "shared_capacity_per_quarter"])
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation) throw new NotFound("Organisation");
    if (!can(actor, { action: "organisation:edit", organisation: refOf(organisation) }))
      throw new Forbidden("You may not change this organisation's details");
    if (organisation.offers_outreach !== 1)
      throw new Refused("Only a pioneer trust offering outreach sets a shared limit", { code: "not_pioneer" });
    if (organisation.shared_capacity_per_quarter === capacity) return;
    await trx
      .updateTable("organisation")
      .set({ shared_capacity_per_quarter: capacity, updated_at: nowIso() })
      .where("id", "=", organisationId)
      .execute();
    await recordAuditEvent(trx, {
      kind: "organisation_changed",
      actorId: actorIdOf(actor),
      organisationId,
      clientAddress: from.clientAddress,
      detail:
        capacity === null
          ? "shared capacity across offers cleared"
          : `shared capacity across offers set to ${capacity} a quarter`,
    });
  });
}
