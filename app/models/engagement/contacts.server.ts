import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../../auth/policy";
import { monotonicIso } from "../../lib/dates";
import type { EngagementRow } from "./core.server";
import { Refused } from "../../lib/errors";
import { engagementForWork, type Side } from "./engagements.server";

// Each trust's lead contact for an engagement and the people it sends to the sessions.
type Db = Kysely<Database> | Transaction<Database>;

export interface LeadContact {
  name: string;
  email: string;
  phone: string;
}

export interface SideContacts {
  organisationName: string;
  lead: LeadContact | null;
  attendees: { id: string; name: string; email: string }[];
}

/** Both trusts' lead contacts and named attendees, for everyone who may see the engagement. */
export async function engagementContacts(db: Db, row: EngagementRow): Promise<Record<Side, SideContacts>> {
  const leads = await db
    .selectFrom("engagement_contact")
    .select(["organisation_id", "name", "email", "phone"])
    .where("engagement_id", "=", row.id)
    .execute();
  const attendees = await db
    .selectFrom("engagement_attendee")
    .innerJoin("app_user", "app_user.id", "engagement_attendee.user_id")
    .select(["engagement_attendee.organisation_id", "app_user.id", "app_user.name", "app_user.email"])
    .where("engagement_attendee.engagement_id", "=", row.id)
    .orderBy("app_user.name")
    .orderBy("app_user.id")
    .execute();
  const side = (organisationId: string, organisationName: string): SideContacts => {
    const lead = leads.find((l) => l.organisation_id === organisationId);
    return {
      organisationName,
      lead: lead ? { name: lead.name, email: lead.email, phone: lead.phone } : null,
      attendees: attendees
        .filter((a) => a.organisation_id === organisationId)
        .map(({ id, name, email }) => ({ id, name, email })),
    };
  };
  return { requester: side(row.requester_id, row.requester_name), pioneer: side(row.pioneer_id, row.pioneer_name) };
}

/** The active people of an organisation, who can be named as its session attendees. */
export function organisationPeople(db: Db, organisationId: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "name", "email"])
    .where("organisation_id", "=", organisationId)
    .where("disabled_at", "is", null)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** Sets the actor's own trust's lead contact and session attendees; the other trust's are not theirs to change. */
export async function setOwnContacts(
  db: Kysely<Database>,
  input: { engagementId: string; actor: Actor; lead: LeadContact; attendeeIds: string[] },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, side } = await engagementForWork(trx, input.actor, input.engagementId);
    const organisationId = side === "requester" ? row.requester_id : row.pioneer_id;
    const ids = [...new Set(input.attendeeIds)];
    const people = ids.length
      ? await trx
          .selectFrom("app_user")
          .select("id")
          .where("id", "in", ids)
          .where("organisation_id", "=", organisationId)
          .where("disabled_at", "is", null)
          .execute()
      : [];
    if (people.length !== ids.length)
      throw new Refused("Choose attendees from your own organisation's list", { code: "attendees_not_own" });

    const at = monotonicIso();
    const lead = {
      name: input.lead.name.trim(),
      email: input.lead.email.trim().toLowerCase(),
      phone: input.lead.phone.trim(),
    };
    const updated = await trx
      .updateTable("engagement_contact")
      .set({ ...lead, updated_by: input.actor.id, updated_at: at })
      .where("engagement_id", "=", row.id)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx
        .insertInto("engagement_contact")
        .values({
          engagement_id: row.id,
          organisation_id: organisationId,
          ...lead,
          updated_by: input.actor.id,
          updated_at: at,
        })
        .execute();
    }
    await trx
      .deleteFrom("engagement_attendee")
      .where("engagement_id", "=", row.id)
      .where("organisation_id", "=", organisationId)
      .execute();
    if (ids.length) {
      await trx
        .insertInto("engagement_attendee")
        .values(ids.map((user_id) => ({ engagement_id: row.id, user_id, organisation_id: organisationId })))
        .execute();
    }
  });
}

/**
 * Who receives a session's calendar invitations: each trust's named attendees, or, for a trust
 * that has named nobody, its members, so no one is left out by default.
 */
export async function sessionInvitees(db: Db, row: EngagementRow): Promise<{ name: string; email: string }[]> {
  const invitees: { name: string; email: string }[] = [];
  for (const organisationId of [row.requester_id, row.pioneer_id]) {
    const named = await db
      .selectFrom("engagement_attendee")
      .innerJoin("app_user", "app_user.id", "engagement_attendee.user_id")
      .select(["app_user.name", "app_user.email"])
      .where("engagement_attendee.engagement_id", "=", row.id)
      .where("engagement_attendee.organisation_id", "=", organisationId)
      .where("app_user.disabled_at", "is", null)
      .orderBy("app_user.email")
      .execute();
    invitees.push(
      ...(named.length
        ? named
        : (await organisationPeople(db, organisationId)).map(({ name, email }) => ({ name, email }))),
    );
  }
  return invitees;
}
