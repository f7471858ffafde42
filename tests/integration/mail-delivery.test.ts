import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "~/config.server";
import { OutboxTable } from "~/components/outbox-table";
import { smtpTransport, type MailTransport } from "~/mail/transport.server";
import { createUser } from "~/models/account/users.server";
import { CLAIM_MS, deliverDueMail } from "~/models/notification/delivery.server";
import { notifyUser } from "~/models/notification/notifications.server";
import { listOutbox, queueMail } from "~/models/notification/outbox.server";
import { startTimedWork } from "~/scheduler/start.server";
import { raceChildren } from "../support/child-workers";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { eventually, readableText, startSmtpSink } from "../support/smtp-sink";

beforeAll(() => {
  process.env.PUBLIC_URL = "https://peerlink.example.nhs.uk";
  resetConfigForTests();
});

const queue = (t: TestDatabase, to: string, subject = "Confirm the session") =>
  queueMail(t.db, {
    to,
    subject,
    body: "Something happened.",
    link: null,
    why: "You received this because of a test.",
    choosable: true,
  });

const later = (ms: number) => () => new Date(Date.now() + ms);

describe.each(testEngines())("mail delivery on %s", (engine) => {
  let t: TestDatabase;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: MailTransport;
  const answers = new Map<string, number[]>();

  beforeEach(async () => {
    t = await freshDatabase(engine);
    answers.clear();
    sink = await startSmtpSink((address, attempt) => answers.get(address)?.[attempt - 1]);
    transport = smtpTransport(sink.url, "Peerlink <no-reply@peerlink.test>");
  });
  afterEach(async () => {
    transport.close?.();
    await sink.close();
    await t.dispose();
  });

  it("delivers each message exactly once when two worker processes race", async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `person${i}@example.nhs.uk`);
    for (const to of addresses) await queue(t, to);
    const outcomes = await raceChildren("tests/support/deliver-worker.ts", [
      { DATABASE_URL: t.url, SMTP_URL: sink.url, WORKER_ID: "worker-a" },
      { DATABASE_URL: t.url, SMTP_URL: sink.url, WORKER_ID: "worker-b" },
    ]);
    expect(
      outcomes.map((o) => o.code),
      outcomes.map((o) => o.output).join("\n"),
    ).toEqual([0, 0]);
    const sentByWorkers = outcomes.map((o) => (o.result as { sent: number }).sent);
    console.log(`[figure] ${engine} race: the two workers sent ${sentByWorkers.join(" and ")} of 30`);
    expect(sentByWorkers.reduce((a, b) => a + b, 0)).toBe(30);
    const arrivals = sink.received.flatMap((m) => m.to).sort();
    expect(arrivals).toEqual([...addresses].sort());
    const unsent = await t.db.selectFrom("outbox").select("id").where("sent_at", "is", null).execute();
    expect(unsent).toEqual([]);
  });

  it("attaches a session's calendar invitation as a text/calendar part with its method", async () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "METHOD:CANCEL",
      "BEGIN:VEVENT",
      "UID:session-1@peerlink",
      "SEQUENCE:2",
      "STATUS:CANCELLED",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    await queueMail(t.db, {
      to: "attendee@example.nhs.uk",
      subject: "Cancelled: session",
      body: "The session is cancelled.",
      why: "A test.",
      choosable: false,
      calendar: { method: "CANCEL", ics },
    });
    expect(await deliverDueMail(t.db, transport, { workerId: "w" })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    // Headers are read raw: decoding quoted-printable would turn "=CA" in "method=CANCEL" into a byte.
    const raw = sink.received[0]!.raw;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
    expect(readableText(raw)).toContain("UID:session-1@peerlink");
  });

  it("retries after a temporary refusal (451) and then delivers once", async () => {
    answers.set("busy@example.nhs.uk", [451]);
    await queue(t, "busy@example.nhs.uk");
    expect(await deliverDueMail(t.db, transport, { workerId: "w" })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const [waiting] = await listOutbox(t.db);
    expect(waiting!.state).toMatchObject({ kind: "retrying", reason: expect.stringContaining("451") });
    // Not before its backoff is over...
    expect(await deliverDueMail(t.db, transport, { workerId: "w" })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // ...and delivered after it.
    expect(await deliverDueMail(t.db, transport, { workerId: "w", now: later(2 * 60_000) })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(sink.received.map((m) => m.to)).toEqual([["busy@example.nhs.uk"]]);
    const [sent] = await listOutbox(t.db);
    expect(sent!.state.kind).toBe("sent");
    expect(sent!.attempts).toBe(2);
  });

  it("records a permanent refusal (550) with its reason, never tries again, and shows it on the outbox page", async () => {
    answers.set("gone@example.nhs.uk", [550]);
    await queue(t, "gone@example.nhs.uk", "Give your feedback");
    expect(await deliverDueMail(t.db, transport, { workerId: "w" })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await deliverDueMail(t.db, transport, { workerId: "w", now: later(24 * 3_600_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(sink.received).toEqual([]);
    const mails = await listOutbox(t.db);
    expect(mails[0]!.state).toMatchObject({ kind: "failed", reason: expect.stringContaining("550") });
    const page = renderToStaticMarkup(OutboxTable({ mails }));
    expect(page).toContain("gone@example.nhs.uk");
    expect(page).toMatch(/Failed: 550[^<]*Mailbox unavailable/);
  });

  it("leaves a message claimed by another process alone until that claim expires", async () => {
    await queue(t, "claimed@example.nhs.uk");
    await t.db
      .updateTable("outbox")
      .set({ claimed_by: "crashed", claimed_until: new Date(Date.now() + CLAIM_MS).toISOString() })
      .execute();
    expect((await deliverDueMail(t.db, transport, { workerId: "w" })).sent).toBe(0);
    expect((await listOutbox(t.db))[0]!.state.kind).toBe("sending");
    expect((await deliverDueMail(t.db, transport, { workerId: "w", now: later(CLAIM_MS + 1000) })).sent).toBe(1);
    expect(sink.received).toHaveLength(1);
  });

  it("sends a plain-text body with absolute links, a subject saying what to do, and a footer saying why", async () => {
    await t.db.insertInto("region").values({ code: "Y56", ons_code: "E40000003", name: "London" }).execute();
    const userId = await createUser(t.db, {
      email: "reader@example.nhs.uk",
      name: "Reader",
      password: "river-lantern-orchard",
      role: "admin",
    });
    await notifyUser(t.db, userId, {
      kind: "request_needs_info",
      title: "Answer a coordinator's question: Sepsis",
      body: "A coordinator asked: which wards?",
      link: "/requests/r-1",
    });
    await deliverDueMail(t.db, transport, { workerId: "w" });
    const text = readableText(sink.received[0]!.raw);
    expect(text).toContain("Subject: Answer a coordinator's question: Sepsis");
    expect(text).toContain("Content-Type: text/plain");
    expect(text).toContain("Open it in Peerlink: https://peerlink.example.nhs.uk/requests/r-1");
    expect(text).toContain("You received this because you take part in Peerlink");
    expect(text).toContain("https://peerlink.example.nhs.uk/account");
  });

  it("delivers mail within seconds of the commit that queued it (measured)", async () => {
    process.env.SMTP_URL = sink.url;
    // The outbox is polled only every five minutes here, so only the nudge after queueing can deliver in time.
    process.env.OUTBOX_POLL_SECONDS = "300";
    resetConfigForTests();
    const stop = startTimedWork(t.db, () => undefined);
    try {
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        const to = `latency${i}@example.nhs.uk`;
        const queuedAt = Date.now();
        await t.db
          .transaction()
          .execute((trx) =>
            queueMail(trx, { to, subject: "Read this", body: "Body", link: null, why: "Test.", choosable: true }),
          );
        await eventually(() => sink.received.some((m) => m.to.includes(to)));
        latencies.push(sink.received.find((m) => m.to.includes(to))!.at - queuedAt);
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `[figure] ${engine} queue-to-arrival latency over 10 mails: median ${latencies[4]} ms, max ${latencies[9]} ms`,
      );
      expect(latencies[9]).toBeLessThan(30_000);
      expect(sink.received).toHaveLength(10);
    } finally {
      await stop();
      delete process.env.SMTP_URL;
      delete process.env.OUTBOX_POLL_SECONDS;
      resetConfigForTests();
    }
  });
});
