import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import { collectConsoleErrors, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
});
afterEach(async () => {
  await page.context().close();
  expect(consoleErrors).toEqual([]);
});

/** Opens a page and reports what the person sees: the status, the heading, and who the header says is signed in. */
async function open(path: string) {
  const response = await page.goto(`${baseUrl}${path}`);
  return {
    status: response?.status(),
    heading: (await page.locator("main h1").textContent())?.trim(),
    signOut: await page.locator("header button:has-text('Sign out')").count(),
    signIn: await page.locator("header a:has-text('Sign in')").count(),
    account: (await page.locator("header a[href='/account']").allTextContents()).join(" ").trim(),
  };
}

describe("error pages keep the signed-in layout", () => {
  const missing: [string, string][] = [
    ["/engagements/no-such-engagement", "Engagement not found"],
    ["/offers/no-such-offer", "Offer not found"],
    ["/requests/no-such-request", "Request not found"],
    ["/engagements/no-such-engagement/sessions/no-such-session", "Engagement not found"],
    ["/learning/no-such-entry", "Learning entry not found"],
  ];

  for (const [path, named] of missing) {
    it(`a signed-in user opening ${path} is told "${named}" with 404, still signed in`, async () => {
      await signIn(page, baseUrl, "requester@example.org");
      const seen = await open(path);
      expect(seen).toMatchObject({ status: 404, heading: named, signOut: 1, signIn: 0 });
      expect(seen.account).toContain("Sarah Collins");
    });
  }

  it("a missing session of an engagement the user may see is named as the session", async () => {
    const engagement = await connection.db
      .selectFrom("engagement")
      .innerJoin("organisation", "organisation.id", "engagement.requester_organisation_id")
      .select("engagement.id")
      .where("organisation.ods_code", "=", "RF4")
      .orderBy("engagement.id")
      .executeTakeFirstOrThrow();
    await signIn(page, baseUrl, "requester@example.org");
    expect(await open(`/engagements/${engagement.id}/sessions/no-such-session`)).toMatchObject({
      status: 404,
      heading: "Session not found",
      signOut: 1,
    });
  });

  it("a page the user may not see answers 403 and keeps the header and menu", async () => {
    // Coordinators follow every engagement but only the two trusts plan its sessions.
    const engagement = await connection.db
      .selectFrom("engagement")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await signIn(page, baseUrl, "coordinator@example.org");
    const seen = await open(`/engagements/${engagement.id}/sessions/new`);
    expect(seen).toMatchObject({
      status: 403,
      heading: "You do not have permission to see this page",
      signOut: 1,
      signIn: 0,
    });
    // The menu is there (on narrow screens it also folds behind a "Menu" button, so the link may appear twice).
    expect(await page.locator("nav[aria-label=Menu] a:has-text('Matching')").count()).toBeGreaterThanOrEqual(1);
  });

  it("a page outside any resource (the framework, for a trust's member) answers 403 and stays signed in", async () => {
    await signIn(page, baseUrl, "requester@example.org");
    expect(await open("/admin/framework")).toMatchObject({ status: 403, signOut: 1, signIn: 0 });
  });

  it("a signed-out visitor opening a missing page still sees the signed-out header", async () => {
    expect(await open("/no-such-page")).toMatchObject({
      status: 404,
      heading: "Page not found",
      signOut: 0,
      signIn: 1,
    });
  });
});
