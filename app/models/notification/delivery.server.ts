import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { MailTransport } from "../../mail/transport.server";

/** Long enough for the slowest send the transport allows; a crashed sender's claim runs out after this. */
export const CLAIM_MS = 2 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** About a day of tries with the delays above, after which a temporary failure is treated as permanent. */
export const MAX_ATTEMPTS = 12;

/** Exponential backoff: 1, 2, 4, … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the mail that is due. Each message is first claimed with a guarded update that only one
 * process can win, so several server processes on one database never send a message twice.
 * A process that dies after sending and before recording it leaves its claim to expire, and the
 * message is sent again: the one case of a repeat, which no mail protocol can rule out.
 */
export async function deliverDueMail(
  db: Kysely<Database>,
  transport: MailTransport,
  input: { workerId: string; now?: () => Date; batch?: number },
): Promise<DeliveryRun> {
  const clock = input.now ?? (() => new Date());
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  const now = clock().toISOString();
  const due = await db
    .selectFrom("outbox")
    .select("id")
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]))
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
    .orderBy("created_at")
    .orderBy("id")
    .limit(input.batch ?? 50)
    .execute();

  for (const { id } of due) {
    const claimedAt = clock();
    const claim = await db
      .updateTable("outbox")
      .set({ claimed_by: input.workerId, claimed_until: new Date(claimedAt.getTime() + CLAIM_MS).toISOString() })
      .where("id", "=", id)
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", claimedAt.toISOString())]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;

    const mail = await db
      .selectFrom("outbox")
      .select(["id", "to_address", "subject", "body", "attempts", "calendar_method", "calendar_ics"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const calendar =
      mail.calendar_method && mail.calendar_ics ? { method: mail.calendar_method, ics: mail.calendar_ics } : undefined;
    const outcome = await transport.send({
      id: mail.id,
      to: mail.to_address,
      subject: mail.subject,
      body: mail.body,
      calendar,
    });
    const finishedAt = clock();
    const attempts = mail.attempts + 1;
    const mine = db.updateTable("outbox").where("id", "=", id).where("claimed_by", "=", input.workerId);
    if (outcome.ok) {
      await mine
        .set({
          sent_at: finishedAt.toISOString(),
          attempts,
          claimed_by: null,
          claimed_until: null,
          next_attempt_at: null,
          last_error: null,
        })
        .execute();
      run.sent++;
    } else if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
      const reason = outcome.permanent ? outcome.reason : `Gave up after ${attempts} attempts: ${outcome.reason}`;
      await mine
        .set({
          failed_at: finishedAt.toISOString(),
          attempts,
          claimed_by: null,
          claimed_until: null,
          next_attempt_at: null,
          last_error: reason,
        })
        .execute();
      console.warn(`Mail ${id} failed: ${reason}`);
      run.failed++;
    } else {
      const next = new Date(finishedAt.getTime() + retryDelayMs(attempts)).toISOString();
      await mine
        .set({ attempts, claimed_by: null, claimed_until: null, next_attempt_at: next, last_error: outcome.reason })
        .execute();
      run.retrying++;
    }
  }
  return run;
}
