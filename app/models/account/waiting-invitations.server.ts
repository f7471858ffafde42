import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newSecretToken, sha256Hex } from "../../auth/hash.server";
import { can, type Actor } from "../../auth/policy";
import { addDaysToInstant } from "../../lib/dates";
import { NotFound, Refused } from "../../lib/errors";
import { recordAuditEvent } from "../audit/record.server";
import { organisationRef } from "../organisation/organisations.server";
import { INVITATION_DAYS, queueInvitationMail } from "./invitations.server";

export interface InvitationChange {
  invitationId: string;
  clientAddress: string | null;
}

/**
 * An invitation not yet used nor withdrawn that the actor could have sent themselves; anything
 * else is not found, so an organisation's administrator learns nothing of other organisations'.
 */
async function waitingInvitation(trx: Transaction<Database>, actor: Actor, id: string) {
  const row = await trx
    .selectFrom("invitation")
    .selectAll()
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new NotFound("Invitation");
  const organisation = row.organisation_id ? ((await organisationRef(trx, row.organisation_id)) ?? null) : null;
  const allowed = can(actor, {
    action: "user:invite",
    role: row.role,
    organisation,
    coordinatingBodyId: row.coordinating_body_id,
  });
  if (!allowed || !can(actor, { action: "user:directory" })) throw new NotFound("Invitation");
  return row;
}

/**
 * Sends the invitation again with a new link, valid for another INVITATION_DAYS days. Only the new
 * link's hash is kept, so the old link stops working at once. Returns the new link, shown once.
 */
export async function resendInvitation(
  db: Kysely<Database>,
  actor: Actor,
  change: InvitationChange & { baseUrl: string },
): Promise<{ link: string; email: string }> {
  return db.transaction().execute(async (trx) => {
    const invitation = await waitingInvitation(trx, actor, change.invitationId);
    if (await trx.selectFrom("app_user").select("id").where("email", "=", invitation.email).executeTakeFirst())
      throw new Refused("Someone with this email address already has an account");
    const token = newSecretToken();
    const link = `${change.baseUrl.replace(/\/$/, "")}/invitations/${token}`;
    const now = new Date();
    const updated = await trx
      .updateTable("invitation")
      .set({
        token_hash: sha256Hex(token),
        expires_at: addDaysToInstant(now, INVITATION_DAYS).toISOString(),
      })
      .where("id", "=", invitation.id)
      .where("token_hash", "=", invitation.token_hash)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new Refused("This invitation changed just now. Try again");
    await queueInvitationMail(trx, { email: invitation.email, name: invitation.name, link });
    await recordAuditEvent(trx, {
      kind: "invitation_sent",
      actorId: actor.id,
      organisationId: invitation.organisation_id,
      clientAddress: change.clientAddress,
      detail: "sent again with a new link",
    });
    return { link, email: invitation.email };
  });
}

/** Takes an invitation back: its link stops working. */
export async function withdrawInvitation(
  db: Kysely<Database>,
  actor: Actor,
  change: InvitationChange,
): Promise<{ email: string }> {
  return db.transaction().execute(async (trx) => {
    const invitation = await waitingInvitation(trx, actor, change.invitationId);
    const updated = await trx
      .updateTable("invitation")
      .set({ withdrawn_at: new Date().toISOString() })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new NotFound("Invitation");
    await recordAuditEvent(trx, {
      kind: "invitation_withdrawn",
      actorId: actor.id,
      organisationId: invitation.organisation_id,
      clientAddress: change.clientAddress,
    });
    return { email: invitation.email };
  });
}
