import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { request } from "../support/factories";
import { serverForThisFile } from "./support/own-server";
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

/** Thirty more London requests for a capability no offer teaches: the round leaves every one unmatched. */
async function thirtyUnmatchableRequests() {
  const requester = await connection.db
    .selectFrom("app_user")
    .select(["id", "organisation_id"])
    .where("email", "=", "requester@example.org")
    .executeTakeFirstOrThrow();
  const taught = connection.db.selectFrom("offer_capability").select("capability_id");
  const untaught = await connection.db
    .selectFrom("capability")
    .select("id")
    .where("id", "not in", taught)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  for (let i = 1; i <= 30; i++) {
    const { id } = await request(connection.db, {
      organisation_id: requester.organisation_id!,
      created_by: requester.id,
      title: `Paging request ${String(i).padStart(2, "0")}`,
    });
    await connection.db
      .insertInto("help_request_capability")
      .values({ request_id: id, capability_id: untaught.id })
      .execute();
  }
}

describe("a round with more requests than a page", () => {
  it("shows 25 of each list a page, with the next page one link away", async () => {
    await thirtyUnmatchableRequests();
    const page = await (await browser.newContext()).newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, baseUrl, "london.coordinator@example.org");
    await page.goto(`${baseUrl}/matching`);
    await Promise.all([page.waitForURL(/\/matching\/rounds\//), page.click("button:has-text('Run a matching round')")]);
    await page.locator("h1", { hasText: "Matching round of" }).waitFor();
    const unmatched = Number(
      (await page.locator("h2", { hasText: "Unmatched requests" }).textContent())!.match(/\((\d+)\)/)![1],
    );
    expect(unmatched).toBeGreaterThanOrEqual(30);

    const rows = () => page.locator("tbody[id^=proposal-]", { has: page.locator("[data-testid=what-if]") }).count();
    expect(await rows()).toBe(25);
    expect(await page.textContent("#maincontent")).toContain(`Showing 1 to 25 of ${unmatched}.`);
    await expectAccessible(page);

    await Promise.all([page.waitForURL(/page=2/), page.click("a.nhsuk-pagination__link--next")]);
    await page.locator("text=Showing 26 to").first().waitFor();
    expect(await rows()).toBe(Math.min(25, unmatched - 25));
    expect(await page.textContent("#maincontent")).toContain(
      `Showing 26 to ${Math.min(50, unmatched)} of ${unmatched}.`,
    );
    expect(errors).toEqual([]);
  });
});
