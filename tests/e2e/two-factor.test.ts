import type { Browser, Page } from "playwright-core";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, DEMO_PASSWORD, expectAccessible, launchBrowser } from "./support/browser";

// As in production: coordinators and administrators must use a code after their password.
const { baseUrl } = await serverForThisFile({ MFA_REQUIRED_ROLES: "coordinator,admin" });
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
});
afterEach(async () => {
  await page.context().close();
  expect(consoleErrors).toEqual([]);
});

function fromBase32(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...text.replace(/\s+/g, "")].map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  return new Uint8Array(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}
const stepNow = () => Math.floor(Date.now() / 30_000);
const codeFor = (key: Uint8Array, step: number) => generateHOTP(key, BigInt(step), 6);

async function passwordStep(email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill("#email", email);
  await page.fill("#password", DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.click("button[type=submit]:has-text('Sign in')"),
  ]);
}

async function signOut() {
  await Promise.all([page.waitForURL((url) => url.pathname === "/login"), page.click("button:has-text('Sign out')")]);
}

describe("two-factor sign-in", () => {
  it("after a password alone a coordinator can reach no page but the set-up step", async () => {
    await passwordStep("coordinator@example.org");
    expect(new URL(page.url()).pathname).toBe("/login/set-up-two-factor");
    await expect(page.locator("svg").first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    for (const path of [
      "/account",
      "/matching",
      "/requests",
      "/dashboard",
      "/account/two-factor",
      "/login/two-factor",
    ]) {
      await page.goto(`${baseUrl}${path}`);
      expect(new URL(page.url()).pathname, path).toBe("/login");
    }
    // A fetch with the browser's cookies is no better off than the pages.
    const status = await page.evaluate(async () => (await fetch("/account", { redirect: "manual" })).type);
    expect(status).toBe("opaqueredirect");
  });

  it("a coordinator sets up an authenticator, then signs in with a code; a used code is refused and a recovery code works once", async () => {
    await passwordStep("london.coordinator@example.org");
    expect(new URL(page.url()).pathname).toBe("/login/set-up-two-factor");
    const key = fromBase32((await page.locator("[data-testid=totp-key]").textContent()) ?? "");
    // A wrong code changes nothing and says so next to the field.
    await page.fill("#code", "12345");
    await page.click("button:has-text('Turn on two-factor sign-in')");
    await page.locator(".nhsuk-error-message").first().waitFor();
    const firstStep = stepNow();
    await page.fill("#code", codeFor(key, firstStep));
    await page.click("button:has-text('Turn on two-factor sign-in')");
    await page.locator("[data-testid=recovery-codes] li").first().waitFor();
    const recovery = (await page.locator("[data-testid=recovery-codes] code").allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    await expectAccessible(page);
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.click("a:has-text('Continue')")]);
    await page.goto(`${baseUrl}/account`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Your account");
    await signOut();

    // The next step's code: inside the window, and never one already used.
    await passwordStep("london.coordinator@example.org");
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    await expectAccessible(page);
    const code = codeFor(key, firstStep + 1);
    await page.fill("#code", code);
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.click("button:has-text('Continue')")]);
    await signOut();

    await passwordStep("london.coordinator@example.org");
    await page.fill("#code", code);
    await page.click("button:has-text('Continue')");
    await expect(page.locator(".nhsuk-error-message").first().textContent()).resolves.toContain("already been used");
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");

    await page.fill("#code", recovery[0]);
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.click("button:has-text('Continue')")]);
    await signOut();
    await passwordStep("london.coordinator@example.org");
    await page.fill("#code", recovery[0]);
    await page.click("button:has-text('Continue')");
    await expect(page.locator(".nhsuk-error-message").first().textContent()).resolves.toContain("not correct");
  });

  it("a member, who need not use it, signs in with a password alone and can turn it on from their account", async () => {
    await passwordStep("requester@example.org");
    expect(new URL(page.url()).pathname).toBe("/");
    await page.goto(`${baseUrl}/account`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/account/two-factor"),
      page.click("a:has-text('two-factor sign-in')"),
    ]);
    const key = fromBase32((await page.locator("[data-testid=totp-key]").textContent()) ?? "");
    await page.fill("#code", codeFor(key, stepNow()));
    await page.click("button:has-text('Turn on two-factor sign-in')");
    await page.locator("[data-testid=recovery-codes] li").first().waitFor();
    const recovery = (await page.locator("[data-testid=recovery-codes] code").allTextContents()).map((c) => c.trim());
    await expectAccessible(page);
    await page.goto(`${baseUrl}/account`);
    await signOut();
    await passwordStep("requester@example.org");
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    await page.fill("#code", recovery[0]);
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.click("button:has-text('Continue')")]);

    // Turning it off takes a code: a wrong one changes nothing.
    await page.goto(`${baseUrl}/account/two-factor`);
    await page.fill("#code", "999999");
    await page.click("button:has-text('Turn off two-factor sign-in')");
    await expect(page.locator(".nhsuk-error-message").first().textContent()).resolves.toContain("not correct");
    await page.fill("#code", recovery[1]);
    await page.click("button:has-text('Turn off two-factor sign-in')");
    await page.locator("[data-testid=totp-key]").waitFor();
    await page.goto(`${baseUrl}/account`);
    await signOut();
    await passwordStep("requester@example.org");
    expect(new URL(page.url()).pathname).toBe("/");
  });
});
