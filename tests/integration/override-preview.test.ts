import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { approveProposal, OFFER_FULL, overrideProposal } from "~/models/matching/decisions.server";
import { previewOverride } from "~/models/matching/override-preview.server";
import { getRound } from "~/models/matching/rounds.server";
import { overrideConsequenceInWords } from "~/domain/override-consequence";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { coordinatingBody, icb, organisation, region, request, user } from "../support/factories";
import { seedMeasurementOffers } from "../support/matching-fixture";

const NOW = "2026-11-29T09:00:00.000Z";
const QUARTER = "2026-Q4";

/**
 * London's Barking Trust has three requests. offerA (East London Trust) has one place, offerB
 * (Salford Trust) two. The round proposed r1 to offerA, and r2 (the better fit) and r3 to offerB;
 * r1 and r3 list the other offer as an alternative.
 */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  await icb(db, { code: "QMF", name: "North East London ICB", region_code: "Y56" });
  await icb(db, { code: "QOP", name: "Greater Manchester ICB", region_code: "Y62" });
  const stamped = { created_at: NOW, updated_at: NOW };
  await organisation(db, { id: "RF4", name: "Barking Trust", region_code: "Y56", icb_code: "QMF", ...stamped });
  const pioneerTrust = { offers_outreach: 1, ...stamped };
  await organisation(db, {
    id: "RWK",
    name: "East London Trust",
    region_code: "Y56",
    icb_code: "QMF",
    ...pioneerTrust,
  });
  await organisation(db, { id: "RXX", name: "Salford Trust", region_code: "Y62", icb_code: "QOP", ...pioneerTrust });
  await coordinatingBody(db, { id: "london", name: "London region", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "northwest", name: "North West region", scope: "region", scope_code: "Y62" });
  await user(db, { id: "coord", role: "coordinator", coordinating_body_id: "london", created_at: NOW });
  await user(db, { id: "nwcoord", role: "coordinator", coordinating_body_id: "northwest", created_at: NOW });
  await user(db, { id: "req1", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "pio", role: "org_admin", organisation_id: "RWK", created_at: NOW });
  await user(db, { id: "sal", role: "org_admin", organisation_id: "RXX", created_at: NOW });
  await seedMeasurementOffers(db, {
    now: NOW,
    offerA: { capacity_per_quarter: 1, created_by: "pio" },
    offerB: { capacity_per_quarter: 2, created_by: "sal" },
  });
  for (const id of ["r1", "r2", "r3"]) {
    await request(db, {
      id,
      organisation_id: "RF4",
      title: `Request ${id}`,
      window_start: "2026-10-01",
      window_end: "2026-12-31",
      created_by: "req1",
      ...stamped,
      submitted_at: NOW,
    });
  }
  await db
    .insertInto("help_request_capability")
    .values(["r1", "r2", "r3"].map((request_id) => ({ request_id, capability_id: "c1" })))
    .execute();
  await db
    .insertInto("match_round")
    .values({
      id: "round1",
      scope: "region",
      scope_code: "Y56",
      quarter: QUARTER,
      run_by: "coord",
      weights_json: "{}",
      summary_json: "{}",
      created_at: NOW,
    })
    .execute();
  const organisationOf: Record<string, string> = { offerA: "East London Trust", offerB: "Salford Trust" };
  const alternative = (offerId: string) => ({
    offerId,
    offerTitle: `Offer ${offerId}`,
    organisationName: organisationOf[offerId],
    score: 50,
    note: "Lower fit",
  });
  const proposal = (id: string, request_id: string, offer_id: string, score: number, alternatives: string[]) => ({
    id,
    round_id: "round1",
    request_id,
    offer_id,
    score,
    explanation_json: "[]",
    alternatives_json: JSON.stringify(alternatives.map(alternative)),
    unmatched_reason: null,
    status: "proposed" as const,
    decided_by: null,
    decided_at: null,
    decision_reason: null,
  });
  await db
    .insertInto("match_proposal")
    .values([
      proposal("p1", "r1", "offerA", 80, ["offerB"]),
      proposal("p2", "r2", "offerB", 90, []),
      proposal("p3", "r3", "offerB", 60, ["offerA"]),
    ])
    .execute();
}

