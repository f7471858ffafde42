import type { Kysely, Transaction } from "kysely";
import type { Database, MailDelivery } from "../../../db/schema";
import { nowIso } from "../../lib/dates";
import { DEFAULT_DELIVERY, MESSAGE_GROUP_NAMES, MESSAGE_GROUPS, type MessageGroup } from "../../domain/message-groups";
import type { NotificationKind } from "./notifications.server";

type Db = Kysely<Database> | Transaction<Database>;

// Fails to compile if a notification kind is added without a group to choose it by.
type GroupedKind = (typeof MESSAGE_GROUPS)[MessageGroup]["kinds"][number];
const everyKindGrouped: [NotificationKind] extends [GroupedKind] ? true : never = true;
void everyKindGrouped;

function groupOf(kind: NotificationKind): MessageGroup {
  const group = MESSAGE_GROUP_NAMES.find((name) => (MESSAGE_GROUPS[name].kinds as readonly string[]).includes(kind));
  if (!group) throw new Error(`Notification kind ${kind} belongs to no message group`);
  return group;
}

/** How each of these people wants this kind of notification mailed; people who never chose get mail at once. */
export async function deliveriesFor(
  db: Db,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, MailDelivery>> {
  const result = new Map<string, MailDelivery>(userIds.map((id) => [id, DEFAULT_DELIVERY]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom("mail_preference")
    .select(["user_id", "delivery"])
    .where("user_id", "in", userIds)
    .where("kind", "=", groupOf(kind))
    .execute();
  for (const row of rows) result.set(row.user_id, row.delivery);
  return result;
}

export async function preferencesOf(db: Db, userId: string): Promise<Record<MessageGroup, MailDelivery>> {
  const rows = await db
    .selectFrom("mail_preference")
    .select(["kind", "delivery"])
    .where("user_id", "=", userId)
    .execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(MESSAGE_GROUP_NAMES.map((g) => [g, chosen.get(g) ?? DEFAULT_DELIVERY])) as Record<
    MessageGroup,
    MailDelivery
  >;
}

/** Replaces a person's choices, all together; the caller may only pass its own user id. */
export async function savePreferences(
  db: Kysely<Database>,
  userId: string,
  choices: Record<MessageGroup, MailDelivery>,
): Promise<void> {
  const updatedAt = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("mail_preference").where("user_id", "=", userId).execute();
    await trx
      .insertInto("mail_preference")
      .values(
        MESSAGE_GROUP_NAMES.map((kind) => ({ user_id: userId, kind, delivery: choices[kind], updated_at: updatedAt })),
      )
      .execute();
  });
}
