import type { Kysely, Transaction } from "kysely";
import type { Database, MailDelivery } from "../../../db/schema";
import { nowIso } from "../../lib/time";
import type { NotificationKind } from "./notifications.server";

type Db = Kysely<Database> | Transaction<Database>;

/** The kinds of message a person chooses for, each covering related notifications. */
export const MESSAGE_GROUPS = {
  matches: { label: "Matches: approved, answered, and answers overdue", kinds: ["match_approved", "match_accepted", "match_declined", "match_answer_overdue"] },
  requests: { label: "Requests: questions from coordinators and new requests near you", kinds: ["request_needs_info", "new_request_nearby"] },
  sessions: { label: "Sessions: planned, moved, cancelled, held, and the day before", kinds: ["session_planned", "session_moved", "session_cancelled", "session_held", "session_tomorrow"] },
  engagements: { label: "Engagements: questionnaire, ending and feedback", kinds: ["questionnaire_due", "engagement_ended", "feedback_open", "feedback_closing", "feedback_visible"] },
  impact: { label: "Impact: follow-up re-assessments and results", kinds: ["follow_up_due", "follow_up_overdue", "impact_measured"] },
  offers: { label: "Offers: a paused offer published again", kinds: ["offer_resumed"] },
} as const satisfies Record<string, { label: string; kinds: readonly NotificationKind[] }>;

export type MessageGroup = keyof typeof MESSAGE_GROUPS;
export const MESSAGE_GROUP_NAMES = Object.keys(MESSAGE_GROUPS) as MessageGroup[];
export const DELIVERIES: readonly MailDelivery[] = ["immediate", "digest", "app"];
export const DEFAULT_DELIVERY: MailDelivery = "immediate";

export function groupOf(kind: NotificationKind): MessageGroup {
  const group = MESSAGE_GROUP_NAMES.find((name) => (MESSAGE_GROUPS[name].kinds as readonly string[]).includes(kind));
  if (!group) throw new Error(`Notification kind ${kind} belongs to no message group`);
  return group;
}

/** How each of these people wants this kind of notification mailed; people who never chose get mail at once. */
export async function deliveriesFor(db: Db, userIds: string[], kind: NotificationKind): Promise<Map<string, MailDelivery>> {
  const result = new Map<string, MailDelivery>(userIds.map((id) => [id, DEFAULT_DELIVERY]));
  if (userIds.length === 0) return result;
  const rows = await db.selectFrom("mail_preference").select(["user_id", "delivery"]).where("user_id", "in", userIds).where("kind", "=", groupOf(kind)).execute();
  for (const row of rows) result.set(row.user_id, row.delivery);
  return result;
}

export async function preferencesOf(db: Db, userId: string): Promise<Record<MessageGroup, MailDelivery>> {
  const rows = await db.selectFrom("mail_preference").select(["kind", "delivery"]).where("user_id", "=", userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(MESSAGE_GROUP_NAMES.map((g) => [g, chosen.get(g) ?? DEFAULT_DELIVERY])) as Record<MessageGroup, MailDelivery>;
}

/** Replaces a person's choices, all together; the caller may only pass its own user id. */
export async function savePreferences(db: Kysely<Database>, userId: string, choices: Record<MessageGroup, MailDelivery>): Promise<void> {
  const updatedAt = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("mail_preference").where("user_id", "=", userId).execute();
    await trx
      .insertInto("mail_preference")
      .values(MESSAGE_GROUP_NAMES.map((kind) => ({ user_id: userId, kind, delivery: choices[kind], updated_at: updatedAt })))
      .execute();
  });
}
