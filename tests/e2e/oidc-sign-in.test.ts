import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { createInvitation } from "~/models/account/invitations.server";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser } from "./support/browser";
import { startOidcProvider } from "../support/oidc-provider";

const provider = await startOidcProvider();
afterAll(() => provider.stop());
const { baseUrl, databaseUrl } = await serverForThisFile((appUrl) => {
  provider.configure({
    redirectUri: `${appUrl}/auth/oidc/callback`,
    postLogoutRedirectUri: `${appUrl}/login`,
    users: {
      "nhs-coordinator": { email: "Coordinator@example.org", emailVerified: true },
      "nhs-newcomer": { email: "newcomer@example.nhs.uk", emailVerified: true },
      "nhs-stranger": { email: "stranger@example.nhs.uk", emailVerified: true },
      "nhs-unverified": { email: "requester@example.org", emailVerified: false },
    },
  });
  return {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_LABEL: "Sign in with NHSmail",
    PUBLIC_URL: appUrl,
    MFA_REQUIRED_ROLES: "coordinator,admin",
  };
});

let browser: Browser;
let page: Page;
let consoleErrors: string[];
let connection: Connection;

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
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

/** From Peerlink's sign-in page through the provider's own login and consent pages, and back. */
async function signInThroughProvider(login: string) {
  await page.goto(`${baseUrl}/login`);
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(provider.issuer)),
    page.click("a:has-text('Sign in with NHSmail')"),
  ]);
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", "anything");
  await page.click("button[type=submit]");
  await page.locator("button:has-text('Continue')").click();
  await page.waitForURL((url) => url.href.startsWith(baseUrl));
}

describe("signing in with an NHS account", () => {
  it("the sign-in page offers the provider above the password form", async () => {
    await page.goto(`${baseUrl}/login`);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text.indexOf("Sign in with NHSmail")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("Sign in with NHSmail")).toBeLessThan(text.indexOf("Email address"));
    await expectAccessible(page);
  });

  it("a coordinator signs in with their verified NHS email, with no Peerlink code, and signing out ends the provider's session too", async () => {
    await signInThroughProvider("nhs-coordinator");
    expect(new URL(page.url()).pathname).toBe("/");
    await page.goto(`${baseUrl}/matching`);
    expect(new URL(page.url()).pathname).toBe("/matching");
    const link = await connection.db
      .selectFrom("oidc_identity")
      .innerJoin("app_user", "app_user.id", "oidc_identity.user_id")
      .select(["oidc_identity.subject", "app_user.email"])
      .execute();
    expect(link).toEqual([{ subject: "nhs-coordinator", email: "coordinator@example.org" }]);

    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(provider.issuer)),
      page.click("button:has-text('Sign out')"),
    ]);
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(`${baseUrl}/login`)),
      page.click("button[value=yes]"),
    ]);
    await page.goto(`${baseUrl}/matching`);
    expect(new URL(page.url()).pathname).toBe("/login");
    // The provider's session is over too: signing in again asks for the login once more.
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(provider.issuer)),
      page.click("a:has-text('Sign in with NHSmail')"),
    ]);
    await page.locator("input[name=login]").waitFor();
  });

  it("an invited person accepts their invitation by signing in with the provider", async () => {
    const coordinator = await connection.db
      .selectFrom("app_user")
      .select(["id", "coordinating_body_id"])
      .where("email", "=", "coordinator@example.org")
      .executeTakeFirstOrThrow();
    await createInvitation(connection.db, {
      email: "newcomer@example.nhs.uk",
      name: "Nia Newcomer",
      role: "coordinator",
      organisationId: null,
      coordinatingBodyId: coordinator.coordinating_body_id,
      invitedBy: coordinator.id,
      baseUrl,
      revealExistingAccount: true,
    });
    await signInThroughProvider("nhs-newcomer");
    await page.goto(`${baseUrl}/account`);
    await expect(page.locator("main").textContent()).resolves.toContain("Nia Newcomer");
  });

  it("an unknown email is refused with a page that says to ask for an invitation, and no account is made", async () => {
    await signInThroughProvider("nhs-stranger");
    await expect(page.locator("h1").textContent()).resolves.toContain("You cannot sign in to Peerlink yet");
    await expect(page.locator("main").textContent()).resolves.toContain(
      "Ask your coordinator or your organisation's administrator for an invitation",
    );
    await expectAccessible(page);
    expect(
      await connection.db
        .selectFrom("app_user")
        .select("id")
        .where("email", "=", "stranger@example.nhs.uk")
        .executeTakeFirst(),
    ).toBeUndefined();
    await page.goto(`${baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("an email the provider has not verified is refused, even for a known account", async () => {
    await signInThroughProvider("nhs-unverified");
    await expect(page.locator("main").textContent()).resolves.toContain("did not confirm your email address");
    expect(
      await connection.db
        .selectFrom("oidc_identity")
        .select("subject")
        .where("subject", "=", "nhs-unverified")
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("a return from the provider with no sign-in on its way, or a forged state, is turned away", async () => {
    await page.goto(`${baseUrl}/auth/oidc/callback?code=forged&state=forged`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect(page.locator("main").textContent()).resolves.toContain("did not complete");
  });
});
