import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function as(email: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors = collectConsoleErrors(page);
  await signIn(page, baseUrl, email);
  return { page, errors };
}

/** The home page's task links: each text with where it leads. */
async function homeTasks(page: Page): Promise<{ text: string; href: string }[]> {
  await page.goto(`${baseUrl}/`);
  await page.locator("h2", { hasText: "Your tasks" }).waitFor();
  const links = page.locator("[data-testid=tasks] a");
  const tasks: { text: string; href: string }[] = [];
  for (let i = 0; i < (await links.count()); i++)
    tasks.push({
      text: (await links.nth(i).textContent()) ?? "",
      href: (await links.nth(i).getAttribute("href")) ?? "",
    });
  return tasks;
}

/** Every task link opens a page the user may see. */
async function expectLinksWork(page: Page, tasks: { href: string }[]) {
  for (const { href } of tasks) {
    const response = await page.goto(`${baseUrl}${href}`);
    expect(response?.status(), href).toBeLessThan(400);
    await page.locator("h1").first().waitFor();
  }
}

describe("tasks on the home page", () => {
  it("the pioneer sees the match to answer and the session to record, opens the match, sees the request and its author, and accepts", async () => {
    const { page, errors } = await as("pioneer@example.org");
    const tasks = await homeTasks(page);
    await expectAccessible(page);
    expect(tasks.map((t) => t.text)).toEqual(
      expect.arrayContaining(["Accept or decline a match", "Record how a session went"]),
    );
    expect(await page.locator("[data-testid=tasks]").textContent()).toMatch(/Due by \d{1,2} \w+ \d{4}/);
    await expectLinksWork(page, tasks);

    await page.goto(`${baseUrl}${tasks.find((t) => t.text === "Accept or decline a match")!.href}`);
    await page.locator("h1", { hasText: "Setting up our trust-wide improvement programme" }).waitFor();
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("The request");
    expect(main).toContain("A three-year improvement programme the board owns");
    expect(main).toMatch(/their team assessed itself as (not started|emerging|developing|established|exemplary)/);
    expect(main).toContain("Contact at the requesting trust");
    expect(main).toContain("lead.ral@example.org");
    expect(main).toContain("Answer due by");
    await expectAccessible(page);
    await page.click("button:has-text('Accept the match')");
    await page.getByText(/You accepted the match/).waitFor();

    const after = await homeTasks(page);
    expect(after.map((t) => t.text)).not.toContain("Accept or decline a match");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the requester sees the questionnaire to answer, and its links work", async () => {
    const { page, errors } = await as("requester@example.org");
    const tasks = await homeTasks(page);
    expect(tasks.map((t) => t.text)).toContain("Answer the pre-visit questionnaire");
    await expectAccessible(page);
    await expectLinksWork(page, tasks);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const email of ["coordinator@example.org", "london.coordinator@example.org"]) {
    it(`${email} sees the declined match to re-match, its request back in matching, and the matches by state`, async () => {
      const { page, errors } = await as(email);
      const tasks = await homeTasks(page);
      await expectAccessible(page);
      const rematch = tasks.find((t) => t.text === "Find another offer for a declined match");
      expect(rematch).toBeDefined();
      await expectLinksWork(page, tasks);
      await page.goto(`${baseUrl}${rematch!.href}`);
      await page.locator("h1", { hasText: "Daily huddles for our outpatient clinics" }).waitFor();
      expect(await page.locator("main").textContent()).toContain("Declined, back in matching");

      await page.goto(`${baseUrl}/matches`);
      await page.locator("h1", { hasText: "Matches in your area" }).waitFor();
      const declined = page.locator("section", {
        has: page.locator("h2", { hasText: "Declined, taken back or lapsed" }),
      });
      expect(await declined.textContent()).toContain("Daily huddles for our outpatient clinics");
      // The pioneer may already have accepted the waiting demo match in this file's first test.
      const waitingOrAccepted = page.locator("section", {
        has: page.locator("h2", { hasText: /^(Waiting for the pioneer|Accepted) / }),
      });
      expect(await waitingOrAccepted.allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("Setting up our trust-wide improvement programme")]),
      );
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
