import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, DEMO_PASSWORD, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;
let consoleErrors: string[];
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});
beforeEach(() => {
  consoleErrors = [];
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  expect(consoleErrors).toEqual([]);
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.setDefaultTimeout(15_000);
  const errors = collectConsoleErrors(page);
  pages.push(page);
  page.on("close", () => consoleErrors.push(...errors));
  await signIn(page, baseUrl, email);
  return page;
}

const person = (email: string) =>
  connection.db.selectFrom("app_user").selectAll().where("email", "=", email).executeTakeFirstOrThrow();

describe("personal data", () => {
  it("a member downloads everything held about them from their account, and only theirs", async () => {
    const page = await signedIn("member.requester@example.org");
    await page.goto(`${baseUrl}/account`);
    await page.waitForLoadState("networkidle");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("a:has-text('Download everything Peerlink holds about you')"),
    ]);
    expect(download.suggestedFilename()).toMatch(/^peerlink-your-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    const me = await person("member.requester@example.org");
    expect(data.profile).toMatchObject({ id: me.id, name: me.name, email: me.email, role: "member" });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(data.sessions[0]).sort()).toEqual(["device", "expires_at", "last_seen_at", "started_at"]);
    for (const event of data.auditEvents as { actor_id: string | null; subject_user_id: string | null }[])
      expect([event.actor_id, event.subject_user_id]).toContain(me.id);
  });

  it("an administrator erases a person through the confirm page, which passes axe, and they can no longer sign in", async () => {
    const target = await person("other@example.org");
    const page = await signedIn("admin@example.org");
    await page.goto(`${baseUrl}/admin/users/${target.id}`);
    await page.waitForLoadState("networkidle");
    const link = page.locator(`a[href="/admin/users/${target.id}/erase"]`);
    expect(await link.textContent()).toBe("Erase their personal data");
    await link.click();
    await page.waitForURL(`${baseUrl}/admin/users/${target.id}/erase`);
    await page.getByRole("heading", { name: "Erase a person" }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);

    // A wrong address changes nothing and says so by the field.
    await page.fill("#confirmEmail", "someone.else@example.org");
    await page.click("button:has-text('Erase this person')");
    await page.locator("#confirmEmail-error").waitFor();
    expect(await page.locator(".nhsuk-error-summary").textContent()).toContain("exactly as shown");
    await expectAccessible(page);
    expect((await person("other@example.org")).name).toBe(target.name);

    await page.fill("#confirmEmail", "other@example.org");
    await page.click("button:has-text('Erase this person')");
    await page.waitForURL(`${baseUrl}/admin/users`);
    await page.getByText("The person has been erased").waitFor();
    const erased = await connection.db
      .selectFrom("app_user")
      .selectAll()
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ name: "Former user", email: `former-user-${target.id}@invalid` });
    expect(await page.locator("main").textContent()).not.toContain("other@example.org");

    const signInAgain = await fetch(`${baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
      body: new URLSearchParams({ email: "other@example.org", password: DEMO_PASSWORD }),
    });
    expect(signInAgain.status).not.toBe(302);
  });
});
