import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { approveProposal } from "~/models/matching/decisions.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { getRound, listRounds, runRound } from "~/models/matching/rounds.server";
import { progressOfRequest } from "~/models/request/progress.server";
import { Forbidden } from "~/lib/errors";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { capability, coordinatingBody, organisation, region, request, user } from "../support/factories";
import { seedMeasurementOffers } from "../support/matching-fixture";

const NOW = "2026-11-29T09:00:00.000Z";
const TODAY = "2026-11-29";
const QUARTER = "2026-Q4";

const london: Actor = {
  id: "london",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y56" },
};
const northWest: Actor = {
  id: "northwest",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y62" },
};

/**
 * London's RF4 files three requests for measurement (c1) and one for governance (c2, which nobody
 * offers); the North West's RXX files one for measurement. Two offers teach measurement, one place each.
 */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  const stamped = { created_at: NOW, updated_at: NOW };
  await organisation(db, { id: "RF4", region_code: "Y56", ...stamped });
  await organisation(db, { id: "RWK", region_code: "Y56", offers_outreach: 1, ...stamped });
  await organisation(db, { id: "RXX", region_code: "Y62", offers_outreach: 1, ...stamped });
  await coordinatingBody(db, { id: "body-london", name: "London", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "body-nw", name: "North West", scope: "region", scope_code: "Y62" });
  await user(db, { id: "london", role: "coordinator", coordinating_body_id: "body-london", created_at: NOW });
  await user(db, { id: "northwest", role: "coordinator", coordinating_body_id: "body-nw", created_at: NOW });
  await user(db, { id: "rf4", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "rwk", role: "org_admin", organisation_id: "RWK", created_at: NOW });
  await user(db, { id: "rxx", role: "org_admin", organisation_id: "RXX", created_at: NOW });
  await seedMeasurementOffers(db, { now: NOW, offerA: { created_by: "rwk" }, offerB: { created_by: "rxx" } });
  await capability(db, { id: "c2", code: "W4", name: "Governance", domain_id: "dom", position: 1, created_at: NOW });
  await db
    .insertInto("offer_window")
    .values([
      { id: "wA", offer_id: "offerA", starts_on: "2026-10-01", ends_on: "2027-03-31" },
      { id: "wB", offer_id: "offerB", starts_on: "2026-10-01", ends_on: "2027-03-31" },
    ])
    .execute();
  for (const [id, organisation_id, created_by] of [
    ["r1", "RF4", "rf4"],
    ["r2", "RF4", "rf4"],
    ["r3", "RF4", "rf4"],
    ["r4", "RF4", "rf4"],
    ["rNW", "RXX", "rxx"],
  ]) {
    await request(db, {
      id,
      organisation_id,
      title: `Request ${id}`,
      window_start: "2026-12-01",
      window_end: "2027-02-28",
      created_by,
      ...stamped,
      submitted_at: NOW,
    });
  }
  await db
    .insertInto("help_request_capability")
    .values([
      ...["r1", "r2", "r3", "rNW"].map((request_id) => ({ request_id, capability_id: "c1" })),
      { request_id: "r4", capability_id: "c2" },
    ])
    .execute();
}

