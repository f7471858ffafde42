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

async function withPage(email: string, javaScript: boolean, run: (page: Page) => Promise<void>, width = 1024) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 800 } });
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

const organisationId = async (ods: string) =>
  (await connection.db.selectFrom("organisation").select("id").where("ods_code", "=", ods).executeTakeFirstOrThrow())
    .id;

/** A submitted request of the Royal Free (RF4), a London trust. */
async function submittedRequestOfRF4() {
  return connection.db
    .selectFrom("help_request")
    .select(["id", "title"])
    .where("organisation_id", "=", await organisationId("RF4"))
    .where("status", "=", "submitted")
    .orderBy("id")
    .executeTakeFirstOrThrow();
}

describe("interest marks and priority to greatest need", () => {
  it("a pioneer says it is interested in helping, and the coordinator sees it on the request", async () => {
    const request = await submittedRequestOfRF4();
    const pioneerName = (
      await connection.db
        .selectFrom("organisation")
        .select("name")
        .where("ods_code", "=", "RWK")
        .executeTakeFirstOrThrow()
    ).name;
    await withPage("pioneer@example.org", true, async (page) => {
      await page.goto(`${baseUrl}/requests/${request.id}`);
      await page.waitForLoadState("networkidle");
      await page.click("button:has-text('We are interested in helping')");
      await page.waitForSelector("button:has-text('Remove our interest')");
      await expectAccessible(page);
    });
    const marks = await connection.db
      .selectFrom("request_interest")
      .select("organisation_id")
      .where("request_id", "=", request.id)
      .execute();
    expect(marks).toEqual([{ organisation_id: await organisationId("RWK") }]);
    await withPage("london.coordinator@example.org", false, async (page) => {
      await page.goto(`${baseUrl}/requests/${request.id}`);
      const list = page.locator("h2:has-text('Pioneers interested in helping') + ul");
      expect((await list.textContent())?.trim()).toBe(pioneerName);
      expect(await page.locator("button:has-text('We are interested in helping')").count()).toBe(0);
    });
  });

  it("a coordinator flags a trust, runs a round with priority to greatest need and reads the worst-off figures", async () => {
    const rf4 = await organisationId("RF4");
    await withPage("london.coordinator@example.org", true, async (page) => {
      await page.goto(`${baseUrl}/organisations/${rf4}`);
      await page.waitForLoadState("networkidle");
      // No reason: the message is by the field and nothing is flagged.
      await page.click("button:has-text('Flag as a priority for support')");
      await page.waitForSelector(".nhsuk-error-summary");
      expect(await page.locator("#priorityReason-error").textContent()).toContain("Enter why the trust is a priority");
      await expectAccessible(page);
      await page.fill("#priorityReason", "Recovery Support Programme");
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.click("button:has-text('Flag as a priority for support')"),
      ]);
      await page.waitForSelector("text=Flagged: Recovery Support Programme.");

      await page.goto(`${baseUrl}/matching`);
      await page.waitForLoadState("networkidle");
      await page.check("#needPriority");
      await Promise.all([
        page.waitForURL(/\/matching\/rounds\/[^/]+\?ran=1/),
        page.click("button:has-text('Run a matching round')"),
      ]);
      await page.waitForSelector("h2:has-text('How the worst-off requests fared')");
      const rows = page.locator("section[aria-labelledby=worst-off] tbody tr");
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toContain("As run (with priority to greatest need)");
      expect(await rows.nth(1).textContent()).toContain("Without priority to greatest need");
      const flagged = await connection.db
        .selectFrom("help_request")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("organisation_id", "=", rf4)
        .where("status", "=", "submitted")
        .executeTakeFirstOrThrow();
      // Every submitted RF4 request is open in the demo, so each counts as a flagged trust's request.
      expect(await rows.nth(0).textContent()).toMatch(new RegExp(`\\d+ of ${Number(flagged.n)}$`));
      await expectAccessible(page);
    });
    const round = await connection.db
      .selectFrom("match_round")
      .select(["id", "summary_json"])
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const summary = JSON.parse(round.summary_json);
    expect(summary.needPriority).toBe(true);
    expect(summary.worstOff.asRun.flaggedHelped).toBeGreaterThanOrEqual(summary.worstOff.otherWay.flaggedHelped);

    await withPage(
      "london.coordinator@example.org",
      false,
      async (page) => {
        await page.goto(`${baseUrl}/matching/rounds/${round.id}`);
        await page.waitForSelector("h2:has-text('How the worst-off requests fared')");
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(sideways).toBe(false);
      },
      320,
    );
  });
});
