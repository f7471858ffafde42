import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { sha256Hex } from "../../auth/hash.server";
import { formatDateTimeInEngland } from "../../lib/dates";
import { recordAuditEvent } from "../audit/record.server";
import { queueMail, type Mail } from "../notification/outbox.server";

/**
 * What every new password brings with it, whether changed on /account or set from a reset link:
 * open reset links stop working, sessions end (all of them, or all but the one that made the
 * change) and the owner is told.
 */
export async function storeNewPassword(
  trx: Transaction<Database>,
  user: { id: string; email: string; name: string },
  passwordHash: string,
  { now, keepSessionId, clientAddress = null }: { now: Date; keepSessionId?: string; clientAddress?: string | null },
): Promise<void> {
  await trx.updateTable("app_user").set({ password_hash: passwordHash }).where("id", "=", user.id).execute();
  await trx
    .updateTable("password_reset")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .execute();
  let sessions = trx.deleteFrom("auth_session").where("user_id", "=", user.id);
  // Sessions are stored by the hash of their id.
  if (keepSessionId) sessions = sessions.where("id", "!=", sha256Hex(keepSessionId));
  await sessions.execute();
  await recordAuditEvent(
    trx,
    {
      // Changed on /account (the current session is kept) or set from a reset link (none is).
      kind: keepSessionId ? "password_changed" : "password_reset",
      actorId: user.id,
      subjectUserId: user.id,
      clientAddress,
      detail: keepSessionId
        ? "changed by the account's owner; other sessions ended"
        : "set from a reset link; every session ended",
    },
    now.toISOString(),
  );
  await queueMail(trx, passwordChangedMail(user, now));
}

/** Tells the owner their password changed, so a change they did not make does not go unnoticed. */
function passwordChangedMail(user: { email: string; name: string }, now: Date): Mail {
  return {
    to: user.email,
    subject: "Your Peerlink password was changed",
    body: `Hello ${user.name},\n\nThe password of your Peerlink account was changed on ${formatDateTimeInEngland(now)} (UK time).\n\nIf you did not change it, reset your password now from the sign-in page and tell your organisation's administrator.`,
    why: "You received this because the password of your Peerlink account changed.",
    choosable: false,
  };
}
