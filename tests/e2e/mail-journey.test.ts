import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { eventually, readableText, startSmtpSink, type ReceivedMail } from "../support/smtp-sink";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, DEMO_PASSWORD, launchBrowser, signIn } from "./support/browser";

/*
 * The service's mail as people receive it: the production server sends its outbox over SMTP to a
 * real SMTP server in this process, and every link followed here was read from a mail that arrived.
 */
const sink = await startSmtpSink();
afterAll(() => sink.close());
const { baseUrl, databaseUrl } = await serverForThisFile((url) => ({
  SMTP_URL: sink.url,
  PUBLIC_URL: url,
  OUTBOX_POLL_SECONDS: "1",
}));

let browser: Browser;
let connection: Connection;
const pages: { page: Page; errors: string[] }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});
afterEach(async () => {
  for (const { page, errors } of pages.splice(0)) {
    await page.context().close();
    expect(errors).toEqual([]);
  }
});

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  pages.push({ page, errors: collectConsoleErrors(page) });
  return page;
}

async function as(email: string): Promise<Page> {
  const page = await newPage();
  await signIn(page, baseUrl, email);
  return page;
}

/** The first mail to `to` whose readable text passes `test`, waited for: delivery runs on the server's schedule. */
async function mailTo(to: string, test: (text: string) => boolean): Promise<{ mail: ReceivedMail; text: string }> {
  const find = () => sink.received.find((m) => m.to.includes(to) && test(readableText(m.raw)));
  await eventually(() => find() !== undefined, 60_000).catch(() => {
    const theirs = sink.received.filter((m) => m.to.includes(to)).map((m) => readableText(m.raw));
    throw new Error(`No such mail to ${to} in time; received:\n${theirs.join("\n----\n")}`);
  });
  const mail = find()!;
  return { mail, text: readableText(mail.raw) };
}

/** The path of the first link into the service in a mail's text. */
function linkIn(text: string, pattern: RegExp): string {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const path = new RegExp(`${escaped}(${pattern.source})`).exec(text)?.[1];
  if (!path) throw new Error(`No link matching ${pattern} in:\n${text}`);
  return path;
}

