import type { Kysely, Transaction } from "kysely";
import type { Database, UserRole } from "../../../db/schema";
import { newSecretToken, sha256Hex } from "../../auth/hash.server";
import { hashPassword } from "../../auth/password.server";
import { newId } from "../../lib/ids";
import { addDaysToInstant, nowIso } from "../../lib/dates";
import { recordAuditEvent } from "../audit/record.server";
import { queueMail } from "../notification/outbox.server";
import { findUserByEmail, membershipProblem, normaliseEmail } from "./users.server";
import { Refused } from "../../lib/errors";

export const INVITATION_DAYS = 7;

export interface NewInvitation {
  email: string;
  name: string;
  role: UserRole;
  organisationId: string | null;
  coordinatingBodyId: string | null;
  invitedBy: string;
  /** Absolute base URL of the service, for the link in the mail. */
  baseUrl: string;
  /** Whether the inviter may be told that the address already has an account (they can list users anyway). */
  revealExistingAccount: boolean;
  /** Where the inviter's request came from, for the audit log. */
  clientAddress?: string | null;
}

/** Creates a single-use invitation; only the hash of its token is stored. Returns the link, shown once. */
export async function createInvitation(db: Kysely<Database>, invite: NewInvitation): Promise<{ link: string }> {
  const email = normaliseEmail(invite.email);
  const problem = membershipProblem(invite.role, invite.organisationId, invite.coordinatingBodyId);
  if (problem)
    throw new Refused(problem, { code: invite.role === "coordinator" ? "coordinating_body" : "organisation" });
  const token = newSecretToken();
  const baseUrl = invite.baseUrl.replace(/\/$/, "");
  const link = `${baseUrl}/invitations/${token}`;
  if (await findUserByEmail(db, email)) {
    if (invite.revealExistingAccount)
      throw new Refused("Someone with this email address already has an account", { code: "email_taken" });
    // Answered like any invitation, so the form does not tell who has an account; the link is never stored,
    // and only the account's owner learns, by mail, that someone tried.
    await queueMail(db, {
      to: email,
      subject: "You have been invited to Peerlink",
      body: `Hello,\n\nSomeone tried to invite you to Peerlink, but you already have a Peerlink account with this email address.\n\nSign in here: ${baseUrl}/login\n\nIf you have forgotten your password, use "Forgot your password?" on the sign-in page.`,
      why: "You received this because someone tried to invite this email address to Peerlink.",
      choosable: false,
    });
    return { link };
  }

  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const invitationId = newId();
    await trx
      .insertInto("invitation")
      .values({
        id: invitationId,
        token_hash: sha256Hex(token),
        email,
        name: invite.name,
        role: invite.role,
        organisation_id: invite.role === "member" || invite.role === "org_admin" ? invite.organisationId : null,
        coordinating_body_id: invite.role === "coordinator" ? invite.coordinatingBodyId : null,
        invited_by: invite.invitedBy,
        created_at: now.toISOString(),
        expires_at: addDaysToInstant(now, INVITATION_DAYS).toISOString(),
        accepted_at: null,
      })
      .execute();
    await recordAuditEvent(trx, {
      kind: "invitation_sent",
      actorId: invite.invitedBy,
      organisationId: invite.role === "member" || invite.role === "org_admin" ? invite.organisationId : null,
      clientAddress: invite.clientAddress ?? null,
      detail: `invitation ${invitationId} as ${invite.role}`,
    });
    await queueInvitationMail(trx, { email, name: invite.name, link });
  });
  return { link };
}

/** The invitation mail, sent at once whatever the person's mail choices. */
export async function queueInvitationMail(
  db: Kysely<Database>,
  { email, name, link }: { email: string; name: string; link: string },
): Promise<void> {
  await queueMail(db, {
    to: email,
    subject: "Set your password to join Peerlink",
    body: `Hello ${name},\n\nYou have been invited to join Peerlink, the NHS peer learning and outreach service.\n\nSet your password here within ${INVITATION_DAYS} days: ${link}\n\nThe link works once.`,
    why: "You received this because someone in Peerlink invited you to create an account.",
    choosable: false,
  });
}