describe.each(testEngines())("matching rounds on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const run = (coordinator = london) => runRound(t.db, { coordinator, quarter: QUARTER, today: TODAY });
  const statuses = async (roundId: string) =>
    (
      await t.db
        .selectFrom("match_proposal")
        .select(["request_id", "status"])
        .where("round_id", "=", roundId)
        .orderBy("request_id")
        .execute()
    ).map((p) => `${p.request_id}:${p.status}`);

  it("stores a proposal or the reason for each open request in scope, with explanations", async () => {
    const { id, summary } = await run();
    expect(summary).toMatchObject({ requests: 4, offers: 2, proposed: 2, unmatched: 2, greedyMatched: 2 });
    const round = (await getRound(t.db, id))!;
    expect(round).toMatchObject({ scope: "region", scope_code: "Y56", quarter: QUARTER, run_by_name: "london" });
    expect((round.weights as Record<string, number>).capability).toBeGreaterThan(0);
    expect(round.proposals.map((p) => p.request_id).sort()).toEqual(["r1", "r2", "r3", "r4"]);

    const proposed = round.proposals.filter((p) => p.status === "proposed");
    expect(proposed).toHaveLength(2);
    expect(new Set(proposed.map((p) => p.offer_id))).toEqual(new Set(["offerA", "offerB"]));
    for (const p of proposed) {
      expect(p.score).toBeGreaterThan(0);
      expect(p.factors.length).toBeGreaterThan(0);
      expect(p.factors.every((f) => f.text.length > 0)).toBe(true);
      expect(p.offer_title).toMatch(/^Offer /);
      expect(p.request_organisation_name).toBe("Trust RF4");
    }
    const unmatched = round.proposals.filter((p) => p.status === "unmatched");
    expect(unmatched.map((p) => p.request_id).sort()).toEqual(expect.arrayContaining(["r4"]));
    for (const p of unmatched) {
      expect(p.offer_id).toBeNull();
      expect(p.unmatched_reason).toBeTruthy();
    }
    // The request that lost out on capacity is told which offers were considered.
    expect(unmatched.find((p) => p.request_id !== "r4")?.alternatives.length).toBeGreaterThan(0);
  });

  it("supersedes undecided proposals of earlier rounds in the same scope only", async () => {
    const first = await run();
    const nw = await run(northWest);
    expect(await statuses(nw.id)).toEqual(["rNW:proposed"]);
    const second = await run();
    expect((await statuses(first.id)).filter((s) => s.endsWith(":proposed"))).toEqual([]);
    expect((await statuses(first.id)).filter((s) => s.endsWith(":superseded"))).toHaveLength(2);
    expect(await statuses(nw.id)).toEqual(["rNW:proposed"]);
    expect((await statuses(second.id)).filter((s) => s.endsWith(":proposed"))).toHaveLength(2);
    expect((await listRounds(t.db, london.scope!)).map((r) => r.id)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );
    expect((await listRounds(t.db, london.scope!)).map((r) => r.id)).not.toContain(nw.id);
  });

  it("counts places already approved this quarter and leaves matched requests out", async () => {
    const first = await run();
    const round = (await getRound(t.db, first.id))!;
    const onA = round.proposals.find((p) => p.offer_id === "offerA")!;
    await expect(approveProposal(t.db, { proposalId: onA.id, coordinator: london, today: TODAY })).resolves.toEqual(
      expect.any(String),
    );

    const next = await run();
    expect(next.summary).toMatchObject({ requests: 3, proposed: 1, unmatched: 2 });
    const proposals = (await getRound(t.db, next.id))!.proposals;
    expect(proposals.map((p) => p.request_id)).not.toContain(onA.request_id);
    expect(proposals.filter((p) => p.status === "proposed").map((p) => p.offer_id)).toEqual(["offerB"]);
    // The approved proposal of the first round keeps its decision.
    expect(
      await t.db.selectFrom("match_proposal").select("status").where("id", "=", onA.id).executeTakeFirstOrThrow(),
    ).toEqual({ status: "approved" });
  });

  it("runs for returned and never-proposed requests only, keeping waiting proposals, their places and approved matches", async () => {
    const first = await run();
    const proposals = (await getRound(t.db, first.id))!.proposals;
    const onA = proposals.find((p) => p.offer_id === "offerA")!;
    const onB = proposals.find((p) => p.offer_id === "offerB")!;
    const leftOver = proposals.find((p) => p.status === "unmatched" && p.request_id !== "r4")!;
    // offerA's proposal is approved and then declined by its pioneer; offerB's waits for a decision.
    const matchId = await approveProposal(t.db, { proposalId: onA.id, coordinator: london, today: TODAY });
    await respondToMatch(t.db, {
      matchId,
      user: { id: "rwk", role: "org_admin", organisationId: "RWK", scope: null, organisationIsPioneer: true },
      accept: false,
      reason: "No one free this quarter",
    });

    const returned = await runRound(t.db, { coordinator: london, quarter: QUARTER, today: TODAY, returnedOnly: true });
    expect(returned.summary).toMatchObject({ requests: 3, returnedOnly: true });
    const again = (await getRound(t.db, returned.id))!.proposals;
    // The request with a waiting proposal is left out, and its proposal still waits.
    expect(again.map((p) => p.request_id).sort()).toEqual([onA.request_id, leftOver.request_id, "r4"].sort());
    expect(
      await t.db.selectFrom("match_proposal").select("status").where("id", "=", onB.id).executeTakeFirstOrThrow(),
    ).toEqual({ status: "proposed" });
    // offerB's one place is kept for that proposal; the declined pair is not proposed again; the freed place goes on.
    const proposed = again.filter((p) => p.status === "proposed");
    expect(proposed.map((p) => [p.request_id, p.offer_id])).toEqual([[leftOver.request_id, "offerA"]]);

    // Once approved, both matches hold their places, and neither request is taken by any later round.
    await approveProposal(t.db, { proposalId: onB.id, coordinator: london, today: TODAY });
    await approveProposal(t.db, { proposalId: proposed[0]!.id, coordinator: london, today: TODAY });
    const load = await t.db
      .selectFrom("offer_quarter_load")
      .select(["offer_id", "approved"])
      .orderBy("offer_id")
      .execute();
    expect(load.map((l) => [l.offer_id, Number(l.approved)])).toEqual([
      ["offerA", 1],
      ["offerB", 1],
    ]);
    for (const returnedOnly of [true, false]) {
      const later = await runRound(t.db, { coordinator: london, quarter: QUARTER, today: TODAY, returnedOnly });
      expect(later.summary).toMatchObject({ requests: 2, proposed: 0 });
      expect((await getRound(t.db, later.id))!.proposals.map((p) => p.request_id).sort()).toEqual(
        [onA.request_id, "r4"].sort(),
      );
    }
  });

  it("says whether waiting for the next quarter, with the other unmatched requests, would get a match", async () => {
    const whatIfs = async () => {
      const round = (await getRound(t.db, (await run()).id))!;
      const left = round.proposals.filter((p) => p.status === "unmatched");
      return new Map(left.map((p) => [p.request_id, p.whatIf!.nextQuarter]));
    };
    // Three requests for measurement and one place on each offer: the one left out gets a place next quarter.
    const first = await whatIfs();
    const outOfPlaces = [...first.keys()].find((id) => id !== "r4")!;
    expect(first.get(outOfPlaces)).toEqual({
      quarter: "2027-Q1",
      offer: { title: expect.stringMatching(/^Offer offer[AB]$/), organisationName: expect.stringMatching(/^Trust /) },
    });
    // Nobody offers governance, this quarter or the next.
    expect(first.get("r4")).toEqual({ quarter: "2027-Q1", offer: null });
    expect(await progressOfRequest(t.db, outOfPlaces)).toMatchObject({
      whatIf: expect.stringMatching(
        /If you moved your dates to Q4 2026\/27 \(January to March 2027\), you would be matched with “Offer offer[AB]” \(Trust (RWK|RXX)\), with the other requests the last round left unmatched waiting too\.$/,
      ),
    });

    // With next quarter's places already approved, waiting would not help.
    await t.db
      .insertInto("offer_quarter_load")
      .values([
        { offer_id: "offerA", quarter: "2027-Q1", approved: 1 },
        { offer_id: "offerB", quarter: "2027-Q1", approved: 1 },
      ])
      .execute();
    const full = await whatIfs();
    expect([...full.values()]).toEqual([
      { quarter: "2027-Q1", offer: null },
      { quarter: "2027-Q1", offer: null },
    ]);
  });

  it("tells a request no offer could take how many offers a change to it would let in", async () => {
    // r1 keeps to its own integrated care board, in person: both offers are outside it, and both run virtually.
    await t.db.updateTable("help_request").set({ travel_limit: "icb", virtual_ok: 0 }).where("id", "=", "r1").execute();
    const { id } = await run();
    const r1 = (await getRound(t.db, id))!.proposals.find((p) => p.request_id === "r1")!;
    expect(r1.unmatched_reason).toBe(
      "No offer teaches Measurement for improvement within your travel limit; 2 offers could help if virtual sessions were acceptable, or 2 if you would travel anywhere in England",
    );
    expect(await progressOfRequest(t.db, "r1")).toEqual({
      progress: "unmatched",
      unmatchedReason:
        "No offer teaches Measurement for improvement within your travel limit; 2 offers could help if virtual sessions were acceptable, or 2 if you would travel anywhere in England. A coordinator will look again in the next round; changing your request may widen the choice.",
      whatIf: expect.stringMatching(
        /^You would have been matched with “Offer offer[AB]” \(Trust (RWK|RXX)\) in the last round if you accepted virtual sessions; 1 other request would then have lost its match\. Moving your dates to Q4 2026\/27 \(January to March 2027\) would not get you a match either, with the other requests the last round left unmatched waiting too\.$/,
      ),
    });
    // Kept with the round: the two places went to r2 and r3; with virtual sessions r1 fits better than one of them.
    expect(r1.whatIf!.changes).toEqual(["accept_virtual"]);
    expect(r1.whatIf!.displaced).toHaveLength(1);
    expect(["Request r2", "Request r3"]).toContain(r1.whatIf!.displaced[0].title);
  });

  it("is for coordinators only", async () => {
    const admin: Actor = { id: "rf4", role: "admin", organisationId: null, scope: null };
    await expect(runRound(t.db, { coordinator: admin, quarter: QUARTER, today: TODAY })).rejects.toBeInstanceOf(
      Forbidden,
    );
  });
});
