import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { PERSONA_EMAILS } from "./access/types";
import { launchBrowser, signIn, waitForHydration } from "./support/browser";

/** Where focus goes after an action: the error summary after a bad submit, the success banner after a save. */
const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedInPage(email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  return page;
}

const focusedClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? "");

describe("after an action, with JavaScript", () => {
  it("moves focus to the error summary after a bad submit, and to the success banner after a save that redirects", async () => {
    const page = await signedInPage(PERSONA_EMAILS.admin);
    await page.goto(`${baseUrl}/admin/framework`);
    await page.waitForLoadState("networkidle");
    await page.click("button:has-text('Add domain')");
    await page.waitForSelector(".nhsuk-error-summary");
    await expect.poll(() => focusedClass(page), { timeout: 10_000 }).toContain("nhsuk-error-summary");

    await page.fill("#domainName", "Focus test domain");
    await page.click("button:has-text('Add domain')");
    await page.waitForSelector(".nhsuk-notification-banner--success");
    await expect.poll(() => focusedClass(page), { timeout: 10_000 }).toContain("nhsuk-notification-banner--success");
    expect(await page.textContent(".nhsuk-notification-banner--success")).toContain("Domain added.");
    expect(await page.inputValue("#domainName")).toBe("");
    await page.context().close();
  });

  it("keeps the errors and what was typed when the error summary's link is followed", async () => {
    const page = await signedInPage(PERSONA_EMAILS.admin);
    await page.goto(`${baseUrl}/admin/framework`);
    await page.waitForLoadState("networkidle");
    await page.fill("#domainDescription", "Typed before the error");
    await page.click("button:has-text('Add domain')");
    await page.waitForSelector(".nhsuk-error-summary");
    await page.click(".nhsuk-error-summary a[href='#domainName']");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("domainName");
    expect(await page.isVisible(".nhsuk-error-summary")).toBe(true);
    expect(await page.isVisible("#domainName-error")).toBe(true);
    expect(await page.inputValue("#domainDescription")).toBe("Typed before the error");
    await page.context().close();
  });

  it("keeps what is typed after an error while the page's data is still reloading", async () => {
    const page = await signedInPage(PERSONA_EMAILS.admin);
    await page.goto(`${baseUrl}/admin/framework`);
    await page.waitForLoadState("networkidle");
    // Hold the reload that follows the refused submission, so typing surely falls inside it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.searchParams.has("_data"),
      async (route) => {
        if (route.request().method() === "GET") await held;
        await route.continue();
      },
    );
    await page.click("button:has-text('Add domain')");
    await page.waitForSelector(".nhsuk-error-summary");
    await page.fill("#domainName", "Typed while reloading");
    release();
    await page.waitForLoadState("networkidle");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className ?? ""))
      .toContain("nhsuk-error-summary");
    expect(await page.inputValue("#domainName")).toBe("Typed while reloading");
    await page.context().close();
  });

  it("announces an invitation and clears the form for the next one", async () => {
    const page = await signedInPage(PERSONA_EMAILS.coordinator);
    await page.goto(`${baseUrl}/invitations/new`);
    await page.waitForLoadState("networkidle");
    await page.fill("#name", "Focus Tester");
    await page.fill("#email", "focus.tester@example.org");
    // The organisation chooser is an autocomplete once the page runs JavaScript.
    const combobox = page.locator("input#organisationId[role=combobox]");
    await combobox.waitFor();
    const [organisation] = await page.$$eval("select#organisationId-select option", (options) =>
      options.filter((o) => (o as HTMLOptionElement).value).map((o) => o.textContent ?? ""),
    );
    await combobox.pressSequentially(organisation);
    await page.locator("#organisationId__listbox li", { hasText: organisation }).first().waitFor();
    await combobox.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.click("button:has-text('Send invitation')");
    await page.waitForSelector(".nhsuk-notification-banner--success, .nhsuk-error-summary");
    expect(await page.textContent("#maincontent")).toContain(
      "An invitation for focus.tester@example.org has been created",
    );
    await expect.poll(() => focusedClass(page), { timeout: 10_000 }).toContain("nhsuk-notification-banner--success");
    expect(await page.inputValue("#email")).toBe("");
    await page.context().close();
  });

  it("moves focus to the new page's heading after following a link", async () => {
    const page = await signedInPage(PERSONA_EMAILS.admin);
    await page.goto(`${baseUrl}/`);
    await waitForHydration(page);
    await page.click(".nhsuk-header__navigation-link:has-text('Users')");
    await page.waitForURL(`${baseUrl}/admin/users`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 }).toBe("H1");
    await page.context().close();
  });
});

describe("after an action, without JavaScript", () => {
  it("shows the success banner carried across the redirect, once", async () => {
    const page = await signedInPage(PERSONA_EMAILS.admin, false);
    await page.goto(`${baseUrl}/admin/framework`);
    await page.fill("#domainName", "No script domain");
    await Promise.all([page.waitForURL(`${baseUrl}/admin/framework`), page.click("button:has-text('Add domain')")]);
    await page.waitForSelector(".nhsuk-notification-banner--success[role=alert]");
    expect(await page.textContent(".nhsuk-notification-banner--success")).toContain("Domain added.");
    await page.reload();
    expect(await page.$(".nhsuk-notification-banner--success")).toBeNull();
    await page.context().close();
  });
});
