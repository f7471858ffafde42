import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notifyTransport, type MailTransport } from "~/mail/transport.server";
import { deliverDueMail } from "~/models/notification/delivery.server";
import { listOutbox, queueMail } from "~/models/notification/outbox.server";
import { engagementIdForMatch } from "~/models/engagement/core.server";
import { planSession } from "~/models/engagement/sessions.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { MARCH_1, pioneer, requester, seedEngagementFixture, visit } from "../support/engagement-fixture";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
const API_KEY = `peerlink_test-${SERVICE_ID}-3d844edf-8d35-48ac-975b-e847b4f122b0`;
const TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a";

interface Received {
  path: string;
  authorization: string;
  json: Record<string, unknown>;
}

/** Answers like GOV.UK Notify's email endpoint, replying with the given statuses in turn (then 201). */
async function startFakeNotify(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        authorization: String(req.headers.authorization ?? ""),
        json: JSON.parse(body) as Record<string, unknown>,
      });
      const status = statuses.shift() ?? 201;
      res.writeHead(status, { "Content-Type": "application/json" });
      if (status === 201)
        res.end(
          JSON.stringify({
            id: "740e5834-3a29-46b4-9a6f-16142fde533a",
            reference: null,
            content: {},
            uri: "",
            template: {},
          }),
        );
      else
        res.end(
          JSON.stringify({
            status_code: status,
            errors: [
              {
                error: status === 400 ? "BadRequestError" : "Exception",
                message: status === 400 ? "email_address Not a valid email address" : "Internal server error",
              },
            ],
          }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(testEngines())("mail through GOV.UK Notify on %s", (engine) => {
  let t: TestDatabase;
  let notify: Awaited<ReturnType<typeof startFakeNotify>>;
  const statuses: number[] = [];
  let transport: MailTransport;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    statuses.length = 0;
    notify = await startFakeNotify(statuses);
    transport = notifyTransport({ apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: notify.baseUrl });
    await queueMail(t.db, {
      to: "reader@example.nhs.uk",
      subject: "Answer the pre-visit questionnaire",
      body: "The first session is on 3 March.",
      link: "/engagements/e-1/questionnaire",
      why: "Because.",
      choosable: true,
    });
  });
  afterEach(async () => {
    await notify.close();
    await t.dispose();
  });

  it("sends the generic template with the subject and body as personalisation, signed with the key", async () => {
    expect(await deliverDueMail(t.db, transport, { workerId: "w" })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(notify.received).toHaveLength(1);
    const [request] = notify.received;
    expect(request!.path).toBe("/v2/notifications/email");
    expect(request!.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(request!.authorization.split(".")[1]!, "base64url").toString()) as {
      iss: string;
    };
    expect(claims.iss).toBe(SERVICE_ID);
    const outbox = await t.db.selectFrom("outbox").select(["id", "body"]).executeTakeFirstOrThrow();
    expect(request!.json).toEqual({
      template_id: TEMPLATE_ID,
      email_address: "reader@example.nhs.uk",
      personalisation: { subject: "Answer the pre-visit questionnaire", body: outbox.body },
      reference: outbox.id,
    });
    expect(outbox.body).toContain("http://localhost:3000/engagements/e-1/questionnaire");
  });

  it("retries after a 500 or a 429 and records a 400 as permanent", async () => {
    statuses.push(500, 429, 400);
    expect(await deliverDueMail(t.db, transport, { workerId: "w" })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(
      await deliverDueMail(t.db, transport, { workerId: "w", now: () => new Date(Date.now() + 2 * 60_000) }),
    ).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(
      await deliverDueMail(t.db, transport, { workerId: "w", now: () => new Date(Date.now() + 10 * 60_000) }),
    ).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [mail] = await listOutbox(t.db);
    expect(mail!.state).toEqual({ kind: "failed", reason: "Notify 400: email_address Not a valid email address" });
    expect(mail!.attempts).toBe(3);
    expect(notify.received).toHaveLength(3);
  });

  it("sends a session invitation as plain mail that links to the session's calendar file, which Notify cannot attach", async () => {
    await seedEngagementFixture(t.db);
    await respondToMatch(t.db, { matchId: "m1", user: pioneer, accept: true });
    const engagementId = (await engagementIdForMatch(t.db, "m1"))!;
    const sessionId = await planSession(t.db, { engagementId, actor: requester, plan: visit(), now: MARCH_1 });
    await deliverDueMail(t.db, transport, { workerId: "w" });
    const personalisation = (r: Received) => r.json.personalisation as { subject: string; body: string };
    const invitations = notify.received.filter((r) => personalisation(r).subject.startsWith("Invitation:"));
    expect(invitations.map((r) => r.json.email_address).sort()).toEqual([
      "pio@example.org",
      "req1@example.org",
      "req2@example.org",
    ]);
    for (const r of invitations) {
      expect(Object.keys(r.json).sort()).toEqual(["email_address", "personalisation", "reference", "template_id"]);
      expect(personalisation(r).body).toContain(
        `Add it to your calendar: http://localhost:3000/engagements/${engagementId}/sessions/${sessionId}/calendar`,
      );
    }
  });
});
