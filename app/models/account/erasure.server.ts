import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { nowIso } from "../../lib/dates";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { recordAuditEvent } from "../audit/record.server";
import { normaliseEmail } from "./users.server";

/** What an erased person is called wherever their work is shown. */
export const FORMER_USER = "Former user";

/** A unique address that can never receive mail (`.invalid` is reserved, RFC 2606). */
export const formerUserEmail = (userId: string) => `former-user-${userId}@invalid`;

/** The shortest name looked for inside others' free text. */
const MIN_NAME_TO_SCRUB = 4;

/** Not a hash any password can match: verification fails before comparing anything. */
const UNUSABLE_PASSWORD_HASH = "!erased";

export interface ErasureTarget {
  id: string;
  name: string;
  email: string;
  role: Database["app_user"]["role"];
  organisationName: string | null;
  coordinatingBodyName: string | null;
  erased: boolean;
}

async function findTarget(db: Kysely<Database>, actor: Actor, userId: string): Promise<ErasureTarget> {
  // Whether the person exists is for those who may list people.
  if (!can(actor, { action: "user:list" })) throw new Forbidden();
  const row = await db
    .selectFrom("app_user")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "app_user.role",
      "organisation.name as organisation_name",
      "coordinating_body.name as coordinating_body_name",
    ])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new NotFound("Person");
  if (!can(actor, { action: "user:erase", userId })) throw new Forbidden("You cannot erase your own account.");
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organisationName: row.organisation_name,
    coordinatingBodyName: row.coordinating_body_name,
    erased: row.email === formerUserEmail(row.id),
  };
}

/** The person an administrator is about to erase, for the confirm page. */
export const personToErase = findTarget;

/**
 * Erases a person in one transaction: their name and email become "Former user" and an
 * undeliverable placeholder, they can never sign in again, and everything that identifies them
 * (sessions, second factors, linked identities, resets, throttling rows, invitations, mail,
 * notifications, preferences, contact details copied onto engagements and offers) is deleted or
 * blanked. What they wrote for their organisation stays and is shown as written by a former user.
 * The audit log records the erasure by id only.
 */
export async function erasePerson(
  db: Kysely<Database>,
  actor: Actor,
  input: { userId: string; confirmEmail: string },
  now = nowIso(),
): Promise<void> {
  const target = await findTarget(db, actor, input.userId);
  if (target.erased) throw new Refused("This person has already been erased.", { code: "already_erased" });
  if (normaliseEmail(input.confirmEmail) !== target.email)
    throw new Refused("Enter the person's email address exactly as shown", { code: "confirm_mismatch" });
  const { id, name, email } = target;
  const placeholder = formerUserEmail(id);

  await db.transaction().execute(async (trx) => {
    // Re-read inside the transaction, so two administrators erasing at once erase once.
    const current = await trx.selectFrom("app_user").select("email").where("id", "=", id).executeTakeFirst();
    if (!current || current.email !== email)
      throw new Refused("This person has already been erased.", { code: "already_erased" });

    const sessions = trx.selectFrom("auth_session").select("id").where("user_id", "=", id);
    await trx.deleteFrom("oidc_session").where("session_id", "in", sessions).execute();
    for (const table of [
      "auth_session",
      "sign_in_challenge",
      "user_totp",
      "recovery_code",
      "oidc_identity",
      "password_reset",
      "mail_preference",
      "notification",
      "engagement_attendee",
    ] as const) {
      await trx.deleteFrom(table).where("user_id", "=", id).execute();
    }
    await trx.deleteFrom("sign_in_attempt").where("email", "=", email).execute();
    await trx.deleteFrom("sign_in_throttle").where("key", "=", `email:${email}`).execute();
    await trx.deleteFrom("password_reset_request").where("email", "=", email).execute();
    await trx
      .deleteFrom("invitation")
      .where(sql<string>`lower(email)`, "=", email)
      .execute();
    await trx
      .deleteFrom("outbox")
      .where(sql<string>`lower(to_address)`, "=", email)
      .execute();

    // Contact details typed onto engagements and offers that name them.
    await trx
      .deleteFrom("engagement_contact")
      .where((eb) =>
        eb.or([eb(sql<string>`lower(email)`, "=", email), eb(sql<string>`lower(name)`, "=", name.toLowerCase())]),
      )
      .execute();
    await trx
      .updateTable("offer")
      .set({ contact_name: FORMER_USER, contact_email: "" })
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(contact_email)`, "=", email),
          eb(sql<string>`lower(contact_name)`, "=", name.toLowerCase()),
        ]),
      )
      .execute();

    // Copies of the name or address inside text written for others: mail to others, and action owners.
    // A name too short to be told from ordinary words ("Al") is left in others' text; the address always goes.
    const copies = name.length >= MIN_NAME_TO_SCRUB ? [name, email] : [email];
    const scrub = (column: string) =>
      copies.reduce(
        (text, copy) => sql<string>`replace(${text}, ${copy}, ${copy === email ? placeholder : FORMER_USER})`,
        sql<string>`${sql.ref(column)}`,
      );
    const mentions = (column: string) =>
      sql<boolean>`(${sql.join(
        copies.map((copy) => sql`lower(${sql.ref(column)}) like ${`%${copy.toLowerCase()}%`}`),
        sql` or `,
      )})`;
    for (const column of ["subject", "body", "calendar_ics", "last_error"] as const) {
      await trx
        .updateTable("outbox")
        .set({ [column]: scrub(column) })
        .where(mentions(column))
        .execute();
    }
    for (const column of ["title", "body"] as const) {
      await trx
        .updateTable("notification")
        .set({ [column]: scrub(column) })
        .where(mentions(column))
        .execute();
    }
    await trx
      .updateTable("learning_action")
      .set({ owner: scrub("owner") })
      .where(mentions("owner"))
      .execute();

    await trx
      .updateTable("app_user")
      .set({ name: FORMER_USER, email: placeholder, password_hash: UNUSABLE_PASSWORD_HASH })
      .where("id", "=", id)
      .execute();
    await trx
      .updateTable("app_user")
      .set({ disabled_at: now })
      .where("id", "=", id)
      .where("disabled_at", "is", null)
      .execute();

    await recordAuditEvent(trx, { kind: "account_erased", actorId: actor.id, subjectUserId: id }, now);
  });
}
