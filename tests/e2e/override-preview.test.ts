import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
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

interface Setup {
  roundId: string;
  proposalId: string;
  requestTitle: string;
  offerId: string;
  displaced: { id: string; requestTitle: string } | null;
  quarter: string;
}

/**
 * Runs a round, then picks a waiting proposal with an alternative offer that other proposals of
 * the round wait on, and leaves that offer exactly enough places for them: overriding to it must
 * push one of them out, the one with the lowest fit.
 */
async function roundWithAFullAlternative(page: Page, displace = true): Promise<Setup> {
  await page.goto(`${baseUrl}/matching`);
  await page.waitForLoadState("networkidle");
  await Promise.all([page.waitForURL(/\/matching\/rounds\//), page.click("button:has-text('Run a matching round')")]);
  await page.locator("h1", { hasText: "Matching round of" }).waitFor();
  const roundId = new URL(page.url()).pathname.split("/").pop()!;
  const { db } = connection;
  const round = await db
    .selectFrom("match_round")
    .select("quarter")
    .where("id", "=", roundId)
    .executeTakeFirstOrThrow();
  const proposals = await db
    .selectFrom("match_proposal")
    .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
    .select(["match_proposal.id", "offer_id", "score", "alternatives_json", "help_request.title"])
    .where("round_id", "=", roundId)
    .where("match_proposal.status", "=", "proposed")
    .execute();
  const waitingOn = (offerId: string, except: string) =>
    proposals.filter((p) => p.offer_id === offerId && p.id !== except);
  for (const p of proposals) {
    const alternatives = JSON.parse(p.alternatives_json) as { offerId: string }[];
    const chosen = displace ? alternatives.find((a) => waitingOn(a.offerId, p.id).length > 0) : alternatives[0];
    if (!chosen) continue;
    if (!displace)
      return {
        roundId,
        proposalId: p.id,
        requestTitle: p.title,
        offerId: chosen.offerId,
        displaced: null,
        quarter: round.quarter,
      };
    const claimants = waitingOn(chosen.offerId, p.id).sort(
      (a, b) => (b.score ?? 0) - (a.score ?? 0) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
    );
    const load = await db
      .selectFrom("offer_quarter_load")
      .select("approved")
      .where("offer_id", "=", chosen.offerId)
      .where("quarter", "=", round.quarter)
      .executeTakeFirst();
    await db
      .updateTable("offer")
      .set({ capacity_per_quarter: (load?.approved ?? 0) + claimants.length })
      .where("id", "=", chosen.offerId)
      .execute();
    const last = claimants[claimants.length - 1];
    return {
      roundId,
      proposalId: p.id,
      requestTitle: p.title,
      offerId: chosen.offerId,
      displaced: { id: last.id, requestTitle: last.title },
      quarter: round.quarter,
    };
  }
  throw new Error("The demo round has no proposal with the alternative this test needs");
}

async function choose(page: Page, setup: Setup) {
  const row = page.locator(`#proposal-${setup.proposalId}`);
  await row.locator("summary:has-text('Why this offer, and decisions')").click();
  await row.locator("summary:has-text('Approve a different offer')").click();
  const form = row.locator("form:has(button:has-text('Check what this changes'))");
  await form.locator("select[name=offerId]").selectOption(setup.offerId);
  await form.locator("textarea[name=reason]").fill("Their teams know this pioneer already.");
  await form.locator("button:has-text('Check what this changes')").click();
}

async function approveRow(page: Page, proposalId: string) {
  const row = page.locator(`#proposal-${proposalId}`);
  if ((await row.locator("details").first().getAttribute("open")) === null)
    await row.locator("summary:has-text('Why this offer, and decisions')").click();
  await row.locator("button:has-text('Approve this match')").click();
}

const statusOf = async (id: string) =>
  (await connection.db.selectFrom("match_proposal").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;

describe("overriding a proposal", () => {
  it("shows the displaced proposal before saving, saves nothing until confirmed, and the round then behaves as shown", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, baseUrl, "coordinator@example.org");
    const setup = await roundWithAFullAlternative(page);
    await page.reload();
    await page.waitForLoadState("networkidle");

    await choose(page, setup);
    const panel = page.locator("#override-preview");
    await panel.locator("h2", { hasText: "Check this override before saving" }).waitFor();
    const consequence = (await panel.locator("[data-testid=override-consequence]").textContent())!;
    expect(consequence).toContain(`“${setup.requestTitle}”`);
    const displaced = setup.displaced!;
    expect(consequence).toContain(`“${displaced.requestTitle}”`);
    expect(consequence).toMatch(/loses its place: .* will then be full, so approving it would be refused/);
    // Priced against the best plan: forcing the pair in drops the request's own proposal.
    expect(await panel.locator("[data-testid=override-pricing]").textContent()).toMatch(/^Matching this pair would /);
    const changes = (await panel.locator("[data-testid=override-pricing] + ul").textContent())!;
    expect(changes).toContain(`No longer proposed: ${setup.requestTitle}`);
    expect(changes).toContain(`Proposed: ${setup.requestTitle}`);
    await expectAccessible(page);
    // Nothing is written by the preview.
    expect(await statusOf(setup.proposalId)).toBe("proposed");

    await panel.locator("button:has-text('Save override')").click();
    await page.getByText(/Approved instead: /).waitFor();
    expect(await statusOf(setup.proposalId)).toBe("overridden");
    const match = await connection.db
      .selectFrom("outreach_match")
      .innerJoin("match_proposal", "match_proposal.id", "outreach_match.proposal_id")
      .select(["outreach_match.id", "outreach_match.offer_id"])
      .where("match_proposal.id", "=", setup.proposalId)
      .executeTakeFirstOrThrow();
    expect(match.offer_id).toBe(setup.offerId);

    // As the preview said: once the others waiting on the offer are approved, the displaced one is refused.
    const rivals = await connection.db
      .selectFrom("match_proposal")
      .select("id")
      .where("round_id", "=", setup.roundId)
      .where("offer_id", "=", setup.offerId)
      .where("status", "=", "proposed")
      .where("id", "!=", displaced.id)
      .execute();
    for (const rival of rivals) {
      await approveRow(page, rival.id);
      await page.locator(`#proposal-${rival.id} button:has-text('Approve this match')`).waitFor({ state: "detached" });
      expect(await statusOf(rival.id)).toBe("approved");
    }
    await approveRow(page, displaced.id);
    await page.getByText("Offer is full this quarter").waitFor();
    expect(await statusOf(displaced.id)).toBe("proposed");

    // The coordinator reads the new match's explanation about the two trusts, not as "you".
    await page.goto(`${baseUrl}/matches/${match.id}`);
    const why = page
      .locator("h2", { hasText: "Why this match was proposed" })
      .locator("xpath=following-sibling::dl[1]");
    expect(await why.textContent()).not.toMatch(/\b(you|your|yourself)\b/i);
    expect(await why.textContent()).toMatch(/The pioneer (is|teaches)/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("without JavaScript, the preview comes back as a page whose Save override button carries the same choice", async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(page, baseUrl, "coordinator@example.org");
    const setup = await roundWithAFullAlternative(page, false);
    await page.reload();
    await choose(page, setup);
    const panel = page.locator("#override-preview");
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`“${setup.requestTitle}”`);
    expect(await panel.locator("input[name=offerId]").getAttribute("value")).toBe(setup.offerId);
    expect(await panel.locator("input[name=intent]").getAttribute("value")).toBe("override");
    expect(await statusOf(setup.proposalId)).toBe("proposed");
    await Promise.all([page.waitForLoadState("load"), panel.locator("button:has-text('Save override')").click()]);
    await page.getByText(/Approved instead: /).waitFor();
    expect(await statusOf(setup.proposalId)).toBe("overridden");
    await page.context().close();
  });
});
