import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
const EMAIL = "other@example.org";
let browser: Browser;
let page: Page;
let consoleErrors: string[];
let connection: Connection;
let userId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
  userId = (
    await connection.db.selectFrom("app_user").select("id").where("email", "=", EMAIL).executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  // Leave the shared demo data as it was found.
  await connection?.db.deleteFrom("mail_preference").where("user_id", "=", userId).execute();
  await connection?.close();
  await browser?.close();
});
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
});
afterEach(async () => {
  await page.context().close();
  expect(consoleErrors).toEqual([]);
});

const stored = async () =>
  Object.fromEntries(
    (
      await connection.db
        .selectFrom("mail_preference")
        .select(["kind", "delivery"])
        .where("user_id", "=", userId)
        .execute()
    ).map((r) => [r.kind, r.delivery]),
  );

describe("choosing how Peerlink mails you", () => {
  it("saves a digest for sessions and in-app only for offers, and shows the choices again", async () => {
    await signIn(page, baseUrl, EMAIL);
    await page.goto(`${baseUrl}/account`);
    await expectAccessible(page);
    await page.check("input[name=sessions][value=digest]");
    await page.check("input[name=offers][value=app]");
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/account") && r.request().method() === "POST"),
      page.click("button:has-text('Save mail choices')"),
    ]);
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("Your mail choices are saved");
    expect(await stored()).toMatchObject({ sessions: "digest", offers: "app", matches: "immediate" });
    await page.goto(`${baseUrl}/account`);
    expect(await page.isChecked("input[name=sessions][value=digest]")).toBe(true);
    expect(await page.isChecked("input[name=offers][value=app]")).toBe(true);
  });

  it("refuses a choice that is not offered, with a message by the field, and changes nothing", async () => {
    await signIn(page, baseUrl, EMAIL);
    const before = await stored();
    const response = await page.request.post(`${baseUrl}/account?_data=routes%2Faccount`, {
      headers: { Origin: baseUrl },
      form: {
        intent: "mail-preferences",
        matches: "pigeon",
        requests: "app",
        sessions: "app",
        engagements: "app",
        impact: "app",
        offers: "app",
      },
    });
    expect(response.status()).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("Select how these messages reach you");
    expect(await stored()).toEqual(before);
  });

  it("tells administrators on the outbox page that no mail service is configured, with each message's state", async () => {
    await signIn(page, baseUrl, "admin@example.org");
    await page.goto(`${baseUrl}/admin/outbox`);
    await expect(page.locator("main").textContent()).resolves.toContain("No mail service is configured");
    await expect(page.locator("th").allTextContents()).resolves.toContain("State");
    await expectAccessible(page);
  });
});
