import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { absoluteLink } from "../../mail/compose.server";
import { queueMail } from "./outbox.server";

/**
 * One mail per person listing the notifications that waited for their digest. Each person's
 * notifications are taken and their mail queued in one transaction, and only rows still waiting
 * are taken, so a repeated run sends nothing twice.
 */
export async function queueDigests(db: Kysely<Database>): Promise<number> {
  const people = await db
    .selectFrom("notification")
    .innerJoin("app_user", "app_user.id", "notification.user_id")
    .select(["app_user.id", "app_user.email"])
    .distinct()
    .where("notification.digest_pending", "=", 1)
    .where("app_user.disabled_at", "is", null)
    .orderBy("app_user.id")
    .execute();
  let queued = 0;
  for (const person of people) {
    const sent = await db.transaction().execute(async (trx) => {
      const items = await trx
        .selectFrom("notification")
        .select(["id", "title", "body", "link"])
        .where("user_id", "=", person.id)
        .where("digest_pending", "=", 1)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      if (items.length === 0) return false;
      const taken = await trx
        .updateTable("notification")
        .set({ digest_pending: 0 })
        .where(
          "id",
          "in",
          items.map((i) => i.id),
        )
        .where("digest_pending", "=", 1)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== items.length)
        throw new Error("Digest notifications changed while being read");
      const list = items
        .map((i) => `* ${i.title}\n  ${i.body}${i.link ? `\n  ${absoluteLink(i.link)}` : ""}`)
        .join("\n\n");
      await queueMail(trx, {
        to: person.email,
        subject: `Review ${items.length} Peerlink update${items.length === 1 ? "" : "s"} from the last day`,
        body: `Here is what happened in Peerlink since your last digest:\n\n${list}`,
        link: "/notifications",
        why: "You received this because you chose a daily digest for some kinds of message.",
        choosable: true,
      });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
