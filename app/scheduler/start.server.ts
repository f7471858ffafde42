import type { Kysely } from "kysely";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Database } from "../../db/schema";
import { onMailQueued } from "../mail/nudge.server";
import { transportFromConfig } from "../mail/transport.server";
import { deliverDueMail } from "../models/notification/delivery.server";
import { serviceJobs } from "./jobs.server";
import { startScheduler } from "./scheduler.server";

/** How long after mail is queued the worker looks, so the queueing transaction has committed. */
const NUDGE_DELAY_MS = 300;
const TICK_MS = 1000;

/**
 * Starts the timed work of this server process: the scheduler, and a mail worker that also sends
 * right after mail is queued in this process. Returns a stop function that waits for work in hand.
 */
export function startTimedWork(db: Kysely<Database>, log: (line: string) => void = console.log): () => Promise<void> {
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const transport = transportFromConfig();
  log(
    transport
      ? `Mail is sent by ${transport.description}`
      : "No mail service configured: mail stays in the outbox (see /admin/outbox)",
  );
  const scheduler = startScheduler(db, serviceJobs({ transport, workerId }), { owner: workerId, tickMs: TICK_MS, log });

  let sending: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const stopListening = transport
    ? onMailQueued(() => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          sending = sending
            .then(() => deliverDueMail(db, transport, { workerId }))
            .catch((error: unknown) =>
              console.error(`Mail delivery failed: ${error instanceof Error ? error.message : String(error)}`),
            );
        }, NUDGE_DELAY_MS);
      })
    : () => undefined;

  return async () => {
    stopListening();
    if (timer) clearTimeout(timer);
    await scheduler.stop();
    await sending;
    transport?.close?.();
  };
}
