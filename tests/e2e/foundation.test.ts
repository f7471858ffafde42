import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  const context = await browser.newContext();
  page = await context.newPage();
  consoleErrors = collectConsoleErrors(page);
});
afterEach(async () => {
  await page.context().close();
  expect(consoleErrors).toEqual([]);
});

// Waits for the menu first: on a loaded machine the page after signing in can still be arriving.
const menu = async () => {
  await page.locator("nav[aria-label=Menu] a").first().waitFor();
  return (await page.locator("nav[aria-label=Menu] a").allTextContents()).map((t) => t.trim());
};

describe("signing in", () => {
  it("the home page and sign-in page are accessible to a signed-out visitor", async () => {
    await page.goto(baseUrl);
    await expect(page.locator("h1").textContent()).resolves.toContain("Peerlink");
    await expectAccessible(page);
    await page.goto(`${baseUrl}/login`);
    await expectAccessible(page);
  });

  const roles: [string, string, string[]][] = [
    ["admin@example.org", "admin", ["Capability framework", "Users", "Import ODS", "Outbox", "Audit log"]],
    ["coordinator@example.org", "coordinator", ["Matching", "Requests", "Invite"]],
    ["requester@example.org", "requester", ["My organisation", "Assessment", "Our requests"]],
    ["pioneer@example.org", "pioneer", ["Our offers", "Open requests"]],
  ];

  for (const [email, label, expected] of roles) {
    it(`the ${label} sees their role's navigation`, async () => {
      await signIn(page, baseUrl, email);
      const items = await menu();
      for (const item of expected) expect(items).toContain(item);
      await expectAccessible(page);
      if (label !== "admin") expect(items).not.toContain("Import ODS");
      if (label !== "admin") expect(items).not.toContain("Audit log");
      if (label !== "coordinator") expect(items).not.toContain("Matching");
    });
  }

  it("a wrong password shows an error next to the field and in the summary", async () => {
    await page.goto(`${baseUrl}/login`);
    await page.fill("#email", "requester@example.org");
    await page.fill("#password", "not-the-right-password");
    await page.click("button:has-text('Sign in')");
    await expect(page.locator(".nhsuk-error-summary").textContent()).resolves.toContain(
      "Email address or password is not correct",
    );
    await expect(page.locator("#email-error").textContent()).resolves.toContain("not correct");
    await expect(page.locator("#email").inputValue()).resolves.toBe("requester@example.org");
    await expectAccessible(page);
  });

  it("sends a signed-out visitor to sign in and back to where they were going", async () => {
    await page.goto(`${baseUrl}/organisations?region=Y56`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.fill("#email", "coordinator@example.org");
    await page.fill("#password", "peerlink-demo-2026");
    await Promise.all([page.waitForURL(/\/organisations/), page.click("button:has-text('Sign in')")]);
    expect(page.url()).toContain("/organisations?region=Y56");
    await expectAccessible(page);
  });

  it("signs out with the header button", async () => {
    await signIn(page, baseUrl, "requester@example.org");
    await Promise.all([page.waitForURL(/\/login/), page.click("button:has-text('Sign out')")]);
    await page.goto(`${baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("works without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await signIn(noJs, baseUrl, "admin@example.org");
    await noJs.goto(`${baseUrl}/organisations?pioneer=1`);
    await expect(noJs.locator("h1").textContent()).resolves.toBe("Organisations");
    expect(await noJs.locator("table tbody tr").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("web security", () => {
  it("refuses a cross-origin form post", async () => {
    await signIn(page, baseUrl, "admin@example.org");
    // A page on another site submits a form to Peerlink; the browser attaches Origin: http://attacker.test.
    await page.route("http://attacker.test/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>x</title><form method="post" action="${baseUrl}/invitations/new"><input name="email" value="attacker@example.org"></form><script>document.forms[0].submit()</script>`,
      }),
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${baseUrl}/invitations/new` && r.request().method() === "POST"),
      page.goto("http://attacker.test/"),
    ]);
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("Cross-site requests are not allowed");
    consoleErrors.length = 0; // the browser logs the 403 itself
    // Without a browser: an explicit foreign Origin or Sec-Fetch-Site is refused too.
    expect(
      (await fetch(`${baseUrl}/account`, { method: "POST", headers: { Origin: "https://evil.example" } })).status,
    ).toBe(403);
    expect(
      (await fetch(`${baseUrl}/logout`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } })).status,
    ).toBe(403);
  });

  it("sends the security headers with a per-request nonce", async () => {
    const a = await fetch(`${baseUrl}/login`);
    const b = await fetch(`${baseUrl}/login`);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBeTruthy();
    const html = await a.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("answers /healthz with the database state", async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const engine = databaseUrl.startsWith("postgres") ? "postgres" : "sqlite";
    expect(await res.json()).toMatchObject({ status: "ok", database: { engine, state: "ok" } });
  });

  it("shows an NHS.UK error page, never a stack trace, for a missing page", async () => {
    const res = await page.goto(`${baseUrl}/no-such-page`);
    expect(res?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
    expect(await page.content()).not.toMatch(/at .*\.(js|ts):\d+/);
    await expectAccessible(page);
    consoleErrors.length = 0; // the 404 response itself is logged by the browser
  });
});
