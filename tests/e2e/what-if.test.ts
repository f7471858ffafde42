import type { Browser } from "playwright-core";
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

/**
 * The demo requester's requests keep to their own integrated care board, in person and free, so
 * the round leaves some of them unmatched unless they change something.
 */
async function narrowTheRequestersRequests(): Promise<string> {
  const { organisation_id } = await connection.db
    .selectFrom("app_user")
    .select("organisation_id")
    .where("email", "=", "requester@example.org")
    .executeTakeFirstOrThrow();
  await connection.db
    .updateTable("help_request")
    .set({ travel_limit: "icb", virtual_ok: 0, budget: "free" })
    .where("organisation_id", "=", organisation_id!)
    .where("status", "=", "submitted")
    .execute();
  return organisation_id!;
}

/** One of them the round left unmatched, with a change of its own that would have matched it. */
async function unmatchedWithAWhatIf(roundId: string, organisationId: string) {
  const rows = await connection.db
    .selectFrom("match_proposal")
    .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
    .select(["help_request.id", "help_request.title", "match_proposal.what_if_json"])
    .where("match_proposal.round_id", "=", roundId)
    .where("match_proposal.status", "=", "unmatched")
    .where("help_request.organisation_id", "=", organisationId)
    .orderBy("help_request.title")
    .execute();
  const found = rows.find((r) => r.what_if_json && JSON.parse(r.what_if_json).changes !== null);
  expect(found, "an unmatched request of the requester's with a what-if").toBeDefined();
  return found!;
}

describe("what would get an unmatched request matched", () => {
  it("is read by the coordinator on the round page and by the requesting trust on its request", async () => {
    const organisationId = await narrowTheRequestersRequests();
    const coordinator = await (await browser.newContext()).newPage();
    const errors = collectConsoleErrors(coordinator);
    await signIn(coordinator, baseUrl, "london.coordinator@example.org");
    await coordinator.goto(`${baseUrl}/matching`);
    await Promise.all([
      coordinator.waitForURL(/\/matching\/rounds\//),
      coordinator.click("button:has-text('Run a matching round')"),
    ]);
    await coordinator.locator("h1", { hasText: "Matching round of" }).waitFor();
    const roundId = new URL(coordinator.url()).pathname.split("/").pop()!;
    const narrowed = await unmatchedWithAWhatIf(roundId, organisationId);

    // Every unmatched row says what would match it, or that nothing of its own would.
    const unmatchedCount = await connection.db
      .selectFrom("match_proposal")
      .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("match_proposal.status", "=", "unmatched")
      .where("match_round.id", "=", roundId)
      .executeTakeFirstOrThrow();
    const whatIfs = await coordinator.locator("[data-testid=what-if]").allTextContents();
    expect(whatIfs.length).toBe(Number(unmatchedCount.n));
    expect(whatIfs.length).toBeGreaterThan(0);
    for (const text of whatIfs) {
      expect(text).toMatch(/^(Would be matched with “.+” \(.+\) if it .+; .+|No change to its own conditions)/);
      // And what waiting for the next quarter, with the others left unmatched, would do.
      expect(text).toMatch(
        /\. Waiting for Q\d \d{4}\/\d{2} \(\w+ to \w+ \d{4}\) with the other requests left unmatched/,
      );
    }
    const row = coordinator.locator("tbody", { hasText: narrowed.title }).first();
    const forNarrowed = (await row.locator("[data-testid=what-if]").textContent())!;
    expect(forNarrowed).toMatch(
      /^Would be matched with “.+” \(.+\) if it (accepted virtual sessions|travelled|could pay)/,
    );
    expect(forNarrowed).not.toMatch(/\byou\b/i);
    await expectAccessible(coordinator);

    // The requesting trust reads the same change about itself, with other requests counted, not named.
    const requester = await (await browser.newContext()).newPage();
    const requesterErrors = collectConsoleErrors(requester);
    await signIn(requester, baseUrl, "requester@example.org");
    await requester.goto(`${baseUrl}/requests/${narrowed.id}`);
    const own = (await requester.locator("[data-testid=what-if]").textContent())!;
    expect(own).toMatch(/^You would have been matched with “.+” \(.+\) in the last round if you /);
    expect(own).toContain(forNarrowed.match(/“.+” \(.+?\)/)![0]);
    expect(own).toMatch(/(If you moved|Moving) your dates to Q\d \d{4}\/\d{2} \(/);
    await expectAccessible(requester);
    expect([...errors, ...requesterErrors]).toEqual([]);
  });
});
