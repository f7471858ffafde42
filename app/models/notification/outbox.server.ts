import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";
import { composeBody, type MailText } from "../../mail/compose.server";
import { mailQueued } from "../../mail/nudge.server";

export { mailTransportConfigured } from "../../mail/transport.server";

export interface Mail extends MailText {
  to: string;
  /** Says what to do, e.g. "Confirm the session on 3 March". */
  subject: string;
  /** An iCalendar invitation (RFC 5545) the transport attaches to the mail. */
  calendar?: { method: "REQUEST" | "CANCEL"; ics: string };
}

/**
 * Mail is written to the outbox in the same transaction as the change it reports, so a mail
 * is never sent for a change that rolled back. The outbox worker sends it.
 */
export async function queueMail(db: Kysely<Database> | Transaction<Database>, mail: Mail): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      id: newId(),
      to_address: mail.to,
      subject: mail.subject,
      body: composeBody(mail),
      created_at: nowIso(),
      sent_at: null,
      calendar_method: mail.calendar?.method ?? null,
      calendar_ics: mail.calendar?.ics ?? null,
    })
    .execute();
  mailQueued();
}

export type OutboxState =
  | { kind: "queued" }
  | { kind: "sending" }
  | { kind: "sent"; at: string }
  | { kind: "retrying"; at: string; reason: string }
  | { kind: "failed"; reason: string };

interface OutboxRow {
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  claimed_until: string | null;
  next_attempt_at: string | null;
}

/** Where a message stands, for administrators. */
export function outboxState(row: OutboxRow, now: string = nowIso()): OutboxState {
  if (row.sent_at) return { kind: "sent", at: row.sent_at };
  if (row.failed_at) return { kind: "failed", reason: row.last_error ?? "Unknown reason" };
  if (row.claimed_until && row.claimed_until > now) return { kind: "sending" };
  if (row.next_attempt_at) return { kind: "retrying", at: row.next_attempt_at, reason: row.last_error ?? "" };
  return { kind: "queued" };
}

export async function listOutbox(db: Kysely<Database>, limit = 100) {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  const now = nowIso();
  return rows.map((row) => ({
    id: row.id,
    to_address: row.to_address,
    subject: row.subject,
    created_at: row.created_at,
    attempts: row.attempts,
    state: outboxState(row, now),
  }));
}
