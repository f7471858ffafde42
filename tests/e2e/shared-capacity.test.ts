import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

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

const sharedCapacity = async () =>
  (
    await connection.db
      .selectFrom("organisation")
      .select("shared_capacity_per_quarter")
      .where("ods_code", "=", "RWK")
      .executeTakeFirstOrThrow()
  ).shared_capacity_per_quarter;

describe.each([
  { javaScript: true, set: "3" },
  { javaScript: false, set: "2" },
])("a pioneer's shared capacity across its offers (JavaScript $javaScript)", ({ javaScript, set }) => {
  it("refuses 0 by the field and changes nothing, then saves a number and clears it", async () => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page: Page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    // axe runs inside the page, so only where the page runs scripts.
    const checkAccessible = async () => {
      if (javaScript) await expectAccessible(page);
    };
    const save = async () => {
      if (javaScript) await page.waitForLoadState("networkidle");
      await page.click("main button[type=submit]:has-text('Save shared capacity')");
    };
    try {
      await signIn(page, baseUrl, "pioneer@example.org");
      const id = (
        await connection.db
          .selectFrom("organisation")
          .select("id")
          .where("ods_code", "=", "RWK")
          .executeTakeFirstOrThrow()
      ).id;
      await page.goto(`${baseUrl}/organisations/${id}`);
      if (javaScript) await page.waitForLoadState("networkidle");
      await page.click("a:has-text('Set shared capacity across offers')");
      await page.locator("#sharedCapacity").waitFor();
      await checkAccessible();

      await page.fill("#sharedCapacity", "0");
      await save();
      await page.locator("#sharedCapacity-error").waitFor();
      expect(await page.locator("#sharedCapacity-error").textContent()).toContain("must be at least 1");
      expect(await page.locator(".nhsuk-error-summary").textContent()).toContain("must be at least 1");
      await checkAccessible();
      expect(await sharedCapacity()).toBeNull();

      await page.fill("#sharedCapacity", set);
      await save();
      await page.locator(`dd:has-text('${set} a quarter')`).waitFor();
      expect(await sharedCapacity()).toBe(Number(set));

      await page.goto(`${baseUrl}/organisations/${id}/shared-capacity`);
      expect(await page.inputValue("#sharedCapacity")).toBe(set);
      await page.fill("#sharedCapacity", "");
      await save();
      await page.locator("dd:has-text('No shared limit')").waitFor();
      expect(await sharedCapacity()).toBeNull();
      await checkAccessible();
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
      await connection.db
        .updateTable("organisation")
        .set({ shared_capacity_per_quarter: null })
        .where("ods_code", "=", "RWK")
        .execute();
    }
  });
});
