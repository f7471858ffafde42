import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

// Runs last (files run in name order): granting changes who is a pioneer in the shared demo.
const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;
let consoleErrors: string[];
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});
beforeEach(() => {
  consoleErrors = [];
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  expect(consoleErrors).toEqual([]);
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const errors = collectConsoleErrors(page);
  pages.push(page);
  page.on("close", () => consoleErrors.push(...errors));
  await signIn(page, baseUrl, email);
  return page;
}

const organisationId = async (ods: string) =>
  (await connection.db.selectFrom("organisation").select("id").where("ods_code", "=", ods).executeTakeFirstOrThrow())
    .id;

describe("pioneer status", () => {
  it("a trust asks with its reason, and the London coordinator refuses only with a note, then grants it", async () => {
    const trust = await organisationId("RYX");
    const lead = await signedIn("lead.ryx@example.org");
    await lead.goto(`${baseUrl}/organisations/${trust}/edit`);
    expect(await lead.locator("main").textContent()).not.toContain("Offers outreach");

    await lead.goto(`${baseUrl}/organisations/${trust}`);
    await lead.click("button:has-text('Ask for pioneer status')");
    await lead.locator("#reason-error").waitFor();
    await expectAccessible(lead);
    await lead.fill("#reason", "Our community teams halved pressure ulcers with QSIR and can show others how.");
    await lead.click("button:has-text('Ask for pioneer status')");
    await lead.getByText("Waiting for a decision").waitFor();
    await lead.goto(`${baseUrl}/offers/new`);
    expect(await lead.locator("main").textContent()).toMatch(/permission|Forbidden/i);

    const coordinator = await signedIn("london.coordinator@example.org");
    await coordinator.goto(`${baseUrl}/organisations/${trust}`);
    await coordinator.getByText("halved pressure ulcers").waitFor();
    await expectAccessible(coordinator);
    await coordinator.click("button:has-text('Refuse')");
    await coordinator.locator("#note-error").waitFor();
    expect(await coordinator.locator("#note-error").textContent()).toContain("Say why");
    await coordinator.click("button:has-text('Grant pioneer status')");
    await coordinator.getByText("Granted.").waitFor();

    await lead.goto(`${baseUrl}/offers/new`);
    await lead.locator("h1").waitFor();
    expect(await lead.locator("h1").textContent()).toMatch(/offer/i);
    await lead.goto(`${baseUrl}/notifications`);
    await lead.getByText("Your organisation is now a pioneer").first().waitFor();
  });

  it("a pioneer reads another trust's request without its history; the trust itself sees it", async () => {
    const request = await connection.db
      .selectFrom("help_request")
      .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
      .select(["help_request.id", "help_request.title"])
      .where("organisation.ods_code", "=", "RF4")
      .where("help_request.status", "=", "submitted")
      .orderBy("help_request.id")
      .executeTakeFirstOrThrow();
    const pioneer = await signedIn("pioneer@example.org");
    await pioneer.goto(`${baseUrl}/requests/${request.id}`);
    await pioneer.locator("h1", { hasText: request.title }).waitFor();
    expect(await pioneer.locator("h2").allTextContents()).not.toContain("History");
    const requester = await signedIn("requester@example.org");
    await requester.goto(`${baseUrl}/requests/${request.id}`);
    await requester.locator("h2", { hasText: "History" }).waitFor();
  });
});
