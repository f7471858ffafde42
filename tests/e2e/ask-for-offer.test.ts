import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
const OFFER = "Measurement for improvement: run charts and SPC in practice";
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

async function withPage(email: string, javaScript: boolean, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = collectConsoleErrors(page);
  try {
    await signIn(page, baseUrl, email);
    await run(page);
    expect(consoleErrors).toEqual([]);
  } finally {
    await context.close();
  }
}

describe("asking for an offer", () => {
  it("a member starts from an offer, files the request, and sees the offer on the request page", async () => {
    const offer = await connection.db
      .selectFrom("offer")
      .innerJoin("organisation", "organisation.id", "offer.organisation_id")
      .select(["offer.id", "organisation.name"])
      .where("offer.title", "=", OFFER)
      .executeTakeFirstOrThrow();
    await withPage("member.requester@example.org", true, async (page) => {
      await page.goto(`${baseUrl}/offers/${offer.id}`);
      await page.waitForLoadState("networkidle");
      await Promise.all([page.waitForURL(/\/requests\/new\?offer=/), page.click("text=Ask for this offer")]);
      await page.waitForLoadState("networkidle");
      expect(await page.isChecked("#preferredOfferId")).toBe(true);
      expect(await page.locator("label[for=preferredOfferId]").textContent()).toBe(
        `Asked for: ${OFFER} (${offer.name})`,
      );
      // Pre-filled from the offer: at least one capability it teaches is ticked.
      expect(await page.locator("input[name=capabilityIds]:checked").count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await page.fill("#title", "SPC charts for our ward teams, as the pioneer runs them");
      await page.fill("#outcome", "Ward teams read their own run charts");
      if ((await page.locator("input[name=audienceCodes]:checked").count()) === 0) await page.check("#audienceCodes");
      if ((await page.locator("input[name=formatCodes]:checked").count()) === 0) await page.check("#formatCodes");
      await page.fill("#windowStart", "2099-03-01");
      await page.fill("#windowEnd", "2099-06-30");
      await page.check("#virtualOk");
      await page.check("#travelLimit");
      await page.check("#budget");
      await page.check("#priority");
      await Promise.all([
        page.waitForURL(/\/requests\/(?!new)[^/?]+$/),
        page.click("main button[type=submit]:has-text('Submit request')"),
      ]);
      const askedFor = page.locator("dt:has-text('Asked for') + dd");
      expect((await askedFor.textContent())?.trim()).toBe(`${OFFER} (${offer.name})`);
      await expectAccessible(page);
    });
  });

  it("offers no button to the offer's own trust", async () => {
    const offer = await connection.db
      .selectFrom("offer")
      .select("id")
      .where("title", "=", OFFER)
      .executeTakeFirstOrThrow();
    await withPage("pioneer@example.org", false, async (page) => {
      await page.goto(`${baseUrl}/offers/${offer.id}`);
      expect(await page.locator("text=Ask for this offer").count()).toBe(0);
    });
  });
});
