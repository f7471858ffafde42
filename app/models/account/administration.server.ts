import { sql, type Kysely } from "kysely";
import { containsText } from "../../../db/portable";
import type { Database, UserRole } from "../../../db/schema";
import { can, type Actor, type UserRef } from "../../auth/policy";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { nowIso } from "../../lib/dates";
import { recordAuditEvent } from "../audit/record.server";

/** Role names as the audit log and the pages write them. */
export const ROLE_NAMES: Record<UserRole, string> = {
  member: "member",
  org_admin: "organisation admin",
  coordinator: "coordinator",
  admin: "service admin",
};

export type AccountState = "active" | "disabled" | "invited" | "invitation expired";

export interface DirectoryQuery {
  search: string;
  page: number;
  pageSize: number;
}

/** `%` and `_` typed in a search are looked for as themselves. */

/**
 * Accounts and invitations waiting for acceptance, found by name or email, a page at a time.
 * Administrators see everyone; an organisation's administrator sees only that organisation's people.
 */
export async function listPeople(db: Kysely<Database>, actor: Actor, query: DirectoryQuery) {
  if (!can(actor, { action: "user:directory" })) throw new Forbidden();
  const ownOrganisation = actor.role === "admin" ? null : actor.organisationId;
  const search = query.search.trim();
  const now = nowIso();

  const accounts = db
    .selectFrom("app_user")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select([
      "app_user.id as id",
      sql<"account" | "invitation">`'account'`.as("kind"),
      "app_user.name as name",
      "app_user.email as email",
      "app_user.role as role",
      sql<string | null>`coalesce(organisation.name, coordinating_body.name)`.as("belongs_to"),
      sql<string>`case when app_user.disabled_at is null then 'active' else 'disabled' end`.as("state"),
      "app_user.last_sign_in_at as last_sign_in_at",
      sql<string>`lower(app_user.name)`.as("sort_name"),
    ])
    .$if(ownOrganisation !== null, (q) => q.where("app_user.organisation_id", "=", ownOrganisation))
    .$if(search !== "", (q) =>
      q.where((eb) =>
        eb.or([containsText(sql.ref("app_user.name"), search), containsText(sql.ref("app_user.email"), search)]),
      ),
    );

  const invitations = db
    .selectFrom("invitation")
    .leftJoin("organisation", "organisation.id", "invitation.organisation_id")
    .leftJoin("coordinating_body", "coordinating_body.id", "invitation.coordinating_body_id")
    .select([
      "invitation.id as id",
      sql<"account" | "invitation">`'invitation'`.as("kind"),
      "invitation.name as name",
      "invitation.email as email",
      "invitation.role as role",
      sql<string | null>`coalesce(organisation.name, coordinating_body.name)`.as("belongs_to"),
      sql<string>`case when invitation.expires_at > ${now} then 'invited' else 'invitation expired' end`.as("state"),
      sql<string | null>`cast(null as text)`.as("last_sign_in_at"),
      sql<string>`lower(invitation.name)`.as("sort_name"),
    ])
    .where("invitation.accepted_at", "is", null)
    .where("invitation.withdrawn_at", "is", null)
    // An invitation to an address that has an account meanwhile is no longer waiting.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("app_user as taken").select("taken.id").whereRef("taken.email", "=", "invitation.email"),
        ),
      ),
    )
    .$if(ownOrganisation !== null, (q) => q.where("invitation.organisation_id", "=", ownOrganisation))
    .$if(search !== "", (q) =>
      q.where((eb) =>
        eb.or([containsText(sql.ref("invitation.name"), search), containsText(sql.ref("invitation.email"), search)]),
      ),
    );

  const [rows, accountCount, invitationCount] = await Promise.all([
    accounts
      .unionAll(invitations)
      .orderBy("sort_name")
      .orderBy("email")
      .orderBy("id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    accounts
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    invitations
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map(({ sort_name: _sort, ...row }) => ({ ...row, state: row.state as AccountState })),
    total: Number(accountCount.n) + Number(invitationCount.n),
  };
}

async function userRef(db: Kysely<Database>, id: string): Promise<UserRef | undefined> {
  const row = await db
    .selectFrom("app_user")
    .select(["id", "role", "organisation_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { id: row.id, role: row.role, organisationId: row.organisation_id } : undefined;
}

/** One account as its administrators see it, or NotFound when the actor may not see it. */
export async function getAccount(db: Kysely<Database>, actor: Actor, id: string) {
  const ref = await userRef(db, id);
  if (!ref || !can(actor, { action: "user:view", user: ref })) throw new NotFound("Account");
  const row = await db
    .selectFrom("app_user")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select([
      "app_user.id",
      "app_user.name as name",
      "app_user.email as email",
      "app_user.role",
      "app_user.organisation_id",
      "app_user.coordinating_body_id",
      "app_user.created_at",
      "app_user.disabled_at",
      "app_user.last_sign_in_at as last_sign_in_at",
      sql<string | null>`coalesce(organisation.name, coordinating_body.name)`.as("belongs_to"),
    ])
    .where("app_user.id", "=", id)
    .executeTakeFirstOrThrow();
  const sessions = await db
    .selectFrom("auth_session")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", id)
    .where("expires_at", ">", nowIso())
    .executeTakeFirstOrThrow();
  return {
    ...row,
    activeSessions: Number(sessions.n),
    assignableRoles: assignableRoles(actor, row),
    mayDisable: can(actor, { action: "user:disable", user: ref }),
  };
}

/** Roles the account could be given by this actor, keeping it where it belongs (an organisation or a coordinating body). */
export function assignableRoles(
  actor: Actor,
  account: { id: string; role: UserRole; organisation_id: string | null; coordinating_body_id: string | null },
): UserRole[] {
  const ref = { id: account.id, role: account.role, organisationId: account.organisation_id };
  const fitting: UserRole[] = account.organisation_id
    ? ["member", "org_admin", "admin"]
    : account.coordinating_body_id
      ? ["coordinator", "admin"]
      : ["admin"];
  return fitting.filter((role) => can(actor, { action: "user:changeRole", user: ref, role }));
}

export interface AdminChange {
  userId: string;
  clientAddress: string | null;
}

/**
 * Gives the account another role. Becoming a service administrator leaves the organisation or
 * coordinating body behind, as administrators belong to neither.
 */
export async function changeRole(
  db: Kysely<Database>,
  actor: Actor,
  change: AdminChange & { role: UserRole },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ref = await userRef(trx, change.userId);
    if (!ref || !can(actor, { action: "user:view", user: ref })) throw new NotFound("Account");
    if (!can(actor, { action: "user:changeRole", user: ref, role: change.role }))
      throw new Forbidden(
        ref.id === actor.id ? "You cannot change your own role." : "You cannot give this person that role.",
      );
    const account = await trx
      .selectFrom("app_user")
      .select(["id", "role", "organisation_id", "coordinating_body_id"])
      .where("id", "=", change.userId)
      .executeTakeFirstOrThrow();
    if (account.role === change.role) throw new Refused("This person already has that role", { code: "same_role" });
    if (!assignableRoles(actor, account).includes(change.role))
      throw new Refused("Choose a role that fits where this person belongs", { code: "role" });
    const becomesAdmin = change.role === "admin";
    const updated = await trx
      .updateTable("app_user")
      .set({
        role: change.role,
        ...(becomesAdmin ? { organisation_id: null, coordinating_body_id: null } : {}),
      })
      .where("id", "=", change.userId)
      // Guarded on the role read above, so two changes at once cannot both record their own "from".
      .where("role", "=", account.role)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new Refused("Someone else changed this person's role just now. Check it and try again", { code: "role" });
    await recordAuditEvent(trx, {
      kind: "role_changed",
      actorId: actor.id,
      subjectUserId: change.userId,
      organisationId: account.organisation_id,
      clientAddress: change.clientAddress,
      detail: `${ROLE_NAMES[account.role]} → ${ROLE_NAMES[change.role]}`,
    });
  });
}

/**
 * Disables the account and ends every one of its sessions in the same transaction: nothing of the
 * person's signed-in state outlives the disabling, so re-enabling later revives nothing.
 */
export async function disableAccount(db: Kysely<Database>, actor: Actor, change: AdminChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ref = await userRef(trx, change.userId);
    if (!ref || !can(actor, { action: "user:view", user: ref })) throw new NotFound("Account");
    if (!can(actor, { action: "user:disable", user: ref }))
      throw new Forbidden(ref.id === actor.id ? "You cannot disable your own account." : undefined);
    const disabled = await trx
      .updateTable("app_user")
      .set({ disabled_at: nowIso() })
      .where("id", "=", change.userId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (Number(disabled.numUpdatedRows) === 0) throw new Refused("This account is already disabled");
    const ended = await trx.deleteFrom("auth_session").where("user_id", "=", change.userId).executeTakeFirst();
    const count = Number(ended.numDeletedRows);
    await recordAuditEvent(trx, {
      kind: "account_disabled",
      actorId: actor.id,
      subjectUserId: change.userId,
      organisationId: ref.organisationId,
      clientAddress: change.clientAddress,
      detail: `${count} session${count === 1 ? "" : "s"} ended`,
    });
  });
}

/** Lets the person sign in again. Their old sessions ended when the account was disabled: they sign in afresh. */
export async function enableAccount(db: Kysely<Database>, actor: Actor, change: AdminChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ref = await userRef(trx, change.userId);
    if (!ref || !can(actor, { action: "user:view", user: ref })) throw new NotFound("Account");
    if (!can(actor, { action: "user:disable", user: ref })) throw new Forbidden();
    const enabled = await trx
      .updateTable("app_user")
      .set({ disabled_at: null })
      .where("id", "=", change.userId)
      .where("disabled_at", "is not", null)
      .executeTakeFirst();
    if (Number(enabled.numUpdatedRows) === 0) throw new Refused("This account is not disabled");
    await recordAuditEvent(trx, {
      kind: "account_enabled",
      actorId: actor.id,
      subjectUserId: change.userId,
      organisationId: ref.organisationId,
      clientAddress: change.clientAddress,
    });
  });
}
