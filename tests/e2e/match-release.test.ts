import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;
let late: { id: string; request_id: string; offer_id: string };

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
  // The demo's waiting match, made late: its deadline passed yesterday.
  late = await connection.db
    .selectFrom("outreach_match")
    .select(["id", "request_id", "offer_id"])
    .where("status", "=", "approved")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await connection.db
    .updateTable("outreach_match")
    .set({ answer_due_at: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString() })
    .where("id", "=", late.id)
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});

const matchStatus = async () =>
  (
    await connection.db
      .selectFrom("outreach_match")
      .select("status")
      .where("id", "=", late.id)
      .executeTakeFirstOrThrow()
  ).status;

describe("releasing a late match and matching only the requests that need it", () => {
  it("the national coordinator releases the late match, then runs a round for returned requests only", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, baseUrl, "coordinator@example.org");
    // A full round first, so that some proposals wait for a decision.
    await page.goto(`${baseUrl}/matching`);
    await page.waitForLoadState("networkidle");
    await Promise.all([
      page.waitForURL(/\/matching\/rounds\/[^/?]+/),
      page.click("button:has-text('Run a matching round')"),
    ]);
    await page.goto(`${baseUrl}/matches/${late.id}`);
    await page.locator("h2", { hasText: "The pioneer has not answered in time" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("the match lapses by itself on");
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);

    await page.click("button:has-text('Release now')");
    await page.getByText(/You released the match/).waitFor();
    expect(await matchStatus()).toBe("lapsed");
    await page.locator(".nhsuk-tag", { hasText: "Lapsed" }).waitFor();
    // Nothing is left to release or take back.
    expect(await page.locator("button:has-text('Release now')").count()).toBe(0);
    await expectAccessible(page);

    // The waiting proposals of the first round, which a round for returned requests leaves alone.
    const waiting = await connection.db
      .selectFrom("match_proposal")
      .select(["id", "request_id"])
      .where("status", "=", "proposed")
      .execute();
    expect(waiting.length).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/matching`);
    await page.waitForLoadState("networkidle");
    const option = page.getByLabel(/^Only the \d+ requests? that needs? a match/);
    await option.waitFor();
    await expectAccessible(page);
    await option.check();
    await Promise.all([
      page.waitForURL(/\/matching\/rounds\/[^/?]+/),
      page.click("button:has-text('Run a matching round')"),
    ]);
    const roundId = new URL(page.url()).pathname.split("/").pop()!;
    const round = await connection.db
      .selectFrom("match_round")
      .select("summary_json")
      .where("id", "=", roundId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(round.summary_json)).toMatchObject({ returnedOnly: true });
    await page.goto(`${baseUrl}/matching`);
    await page.locator("td", { hasText: "(returned requests only)" }).waitFor();
    expect(await page.locator("td", { hasText: "(returned requests only)" }).count()).toBe(1);
    const proposals = await connection.db
      .selectFrom("match_proposal")
      .select(["request_id", "offer_id"])
      .where("round_id", "=", roundId)
      .execute();
    // The released request is back, without the offer that did not answer; requests with waiting proposals are not.
    const released = proposals.find((p) => p.request_id === late.request_id);
    expect(released).toBeDefined();
    expect(released!.offer_id).not.toBe(late.offer_id);
    for (const w of waiting) expect(proposals.map((p) => p.request_id)).not.toContain(w.request_id);
    for (const w of waiting)
      expect(
        await connection.db
          .selectFrom("match_proposal")
          .select("status")
          .where("id", "=", w.id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ status: "proposed" });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
