/**
 * One outbox worker in a process of its own, for the delivery race test:
 *   node --import tsx tests/support/deliver-worker.ts
 * with DATABASE_URL, SMTP_URL, GO_FILE and WORKER_ID in the environment. It connects, says "ready",
 * waits for GO_FILE so both workers start together, delivers until nothing is due, and prints its counts as JSON.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "../../db/connect";
import { smtpTransport } from "../../app/mail/transport.server";
import { deliverDueMail } from "../../app/models/notification/delivery.server";

const { DATABASE_URL, SMTP_URL, GO_FILE, WORKER_ID } = process.env;
if (!DATABASE_URL || !SMTP_URL || !GO_FILE || !WORKER_ID)
  throw new Error("DATABASE_URL, SMTP_URL, GO_FILE and WORKER_ID are required");

const connection = connect(DATABASE_URL);
const transport = smtpTransport(SMTP_URL, "Peerlink <no-reply@peerlink.test>");
try {
  await connection.db.selectFrom("outbox").select("id").limit(1).execute();
  process.stdout.write("ready\n");
  while (!fs.existsSync(GO_FILE)) await sleep(2);
  let sent = 0;
  for (;;) {
    const run = await deliverDueMail(connection.db, transport, { workerId: WORKER_ID, batch: 5 });
    sent += run.sent;
    if (run.sent + run.retrying + run.failed === 0) break;
  }
  process.stdout.write(`${JSON.stringify({ sent })}\n`);
} finally {
  transport.close?.();
  await connection.close();
}
