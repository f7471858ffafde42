import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../lib/dates";
import { recordAuditEvent } from "../audit/record.server";
import { claimInvitation } from "./invitations.server";
import { normaliseEmail } from "./users.server";

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

export type LinkResult =
  | { ok: true; userId: string; via: "subject" | "email" | "invitation" }
  | { ok: false; reason: "unverified" | "unknown" | "disabled" };

/** Accounts made through the provider have no password; this can never match an Argon2 hash. */
const NO_PASSWORD = "!sign-in-through-identity-provider";

/**
 * Which Peerlink account an identity from the provider is. A subject linked before wins; otherwise
 * the provider's verified email finds the account, or accepts an invitation waiting for that
 * address, and the subject is linked for next time. An unverified or unknown email gets nothing.
 */
export async function linkIdentity(
  db: Kysely<Database>,
  identity: ProviderIdentity,
  clientAddress: string | null = null,
): Promise<LinkResult> {
  return db.transaction().execute(async (trx): Promise<LinkResult> => {
    const linked = await trx
      .selectFrom("oidc_identity")
      .innerJoin("app_user", "app_user.id", "oidc_identity.user_id")
      .select(["app_user.id", "app_user.disabled_at"])
      .where("oidc_identity.issuer", "=", identity.issuer)
      .where("oidc_identity.subject", "=", identity.subject)
      .executeTakeFirst();
    if (linked)
      return linked.disabled_at ? { ok: false, reason: "disabled" } : { ok: true, userId: linked.id, via: "subject" };
    if (!identity.email || !identity.emailVerified) return { ok: false, reason: "unverified" };
    const email = normaliseEmail(identity.email);
    const now = nowIso();
    const link = async (userId: string) => {
      await trx
        .insertInto("oidc_identity")
        .values({ issuer: identity.issuer, subject: identity.subject, user_id: userId, linked_at: now })
        .execute();
      // The issuer says which provider; the provider's subject is an identifier of the person, so it stays out.
      await recordAuditEvent(
        trx,
        {
          kind: "sso_linked",
          actorId: userId,
          subjectUserId: userId,
          clientAddress,
          detail: `issuer ${identity.issuer}`,
        },
        now,
      );
    };

    const user = await trx
      .selectFrom("app_user")
      .select(["id", "disabled_at"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (user?.disabled_at) return { ok: false, reason: "disabled" };
    if (user) {
      // One subject per account and provider: a second identity claiming the same email is not linked over the first.
      const other = await trx
        .selectFrom("oidc_identity")
        .select("subject")
        .where("user_id", "=", user.id)
        .where("issuer", "=", identity.issuer)
        .executeTakeFirst();
      if (other) return { ok: false, reason: "unknown" };
      await link(user.id);
      return { ok: true, userId: user.id, via: "email" };
    }

    // The newest usable invitation for the address; claiming it is guarded, so two sign-ins cannot both use it.
    const invitation = await trx
      .selectFrom("invitation")
      .select("id")
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("withdrawn_at", "is", null)
      .where("expires_at", ">", now)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    if (!invitation) return { ok: false, reason: "unknown" };
    const userId = await claimInvitation(trx, { id: invitation.id }, NO_PASSWORD, now, clientAddress);
    if (!userId) return { ok: false, reason: "unknown" };
    await link(userId);
    return { ok: true, userId, via: "invitation" };
  });
}
