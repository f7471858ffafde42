import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";
import { queueMail } from "./outbox.server";
import { deliveriesFor } from "./preferences.server";

type Db = Kysely<Database> | Transaction<Database>;

export type NotificationKind =
  | "match_approved"
  | "match_accepted"
  | "match_declined"
  | "match_cancelled"
  | "request_needs_info"
  | "new_request_nearby"
  | "session_planned"
  | "session_moved"
  | "session_cancelled"
  | "session_held"
  | "engagement_ended"
  | "feedback_visible"
  | "impact_measured"
  | "pioneer_status_requested"
  | "pioneer_status_decided"
  | "session_tomorrow"
  | "questionnaire_due"
  | "feedback_open"
  | "feedback_closing"
  | "follow_up_due"
  | "follow_up_overdue"
  | "offer_resumed"
  | "match_answer_overdue";

export interface NotificationContent {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  /** The mail's subject when the title alone does not say what to do; the title otherwise. */
  mailSubject?: string;
}

export const NOTIFICATIONS_PAGE_SIZE = 25;

/**
 * Writes the notification and its mail together, so callers pass the transaction of the change
 * being reported: both vanish if that change rolls back. Each person's choice decides whether the
 * mail goes now, waits for their daily digest, or is not sent (the notification is in the app either way).
 */
async function deliver(db: Db, users: { id: string; email: string }[], content: NotificationContent): Promise<number> {
  if (users.length === 0) return 0;
  const createdAt = nowIso();
  const deliveries = await deliveriesFor(
    db,
    users.map((u) => u.id),
    content.kind,
  );
  await db
    .insertInto("notification")
    .values(
      users.map((u) => ({
        id: newId(),
        user_id: u.id,
        kind: content.kind,
        title: content.title,
        body: content.body,
        link: content.link,
        created_at: createdAt,
        read_at: null,
        digest_pending: deliveries.get(u.id) === "digest" ? 1 : 0,
      })),
    )
    .execute();
  for (const user of users) {
    if (deliveries.get(user.id) !== "immediate") continue;
    await queueMail(db, {
      to: user.email,
      subject: content.mailSubject ?? content.title,
      body: content.body,
      link: content.link,
      why: "You received this because you take part in Peerlink for your organisation.",
      choosable: true,
    });
  }
  return users.length;
}

const activeUsers = (db: Db) =>
  db.selectFrom("app_user").select(["app_user.id", "app_user.email"]).where("app_user.disabled_at", "is", null);

/** One notification and one mail for every active person in the organisation. */
export async function notifyOrganisation(
  db: Db,
  organisationId: string,
  content: NotificationContent,
): Promise<number> {
  const users = await activeUsers(db)
    .where("organisation_id", "=", organisationId)
    .where("role", "in", ["member", "org_admin"])
    .orderBy("email")
    .execute();
  return deliver(db, users, content);
}

export async function notifyUser(db: Db, userId: string, content: NotificationContent): Promise<number> {
  const users = await activeUsers(db).where("id", "=", userId).execute();
  return deliver(db, users, content);
}

/** Tells the requesting trust that a coordinator needs more information before matching. */
export async function notifyNeedsInformation(db: Db, requestId: string, question: string): Promise<number> {
  const request = await db
    .selectFrom("help_request")
    .select(["organisation_id", "title"])
    .where("id", "=", requestId)
    .executeTakeFirstOrThrow();
  return notifyOrganisation(db, request.organisation_id, {
    kind: "request_needs_info",
    title: `More information needed: ${request.title}`,
    mailSubject: `Answer a coordinator's question about ${request.title}`,
    body: `A coordinator asked: ${question}`,
    link: `/requests/${requestId}`,
  });
}

/**
 * Tells pioneer trusts in the requester's region that a request they could help with was filed:
 * those with a published offer teaching one of the capabilities asked for.
 */
export async function notifyPioneersOfNewRequest(db: Db, requestId: string): Promise<number> {
  const request = await db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select(["help_request.title", "help_request.organisation_id", "organisation.name", "organisation.region_code"])
    .where("help_request.id", "=", requestId)
    .executeTakeFirstOrThrow();
  if (!request.region_code) return 0;
  const pioneers = await db
    .selectFrom("organisation")
    .select("organisation.id")
    .where("organisation.region_code", "=", request.region_code)
    .where("organisation.id", "!=", request.organisation_id)
    .where("organisation.active", "=", 1)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("offer")
          .innerJoin("offer_capability", "offer_capability.offer_id", "offer.id")
          .innerJoin(
            "help_request_capability",
            "help_request_capability.capability_id",
            "offer_capability.capability_id",
          )
          .select("offer.id")
          .whereRef("offer.organisation_id", "=", "organisation.id")
          .where("offer.status", "=", "published")
          .where("help_request_capability.request_id", "=", requestId),
      ),
    )
    .orderBy("organisation.id")
    .execute();
  let sent = 0;
  for (const pioneer of pioneers) {
    sent += await notifyOrganisation(db, pioneer.id, {
      kind: "new_request_nearby",
      title: `New request in your region: ${request.title}`,
      mailSubject: `See whether you can help with a new request: ${request.title}`,
      body: `${request.name} asked for help with something your organisation offers.`,
      link: `/requests/${requestId}`,
    });
  }
  return sent;
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: Db, userId: string, page = 1) {
  const rows = await db
    .selectFrom("notification")
    .select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * NOTIFICATIONS_PAGE_SIZE)
    .execute();
  const total = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Marks the user's own notifications read; ids of other people's notifications are ignored. */
export async function markRead(db: Db, userId: string, ids: string[] | "all"): Promise<number> {
  if (ids !== "all" && ids.length === 0) return 0;
  let query = db
    .updateTable("notification")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null);
  if (ids !== "all") query = query.where("id", "in", ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
