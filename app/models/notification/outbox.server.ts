import type { Kysely, Transaction } from "kysely";
import { config } from "../../config.server";
import type { Database } from "../../../db/schema";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  /** An iCalendar invitation (RFC 5545) the transport attaches to the mail. */
  calendar?: { method: "REQUEST" | "CANCEL"; ics: string };
}

/**
 * Mail is written to the outbox in the same transaction as the change it reports, so a mail
 * is never sent for a change that rolled back. A transport (not configured yet) drains it.
 */
export async function queueMail(db: Kysely<Database> | Transaction<Database>, mail: Mail): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      id: newId(),
      to_address: mail.to,
      subject: mail.subject,
      body: mail.body,
      created_at: nowIso(),
      sent_at: null,
      calendar_method: mail.calendar?.method ?? null,
      calendar_ics: mail.calendar?.ics ?? null,
    })
    .execute();
}

export function listOutbox(db: Kysely<Database>, limit = 100) {
  return db.selectFrom("outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

export const mailTransportConfigured = () => config().SMTP_URL !== undefined;