const userByEmail = (email: string) =>
  connection.db
    .selectFrom("app_user")
    .select(["id", "name", "organisation_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();

describe("a match approved, accepted and planned, told by mail", () => {
  it("the pioneer opens the match from its mail, accepts, plans a session, and both trusts' attendees receive the invitation", async () => {
    const pioneerEmail = "pioneer@example.org";
    const pioneer = await userByEmail(pioneerEmail);

    // The national coordinator runs a round and approves one proposal for the pioneer's offers.
    const coordinator = await as("coordinator@example.org");
    await coordinator.goto(`${baseUrl}/matching`);
    await Promise.all([
      coordinator.waitForURL(/\/matching\/rounds\//),
      coordinator.click("button:has-text('Run a matching round')"),
    ]);
    const roundId = new URL(coordinator.url()).pathname.split("/").pop()!;
    const proposal = await connection.db
      .selectFrom("match_proposal")
      .innerJoin("offer", "offer.id", "match_proposal.offer_id")
      .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
      .select(["match_proposal.id", "help_request.title", "help_request.organisation_id"])
      .where("match_proposal.round_id", "=", roundId)
      .where("match_proposal.status", "=", "proposed")
      .where("offer.organisation_id", "=", pioneer.organisation_id)
      .orderBy("help_request.title")
      .executeTakeFirstOrThrow();
    const card = coordinator.locator(`#proposal-${proposal.id}`);
    await card.locator("summary:has-text('Why this offer, and decisions')").click();
    await card.locator("button:has-text('Approve this match')").click();
    await coordinator.getByText(`Approved: ${proposal.title} with`).waitFor();

    const match = await connection.db
      .selectFrom("outreach_match")
      .select("id")
      .where("proposal_id", "=", proposal.id)
      .executeTakeFirstOrThrow();

    // The pioneer's mail links to the match, which shows the request.
    const approved = await mailTo(pioneerEmail, (text) => text.includes(`${baseUrl}/matches/${match.id}`));
    const matchPath = linkIn(approved.text, /\/matches\/[^\s/]+/);
    expect(matchPath).toBe(`/matches/${match.id}`);
    const pioneerPage = await as(pioneerEmail);
    await pioneerPage.goto(`${baseUrl}${matchPath}`);
    await pioneerPage.locator("h1", { hasText: proposal.title }).waitFor();
    await pioneerPage.locator("h2", { hasText: "The request" }).waitFor();
    await pioneerPage.click("button:has-text('Accept the match')");
    await pioneerPage.getByText(/You accepted the match/).waitFor();
    await Promise.all([
      pioneerPage.waitForURL(/\/engagements\/[^/]+$/),
      pioneerPage.getByRole("link", { name: "Go to the engagement" }).click(),
    ]);
    const engagementPath = new URL(pioneerPage.url()).pathname;

    // Each trust names itself as the session's attendees.
    const requesterLead = await connection.db
      .selectFrom("app_user")
      .select(["email", "name"])
      .where("organisation_id", "=", proposal.organisation_id)
      .where("role", "=", "org_admin")
      .orderBy("email")
      .executeTakeFirstOrThrow();
    const requesterPage = await as(requesterLead.email);
    for (const [page, person] of [
      [pioneerPage, { name: pioneer.name, email: pioneerEmail }],
      [requesterPage, requesterLead],
    ] as const) {
      await page.goto(`${baseUrl}${engagementPath}/contacts`);
      await page.getByLabel("Name", { exact: true }).fill(person.name);
      await page.getByLabel("Email address").fill(person.email);
      await page.getByLabel("Phone number").fill("020 7946 0000");
      await page.getByLabel(`${person.name} (${person.email})`).check();
      await Promise.all([
        page.waitForURL((url) => url.pathname === engagementPath),
        page.click("button:has-text('Save contacts')"),
      ]);
    }

    // The pioneer plans an in-person session for 1 July next year, 14:00 in England (13:00 UTC).
    const year = new Date().getUTCFullYear() + 1;
    await pioneerPage.goto(`${baseUrl}${engagementPath}/sessions/new`);
    await pioneerPage.getByLabel("Date").fill(`${year}-07-01`);
    await pioneerPage.getByLabel("Start time").fill("14:00");
    await pioneerPage.getByLabel("Length in minutes").fill("90");
    const inPerson = await connection.db
      .selectFrom("offer_format")
      .select("code")
      .where("is_virtual", "=", 0)
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await pioneerPage.selectOption("select[name=formatCode]", inPerson.code);
    await pioneerPage.getByLabel("Place").fill("Education centre, room 2");
    await pioneerPage.locator("input[name^='planned-']").first().fill("4");
    await Promise.all([
      pioneerPage.waitForURL((url) => /\/sessions\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new")),
      pioneerPage.click("button:has-text('Plan the session')"),
    ]);
    const sessionId = new URL(pioneerPage.url()).pathname.split("/").pop()!;

    const uid = `UID:outreach-session-${sessionId}@peerlink`;
    for (const email of [pioneerEmail, requesterLead.email]) {
      const { mail, text } = await mailTo(email, (t) => t.includes(uid));
      // Headers are read raw: quoted-printable decoding would turn "=RE" into a byte.
      expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      const ics = text.replace(/\n[ \t]/g, "");
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toContain(`DTSTART:${year}0701T130000Z`);
      expect(text).toContain(`Subject: Invitation: Peerlink session on`);
      expect(text).toContain(`Add it to your calendar: ${baseUrl}${engagementPath}/sessions/${sessionId}/calendar`);
    }
    // Only the named attendees: the rest of each trust is not sent it.
    const invited = sink.received.filter((m) => readableText(m.raw).includes(uid)).flatMap((m) => m.to);
    expect(invited.sort()).toEqual([pioneerEmail, requesterLead.email].sort());
  });
});

describe("a forgotten password, reset from the mail that arrived", () => {
  it("the link from the mail sets a new password; signing in works with it and not with the old one", async () => {
    const email = "member.requester@example.org";
    const newPassword = "orchard-compass-tide";
    const page = await newPage();
    await page.goto(`${baseUrl}/forgot-password`);
    await page.fill("#email", email);
    await page.click("button:has-text('Send reset link')");
    await page.locator("h1:has-text('Check your email')").waitFor({ timeout: 30_000 });

    const { text } = await mailTo(email, (t) => t.includes("Subject: Reset your Peerlink password"));
    await page.goto(`${baseUrl}${linkIn(text, /\/reset-password\/[A-Za-z0-9_-]+/)}`);
    await page.fill("#password", newPassword);
    await page.fill("#confirmPassword", newPassword);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/login"),
      page.click("button:has-text('Set new password')"),
    ]);

    await page.fill("#email", email);
    await page.fill("#password", DEMO_PASSWORD);
    await page.click("button[type=submit]:has-text('Sign in')");
    await expect(page.locator("#email-error").textContent({ timeout: 30_000 })).resolves.toContain("not correct");

    await signIn(page, baseUrl, email, newPassword);
    await page.goto(`${baseUrl}/account`);
    await expect(page.locator("main").textContent()).resolves.toContain(email);
  });
});
