import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NARROWEST = { width: 320, height: 800 };
const fitsNarrowest = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function runRound(page: Page) {
  await signIn(page, baseUrl, "london.coordinator@example.org");
  await page.goto(`${baseUrl}/matching`);
  await Promise.all([page.waitForURL(/\/matching\/rounds\//), page.click("button:has-text('Run a matching round')")]);
  await page.locator("h1", { hasText: "Matching round of" }).waitFor();
  return new URL(page.url()).pathname;
}

/** The answer for one pair, asked through the page's own form. */
async function ask(page: Page, requestLabel: string, offerValue: string): Promise<string> {
  await page.selectOption("select#request", { label: requestLabel });
  await page.selectOption("select#offer", offerValue);
  const offerLabel = (await page.locator("select#offer option:checked").textContent())!;
  await page.click("button:has-text('Ask why')");
  // The previous answer stays on the page until this one is drawn: wait for the one naming this pair.
  const answer = page.locator("#why-not-answer").filter({
    has: page.locator("h2", { hasText: `${requestLabel} and ${offerLabel}` }),
  });
  await answer.waitFor();
  return (await answer.textContent()) ?? "";
}

describe("what a coordinator can ask about a round", () => {
  it("shows where one more place would help, and answers why not for a ruled-out pair and for an eligible one", async () => {
    const page = await (await browser.newContext({ viewport: NARROWEST })).newPage();
    const errors = collectConsoleErrors(page);
    const roundPath = await runRound(page);

    const section = page.locator("section[aria-labelledby=one-more-place]");
    expect(await section.locator("h2").textContent()).toBe("Where one more place would help");
    const places = await section.locator("li").allTextContents();
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(place).toMatch(/^One more place on .+ (would help|would let a matched request)/);
    expect(await fitsNarrowest(page)).toBeLessThanOrEqual(NARROWEST.width);

    // The dashboard names the same trusts to ask, and links back to the round.
    await page.goto(`${baseUrl}/dashboard`);
    const onDashboard = page.locator("section[aria-labelledby=one-more-place]");
    expect(await onDashboard.locator("li").allTextContents()).toEqual(places);
    expect(await page.locator("a", { hasText: "The round these places come from" }).getAttribute("href")).toBe(
      roundPath,
    );
    await expectAccessible(page);
    await page.goto(`${baseUrl}${roundPath}`);

    // From an unmatched row to the question, with its request chosen already.
    await page.waitForLoadState("networkidle");
    const link = page.locator("a:has-text('Why not another offer?')").last();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^${roundPath}/why-not\\?request=`));
    await page.goto(`${baseUrl}${href}`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").textContent()).toBe("Why not this offer?");
    const requestLabel = (await page.locator("select#request option:checked").textContent())!;
    expect(requestLabel).not.toBe("Choose a request");
    await expectAccessible(page);

    // Try the pairs in turn, the linked request first, until both kinds of answer have been read.
    const optionsOf = (name: string) =>
      page
        .locator(`select#${name} option`)
        .evaluateAll((options) => options.map((o) => o.textContent ?? "").filter((t) => !t.startsWith("Choose")));
    const offers = await page
      .locator("select#offer option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    const requests = [requestLabel, ...(await optionsOf("request")).filter((r) => r !== requestLabel)];
    let ruledOut = "";
    let priced = "";
    search: for (const request of requests)
      for (const offer of offers) {
        const answer = await ask(page, request, offer);
        if (!ruledOut && /The offer (is|has|charges|teaches)|blocked/.test(answer)) ruledOut = answer;
        if (!priced && /Matching this pair would/.test(answer)) priced = answer;
        if (ruledOut && priced) break search;
      }
    expect(ruledOut).toMatch(/ and .+\(/);
    expect(priced).toMatch(/Matching this pair would (cost nothing|.*(lower the round's total fit|without a match))/);
    if (!/cost nothing/.test(priced)) expect(priced).toMatch(/What would change.*Proposed: /);

    // The answer for the priced pair, read at 320 px and checked for accessibility.
    await expectAccessible(page);
    expect(await fitsNarrowest(page)).toBeLessThanOrEqual(NARROWEST.width);

    // A missing choice is answered by the field, not with an error page.
    const response = await page.goto(`${baseUrl}${roundPath}/why-not?request=&offer=`);
    expect(response?.status()).toBe(400);
    expect(await page.locator(".nhsuk-error-summary").textContent()).toContain("Choose a request");
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