/** The invitation behind a link if it can still be used. */
export async function findUsableInvitation(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom("invitation")
    .leftJoin("organisation", "organisation.id", "invitation.organisation_id")
    .leftJoin("coordinating_body", "coordinating_body.id", "invitation.coordinating_body_id")
    .selectAll("invitation")
    .select(["organisation.name as organisation_name", "coordinating_body.name as body_name"])
    .where("invitation.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.accepted_at || row.withdrawn_at || row.expires_at <= nowIso()) return undefined;
  return row;
}

/**
 * Accepts an invitation and creates the account. The guarded update on accepted_at makes the
 * link single-use even when two submissions race.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  password: string,
  clientAddress: string | null = null,
): Promise<string | undefined> {
  const passwordHash = await hashPassword(password);
  return db
    .transaction()
    .execute((trx) => claimInvitation(trx, { tokenHash: sha256Hex(token) }, passwordHash, nowIso(), clientAddress));
}

/**
 * Uses up an open invitation and makes its account, within the caller's transaction: through its
 * link (by the token's hash) or through the identity provider (by id). The guarded update claims
 * it once however many requests race. Undefined when it was used up or had expired, or when the
 * address has an account already (the invitation is used up all the same).
 */
export async function claimInvitation(
  trx: Transaction<Database>,
  which: { tokenHash: string } | { id: string },
  passwordHash: string,
  now: string,
  clientAddress: string | null = null,
): Promise<string | undefined> {
  const claimed = await trx
    .updateTable("invitation")
    .set({ accepted_at: now })
    .where((eb) => ("tokenHash" in which ? eb("token_hash", "=", which.tokenHash) : eb("id", "=", which.id)))
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["id", "email", "name", "role", "organisation_id", "coordinating_body_id"])
    .executeTakeFirst();
  if (!claimed) return undefined;
  if (await trx.selectFrom("app_user").select("id").where("email", "=", claimed.email).executeTakeFirst())
    return undefined;
  const id = newId();
  await trx
    .insertInto("app_user")
    .values({
      id,
      email: claimed.email,
      name: claimed.name,
      password_hash: passwordHash,
      role: claimed.role,
      organisation_id: claimed.organisation_id,
      coordinating_body_id: claimed.coordinating_body_id,
      created_at: now,
      disabled_at: null,
    })
    .execute();
  await recordAuditEvent(
    trx,
    {
      kind: "invitation_accepted",
      actorId: id,
      subjectUserId: id,
      organisationId: claimed.organisation_id,
      clientAddress,
      detail: `invitation ${claimed.id} as ${claimed.role}, ${"tokenHash" in which ? "through its link" : "through the NHS identity provider"}`,
    },
    now,
  );
  return id;
}

export type InvitationLinkState =
  | { state: "usable" }
  | { state: "used" }
  | { state: "expired"; expiredAt: string; invitedByName: string | null }
  | { state: "unknown" };

/** Why an invitation link cannot be used (or that it can), so a dead link can say what to do. */
export async function invitationLinkState(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<InvitationLinkState> {
  const row = await db
    .selectFrom("invitation")
    .leftJoin("app_user as inviter", "inviter.id", "invitation.invited_by")
    .select([
      "invitation.accepted_at",
      "invitation.expires_at",
      "invitation.withdrawn_at",
      "inviter.name as inviter_name",
    ])
    .where("invitation.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  // A withdrawn invitation is gone, as far as its link is concerned.
  if (!row || row.withdrawn_at) return { state: "unknown" };
  if (row.accepted_at) return { state: "used" };
  if (row.expires_at <= now.toISOString())
    return { state: "expired", expiredAt: row.expires_at, invitedByName: row.inviter_name };
  return { state: "usable" };
}
