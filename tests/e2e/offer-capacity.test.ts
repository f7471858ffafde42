import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { quarterOf, todayInEngland } from "~/lib/dates";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
const TITLE = "Measurement for improvement: run charts and SPC in practice";
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

describe("editing an offer's capacity", () => {
  it("refuses a capacity below the places approved this quarter, with the count next to the field", async () => {
    const db = connection.db;
    const offer = await db
      .selectFrom("offer")
      .select(["id", "capacity_per_quarter"])
      .where("title", "=", TITLE)
      .executeTakeFirstOrThrow();
    const quarter = quarterOf(todayInEngland());
    const before = await db
      .selectFrom("offer_quarter_load")
      .select("approved")
      .where("offer_id", "=", offer.id)
      .where("quarter", "=", quarter)
      .executeTakeFirst();
    // Every place this quarter taken, for the length of this test only.
    const taken = offer.capacity_per_quarter;
    if (before)
      await db
        .updateTable("offer_quarter_load")
        .set({ approved: taken })
        .where("offer_id", "=", offer.id)
        .where("quarter", "=", quarter)
        .execute();
    else await db.insertInto("offer_quarter_load").values({ offer_id: offer.id, quarter, approved: taken }).execute();
    const page: Page = await (await browser.newContext()).newPage();
    const consoleErrors = collectConsoleErrors(page);
    try {
      await signIn(page, baseUrl, "pioneer@example.org");
      await page.goto(`${baseUrl}/offers/${offer.id}/edit`);
      await page.fill("#capacityPerQuarter", String(taken - 1));
      await page.click("main button[type=submit]:has-text('Save changes')");
      await page.locator("#capacityPerQuarter-error").waitFor();
      expect(await page.locator("#capacityPerQuarter-error").textContent()).toContain(
        `already taken by approved matches this quarter: capacity must be at least ${taken}`,
      );
      await expectAccessible(page);
      const after = await db
        .selectFrom("offer")
        .select("capacity_per_quarter")
        .where("id", "=", offer.id)
        .executeTakeFirstOrThrow();
      expect(after.capacity_per_quarter).toBe(taken);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.context().close();
      if (before)
        await db
          .updateTable("offer_quarter_load")
          .set({ approved: before.approved })
          .where("offer_id", "=", offer.id)
          .where("quarter", "=", quarter)
          .execute();
      else
        await db
          .deleteFrom("offer_quarter_load")
          .where("offer_id", "=", offer.id)
          .where("quarter", "=", quarter)
          .execute();
    }
  });
});
