import type { Browser, BrowserContext, Page } from "playwright-core";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { createInvitation } from "~/models/account/invitations.server";
import { createUser } from "~/models/account/users.server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
const PASSWORD = "lantern-harbour-quartz";

let browser: Browser;
let connection: Connection;
const contexts: BrowserContext[] = [];
const consoleErrors: string[] = [];

// People of this file's own, so no other file's data is touched.
const tag = randomBytes(4).toString("hex");
const dana = { email: `dana.${tag}@example.nhs.uk`, name: `Dana Disable ${tag}` };
const sam = { email: `sam.${tag}@example.nhs.uk`, name: `Sam Sessions ${tag}` };

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
  const org = await connection.db
    .selectFrom("organisation")
    .select("id")
    .where("ods_code", "=", "RF4")
    .executeTakeFirstOrThrow();
  for (const person of [dana, sam])
    await createUser(connection.db, { ...person, password: PASSWORD, role: "member", organisationId: org.id });
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  expect(consoleErrors.splice(0)).toEqual([]);
});

async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  page.on("close", () => consoleErrors.push(...errors));
  return page;
}

const isOnSignIn = async (page: Page, path: string) => {
  await page.goto(`${baseUrl}${path}`);
  return new URL(page.url()).pathname === "/login";
};

describe("disabling an account", () => {
  it("an administrator finds a member, disables them and their open session ends; re-enabling leaves it ended", async () => {
    const member = await newPage();
    await signIn(member, baseUrl, dana.email, PASSWORD);
    expect(await isOnSignIn(member, "/account")).toBe(false);

    const admin = await newPage();
    await signIn(admin, baseUrl, "requester@example.org");
    await admin.goto(`${baseUrl}/admin/users`);
    await admin.waitForLoadState("networkidle");
    await admin.fill("#q", dana.name.toUpperCase());
    await Promise.all([
      admin.waitForURL((url) => url.searchParams.get("q") === dana.name.toUpperCase()),
      admin.click("button:has-text('Search')"),
    ]);
    await admin.locator(`caption:has-text('1 person matching')`).waitFor();
    await expectAccessible(admin);
    const row = admin.locator("tbody tr", { hasText: dana.email });
    await expect(row.locator("td").nth(4).textContent()).resolves.toContain("Active");

    await Promise.all([
      admin.waitForURL(/\/admin\/users\/[^/?]+$/),
      row.getByRole("link", { name: dana.name, exact: true }).click(),
    ]);
    await admin.locator("h1", { hasText: dana.name }).waitFor();
    await admin.waitForLoadState("networkidle");
    await expectAccessible(admin);
    await admin.click("button:has-text('Disable account')");
    await admin.locator(".nhsuk-notification-banner--success", { hasText: "has been disabled" }).waitFor();
    await admin.locator("button:has-text('Re-enable account')").waitFor();
    await expectAccessible(admin);

    // Her browser, still open, is signed out at its next request.
    expect(await isOnSignIn(member, "/account")).toBe(true);

    await admin.click("button:has-text('Re-enable account')");
    await admin.locator(".nhsuk-notification-banner--success", { hasText: "re-enabled" }).waitFor();
    expect(await isOnSignIn(member, "/account")).toBe(true);
    // She signs in again, afresh.
    await signIn(member, baseUrl, dana.email, PASSWORD);
    expect(await isOnSignIn(member, "/account")).toBe(false);
  });

  it("fits a 320 pixel wide screen without sideways scrolling", async () => {
    const admin = await newPage({ width: 320, height: 640 });
    await signIn(admin, baseUrl, "admin@example.org");
    const { id } = await connection.db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", dana.email)
      .executeTakeFirstOrThrow();
    for (const path of ["/admin/users?q=example", `/admin/users/${id}`, "/account/sessions"]) {
      await admin.goto(`${baseUrl}${path}`);
      const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await expectAccessible(admin);
    }
  });
});

describe("invitations waiting", () => {
  it("an organisation's administrator resends one, whose old link then fails, and withdraws it, without JavaScript", async () => {
    const requester = await connection.db
      .selectFrom("app_user")
      .select(["id", "organisation_id"])
      .where("email", "=", "requester@example.org")
      .executeTakeFirstOrThrow();
    const invited = `ivy.${tag}@example.nhs.uk`;
    const { link } = await createInvitation(connection.db, {
      email: invited,
      name: `Ivy Invited ${tag}`,
      role: "member",
      organisationId: requester.organisation_id,
      coordinatingBodyId: null,
      invitedBy: requester.id,
      baseUrl,
      revealExistingAccount: false,
    });
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, "requester@example.org");
    await page.goto(`${baseUrl}/admin/users?q=${encodeURIComponent(invited)}`);
    const row = page.locator("tbody tr", { hasText: invited });
    await expect(row.textContent()).resolves.toContain("Invited");
    await row.locator("button:has-text('Resend')").click({ timeout: 5000 });
    await page.locator(".nhsuk-notification-banner--success", { hasText: "earlier link no longer works" }).waitFor();
    expect((await fetch(link)).status).toBe(404);

    await page.locator("tbody tr", { hasText: invited }).locator("button:has-text('Withdraw')").click();
    await page.locator(".nhsuk-notification-banner--success", { hasText: "has been withdrawn" }).waitFor();
    await expect(page.textContent("main")).resolves.toContain("No one matches");
  });
});

describe("one's own sessions", () => {
  it("lists each browser with this one marked, and ends another", async () => {
    const laptop = await newPage();
    const phone = await newPage();
    await signIn(phone, baseUrl, sam.email, PASSWORD);
    await signIn(laptop, baseUrl, sam.email, PASSWORD);
    await laptop.goto(`${baseUrl}/account`);
    await laptop.waitForLoadState("networkidle");
    await Promise.all([
      laptop.waitForURL(`${baseUrl}/account/sessions`),
      laptop.click("a:has-text('see and end them')"),
    ]);
    await laptop.waitForLoadState("networkidle");
    await laptop.locator("h1:has-text('Your sessions')").waitFor();
    const cards = laptop.locator(".nhsuk-card");
    expect(await cards.count()).toBe(2);
    await expect(cards.first().textContent()).resolves.toContain("This device");
    await expect(cards.nth(1).textContent()).resolves.not.toContain("This device");
    await expect(cards.first().locator("h2").textContent()).resolves.toMatch(/Chrom/);
    await expectAccessible(laptop);

    await cards.nth(1).locator("button:has-text('End this session')").click();
    await laptop.locator(".nhsuk-notification-banner--success", { hasText: "That session has ended" }).waitFor();
    expect(await laptop.locator(".nhsuk-card").count()).toBe(1);
    await expectAccessible(laptop);

    expect(await isOnSignIn(phone, "/account")).toBe(true);
    expect(await isOnSignIn(laptop, "/account")).toBe(false);
  });
});
