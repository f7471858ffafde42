import type { Browser, Page } from "playwright-core";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { createInvitation } from "~/models/account/invitations.server";
import { createUser } from "~/models/account/users.server";
import { collectConsoleErrors, expectAccessible, launchBrowser } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
const OLD_PASSWORD = "lantern-harbour-quartz";
const NEW_PASSWORD = "orchard-compass-tide";

let browser: Browser;
let connection: Connection;
let page: Page;
let consoleErrors: string[];
// A person of this file's own, so no other file's data is touched.
const email = `reset.${randomBytes(4).toString("hex")}@example.nhs.uk`;

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
  const org = await connection.db
    .selectFrom("organisation")
    .select("id")
    .where("ods_code", "=", "RF4")
    .executeTakeFirstOrThrow();
  await createUser(connection.db, {
    email,
    name: "Rita Reset",
    password: OLD_PASSWORD,
    role: "member",
    organisationId: org.id,
  });
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
});
afterEach(async () => {
  await page.context().close();
  expect(consoleErrors).toEqual([]);
});

describe("resetting a forgotten password", () => {
  it("asks for a link, opens it from the mail, sets a new password and signs in with it; the old one and the used link fail", async () => {
    await page.goto(`${baseUrl}/login`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/forgot-password"),
      page.click("a:has-text('Forgot your password?')"),
    ]);
    await expectAccessible(page);
    await page.fill("#email", email);
    await page.click("button:has-text('Send reset link')");
    await page.locator("h1:has-text('Check your email')").waitFor({ timeout: 30_000 });

    // The mail transport is another part of the service: read the queued mail's link directly.
    // The link is stored just after the page answers, so wait for it rather than race it.
    const queued = () =>
      connection.db
        .selectFrom("outbox")
        .select(["body"])
        .where("to_address", "=", email)
        .where("subject", "=", "Reset your Peerlink password")
        .executeTakeFirst();
    let mail = await queued();
    for (let tries = 0; !mail && tries < 300; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      mail = await queued();
    }
    if (!mail) throw new Error("no reset mail was queued");
    const path = /https?:\/\/[^/\s]+(\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.body)?.[1];
    expect(path).toBeDefined();

    await page.goto(`${baseUrl}${path}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Choose a new password");
    await expectAccessible(page);
    await page.fill("#password", NEW_PASSWORD);
    await page.fill("#confirmPassword", NEW_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/login"),
      page.click("button:has-text('Set new password')"),
    ]);
    await expect(page.locator(".nhsuk-inset-text").textContent()).resolves.toContain("Your password has been changed");
    await expect(page.locator("#email").inputValue()).resolves.toBe(email);

    await page.fill("#password", OLD_PASSWORD);
    await page.click("button[type=submit]:has-text('Sign in')");
    await expect(page.locator("#email-error").textContent({ timeout: 30_000 })).resolves.toContain("not correct");
    expect(new URL(page.url()).pathname).toBe("/login");

    await page.fill("#password", NEW_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      page.click("button[type=submit]:has-text('Sign in')"),
    ]);
    await page.goto(`${baseUrl}/account`);
    await expect(page.locator("main").textContent()).resolves.toContain(email);

    const again = await page.goto(`${baseUrl}${path}`);
    expect(again?.status()).toBe(410);
    await expect(page.locator("h1").textContent()).resolves.toBe("This reset link has already been used");
  });
});

describe("accepting an invitation", () => {
  it("the sign-in page says the account is ready with the email filled in, and the used link says so", async () => {
    const invited = `invited.${randomBytes(4).toString("hex")}@example.nhs.uk`;
    const admin = await connection.db
      .selectFrom("app_user")
      .select("id")
      .where("role", "=", "admin")
      .executeTakeFirstOrThrow();
    const org = await connection.db
      .selectFrom("organisation")
      .select("id")
      .where("ods_code", "=", "RF4")
      .executeTakeFirstOrThrow();
    const { link } = await createInvitation(connection.db, {
      email: invited,
      name: "Ivy Invited",
      role: "member",
      organisationId: org.id,
      coordinatingBodyId: null,
      invitedBy: admin.id,
      baseUrl,
      revealExistingAccount: true,
    });

    await page.goto(link);
    await page.fill("#password", NEW_PASSWORD);
    await page.fill("#confirmPassword", NEW_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/login"),
      page.click("button:has-text('Set password')"),
    ]);
    await expect(page.locator(".nhsuk-inset-text").textContent()).resolves.toContain("Your account is ready");
    await expect(page.locator("#email").inputValue()).resolves.toBe(invited);
    await expectAccessible(page);

    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await expect(page.locator("main").textContent()).resolves.toContain(
      "This invitation has already been used: sign in",
    );
  });
});