const coordinator: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y56" },
};
const otherCoordinator: Actor = {
  id: "nwcoord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y62" },
};

describe.each(testEngines())("the override preview on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const round = async () => (await getRound(t.db, "round1"))!;
  const preview = async (proposalId: string, offerId: string, actor = coordinator) =>
    previewOverride(t.db, { coordinator: actor, round: await round(), proposalId, offerId });
  const written = async () =>
    Promise.all(
      (["outreach_match", "decision_log", "offer_quarter_load"] as const).map(async (table) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );

  it("names the waiting proposal with the lowest fit as displaced, where it can move, and writes nothing", async () => {
    const consequence = await preview("p1", "offerB");
    expect(consequence).toMatchObject({
      chosen: { offerId: "offerB", placesLeft: 2 },
      full: false,
      displaced: { proposalId: "p3", requestTitle: "Request r3", movesTo: { offerId: "offerA" } },
      released: { offerId: "offerA", toDisplaced: true },
    });
    expect(overrideConsequenceInWords(consequence)).toEqual([
      "“Request r1” (Barking Trust) takes 1 of the 2 places left on “Offer offerB” (Salford Trust) this quarter.",
      "“Request r3” (Barking Trust) loses its place: “Offer offerB” (Salford Trust) will then be full, so approving it would be refused.",
      "It can move to “Offer offerA” (East London Trust), which has a free place: approve that offer for it instead.",
      "The place this round proposed on “Offer offerA” (East London Trust) is left free, for the request that lost its place.",
    ]);
    expect(await written()).toEqual([0, 0, 0]);

    // Saved, the round behaves as the preview said.
    await overrideProposal(t.db, { proposalId: "p1", coordinator, offerId: "offerB", reason: "Ran it before" });
    await approveProposal(t.db, { proposalId: "p2", coordinator });
    await expect(approveProposal(t.db, { proposalId: "p3", coordinator })).rejects.toMatchObject({
      message: OFFER_FULL,
    });
    await overrideProposal(t.db, { proposalId: "p3", coordinator, offerId: "offerA", reason: "Moved" });
  });

  it("displaces nobody while the chosen offer has a place to spare, and says the original place is left free", async () => {
    await t.db.updateTable("offer").set({ capacity_per_quarter: 3 }).where("id", "=", "offerB").execute();
    const consequence = await preview("p1", "offerB");
    expect(consequence).toMatchObject({
      full: false,
      displaced: null,
      released: { offerId: "offerA", toDisplaced: false },
    });
    expect(overrideConsequenceInWords(consequence)).toContain("No other proposal in this round loses its place.");
  });

  it("says a displaced proposal with nowhere free goes back to unmatched", async () => {
    await t.db.updateTable("offer").set({ capacity_per_quarter: 2 }).where("id", "=", "offerA").execute();
    await t.db.insertInto("offer_quarter_load").values({ offer_id: "offerA", quarter: QUARTER, approved: 2 }).execute();
    // p1 moves from the full offerA: nothing is freed there, so p3 has nowhere to go.
    const consequence = await preview("p1", "offerB");
    expect(consequence.displaced).toMatchObject({ proposalId: "p3", movesTo: null });
    expect(consequence.released).toBeNull();
    expect(overrideConsequenceInWords(consequence)).toContain(
      "None of its other offers has a free place, so it goes back to unmatched until the round is run again.",
    );
  });

  it("warns when the chosen offer is already full, and refuses offers not listed or rounds outside the area", async () => {
    await t.db.insertInto("offer_quarter_load").values({ offer_id: "offerB", quarter: QUARTER, approved: 2 }).execute();
    const consequence = await preview("p1", "offerB");
    expect(consequence).toMatchObject({ full: true, displaced: null });
    expect(overrideConsequenceInWords(consequence)).toEqual([
      "“Offer offerB” (Salford Trust) has no places left this quarter, so this override cannot be saved.",
    ]);
    await expect(preview("p2", "offerA")).rejects.toMatchObject({
      name: "Refused",
      message: "Choose one of the alternatives listed for this request",
    });
    await expect(preview("p1", "offerB", otherCoordinator)).rejects.toMatchObject({ name: "Forbidden" });
  });
});
