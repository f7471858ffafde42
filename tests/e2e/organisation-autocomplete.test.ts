import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn, waitForHydration } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});

async function coordinatorPage(javaScriptEnabled: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signIn(page, baseUrl, "coordinator@example.org");
  await page.goto(`${baseUrl}/invitations/new`);
  return page;
}

/** An organisation the select offers, with a word from the middle of its name to type. */
async function someOrganisation(page: Page, select: string) {
  const [choice] = await page.$$eval(`${select} option`, (options) =>
    options
      .map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" }))
      .filter((o) => o.value && o.label.split(" ").length > 2),
  );
  return { ...choice, typed: choice.label.split(" ")[1] };
}

const invitationFor = (email: string) =>
  connection.db.selectFrom("invitation").select(["organisation_id"]).where("email", "=", email).executeTakeFirst();

describe("choosing an organisation", () => {
  it("with JavaScript, is typed and picked from suggestions by keyboard, and the invitation is for that organisation", async () => {
    const page = await coordinatorPage(true);
    const errors = collectConsoleErrors(page);
    await waitForHydration(page);
    const combobox = page.locator("input#organisationId[role=combobox]");
    await combobox.waitFor();
    // The select is still there, hidden, and is what the form posts.
    expect(await page.locator("select#organisationId-select").isHidden()).toBe(true);
    const organisation = await someOrganisation(page, "select#organisationId-select");
    await page.fill("#name", "Typed Chooser");
    await page.fill("#email", "typed.chooser@example.org");
    await combobox.click();
    await combobox.pressSequentially(organisation.typed);
    const suggestion = page.locator("#organisationId__listbox li", { hasText: organisation.label });
    await suggestion.waitFor();
    await expectAccessible(page);
    // Typing the start of a name draws no second input for a hint, which axe would find unlabelled.
    await combobox.fill("");
    await combobox.pressSequentially(organisation.label.slice(0, 5));
    await page.locator("#organisationId__listbox li").first().waitFor();
    expect(await page.locator(".autocomplete__hint").count()).toBe(0);
    await expectAccessible(page);
    await combobox.fill("");
    await combobox.pressSequentially(organisation.typed);
    await suggestion.waitFor();
    // Down to the suggestion wanted, then Enter.
    const labels = await page.locator("#organisationId__listbox li").allTextContents();
    await combobox.press("ArrowDown");
    for (let i = 0; i < labels.indexOf(organisation.label); i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await combobox.inputValue()).toBe(organisation.label);
    expect(await page.locator("select#organisationId-select").inputValue()).toBe(organisation.value);
    await page.click("button:has-text('Send invitation')");
    await page.waitForSelector(".nhsuk-notification-banner--success");
    expect(await invitationFor("typed.chooser@example.org")).toEqual({ organisation_id: organisation.value });
    // The form is empty again, and the chooser is a chooser again.
    await page.locator("input#organisationId[role=combobox]").waitFor();
    expect(await page.locator("input#organisationId").inputValue()).toBe("");
    expect(errors).toEqual([]);
  });

  it("says when nothing matches, and an error keeps the field's hint and message read with it", async () => {
    const page = await coordinatorPage(true);
    const errors = collectConsoleErrors(page);
    await waitForHydration(page);
    const combobox = page.locator("input#organisationId[role=combobox]");
    await combobox.waitFor();
    await combobox.click();
    await combobox.pressSequentially("zzqx");
    await page.locator("#organisationId__listbox", { hasText: "No organisation matches" }).waitFor();
    // A member with no organisation is refused by the field, and nothing is written.
    await page.fill("#name", "No Organisation");
    await page.fill("#email", "no.organisation@example.org");
    await page.click("button:has-text('Send invitation')");
    await page.waitForSelector(".nhsuk-error-summary");
    const input = page.locator("input#organisationId[role=combobox]");
    await input.waitFor();
    const describedBy = (await input.getAttribute("aria-describedby"))!.split(" ");
    expect(describedBy).toEqual(expect.arrayContaining(["organisationId-hint", "organisationId-error"]));
    // The error summary's link lands in the chooser.
    await page.click(".nhsuk-error-summary a[href='#organisationId']");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("organisationId");
    await expectAccessible(page);
    expect(await invitationFor("no.organisation@example.org")).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("keeps its open list of long trust names within a 320 px screen", async () => {
    const page = await coordinatorPage(true);
    await page.setViewportSize({ width: 320, height: 800 });
    await waitForHydration(page);
    const combobox = page.locator("input#organisationId[role=combobox]");
    await combobox.waitFor();
    await combobox.pressSequentially("trust");
    await page.locator("#organisationId__listbox.autocomplete__menu--visible").waitFor();
    expect(await page.locator("#organisationId__listbox [role=option]").count()).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
  });

  it("as a filter, goes back to any organisation when its text is cleared", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, baseUrl, "admin@example.org");
    await page.goto(`${baseUrl}/admin/audit`);
    await waitForHydration(page);
    const combobox = page.locator("input#organisation[role=combobox]");
    await combobox.waitFor();
    const organisation = await someOrganisation(page, "select#organisation-select");
    await combobox.pressSequentially(organisation.label);
    await page.locator("#organisation__listbox li", { hasText: organisation.label }).first().waitFor();
    await combobox.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await page.locator("select#organisation-select").inputValue()).toBe(organisation.value);
    await combobox.fill("");
    await page.locator("#person").focus();
    await expect.poll(() => page.locator("select#organisation-select").inputValue()).toBe("");
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  it("without JavaScript, is the plain select, and the invitation is for the organisation chosen", async () => {
    const page = await coordinatorPage(false);
    expect(await page.locator("input#organisationId").count()).toBe(0);
    const organisation = await someOrganisation(page, "select#organisationId");
    await page.fill("#name", "Select Chooser");
    await page.fill("#email", "select.chooser@example.org");
    await page.selectOption("select#organisationId", organisation.value);
    await page.click("button:has-text('Send invitation')");
    await page.waitForSelector(".nhsuk-notification-banner--success");
    expect(await invitationFor("select.chooser@example.org")).toEqual({ organisation_id: organisation.value });
  });
});
