import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { nowIso } from "../../lib/dates";
import { Forbidden, NotFound } from "../../lib/errors";
import { actorIdOf, recordAuditEvent } from "../audit/record.server";

/**
 * A coordinator flags a trust as a priority for support (e.g. "Recovery Support Programme"), or
 * clears the flag (reason null). Rounds run with "Give priority to greatest need" favour its requests.
 */
export async function setSupportPriority(
  db: Kysely<Database>,
  input: { actor: Actor; organisationId: string; reason: string | null; clientAddress?: string | null },
): Promise<void> {
  const { actor, organisationId, reason } = input;
  await db.transaction().execute(async (trx) => {
    const organisation = await trx
      .selectFrom("organisation")
      .select(["id", "region_code", "icb_code"])
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation) throw new NotFound("Organisation not found");
    const ref = { id: organisation.id, regionCode: organisation.region_code, icbCode: organisation.icb_code };
    if (!can(actor, { action: "organisation:flagPriority", organisation: ref }))
      throw new Forbidden("Only the trust's coordinators flag it as a priority for support");
    await trx
      .updateTable("organisation")
      .set({ support_priority: reason, updated_at: nowIso() })
      .where("id", "=", organisationId)
      .execute();
    await recordAuditEvent(trx, {
      kind: "organisation_changed",
      actorId: actorIdOf(actor),
      organisationId,
      clientAddress: input.clientAddress,
      detail: reason === null ? "priority for support cleared" : `flagged as a priority for support: ${reason}`,
    });
  });
}
