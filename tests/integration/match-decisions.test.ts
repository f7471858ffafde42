import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { pairKey } from "~/matching/types";
import {
  approveProposal,
  approveProposals,
  blockPair,
  overrideProposal,
  pinPair,
  rejectProposal,
  removePairRule,
} from "~/models/matching/decisions.server";
import { getMatch, listMatchesForOrganisation, respondToMatch } from "~/models/matching/responses.server";
import { loadMatchingFacts } from "~/models/matching/facts.server";
import {
  listNotifications,
  markRead,
  notifyNeedsInformation,
  notifyPioneersOfNewRequest,
  unreadCount,
} from "~/models/notification/notifications.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Refused } from "~/lib/errors";
import { capability, coordinatingBody, icb, organisation, region, request, user } from "../support/factories";
import { seedMeasurementOffers } from "../support/matching-fixture";

const NOW = "2026-11-29T09:00:00.000Z";
const TODAY = "2026-11-29";
const QUARTER = "2026-Q4";

/**
 * London: RF4 asks for help, RWK (a pioneer) offers one place. North West: RXX offers two.
 * Three requests from RF4 and a round of proposals for them, written directly so the decisions
 * are tested apart from scoring.
 */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  await icb(db, { code: "QMF", name: "North East London ICB", region_code: "Y56" });
  await icb(db, { code: "QOP", name: "Greater Manchester ICB", region_code: "Y62" });
  const stamped = { created_at: NOW, updated_at: NOW };
  await organisation(db, { id: "RF4", name: "Barking Trust", region_code: "Y56", icb_code: "QMF", ...stamped });
  await organisation(db, {
    id: "RWK",
    name: "East London Trust",
    region_code: "Y56",
    icb_code: "QMF",
    offers_outreach: 1,
    ...stamped,
  });
  await organisation(db, {
    id: "RXX",
    name: "Salford Trust",
    region_code: "Y62",
    icb_code: "QOP",
    offers_outreach: 1,
    ...stamped,
  });
  await coordinatingBody(db, { id: "london", name: "London region", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "northwest", name: "North West region", scope: "region", scope_code: "Y62" });
  const person = (
    id: string,
    role: Database["app_user"]["role"],
    organisation_id: string | null,
    coordinating_body_id: string | null,
    disabled_at: string | null = null,
  ) => user(db, { id, role, organisation_id, coordinating_body_id, created_at: NOW, disabled_at });
  await person("coord", "coordinator", null, "london");
  await person("nwcoord", "coordinator", null, "northwest");
  await person("req1", "org_admin", "RF4", null);
  await person("req2", "member", "RF4", null);
  await person("pio", "org_admin", "RWK", null);
  await person("gone", "member", "RWK", null, NOW);
  await person("sal", "org_admin", "RXX", null);
  await seedMeasurementOffers(db, {
    now: NOW,
    offerA: { capacity_per_quarter: 1, created_by: "pio" },
    offerB: { capacity_per_quarter: 2, created_by: "sal" },
  });
  await capability(db, {
    id: "c2",
    code: "W8",
    name: "Learning and innovation",
    domain_id: "dom",
    position: 1,
    created_at: NOW,
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
  const alternative = (offerId: string) => ({
    offerId,
    offerTitle: `Offer ${offerId}`,
    organisationName: "",
    score: 0.5,
    note: "Lower score",
  });
  const proposal = (id: string, request_id: string, offer_id: string | null, alternatives: string[]) => ({
    id,
    round_id: "round1",
    request_id,
    offer_id,
    score: offer_id ? 0.8 : null,
    explanation_json: "[]",
    alternatives_json: JSON.stringify(alternatives.map(alternative)),
    unmatched_reason: offer_id ? null : "Every eligible offer is full",
    status: offer_id ? ("proposed" as const) : ("unmatched" as const),
    decided_by: null,
    decided_at: null,
    decision_reason: null,
  });
  await db
    .insertInto("match_proposal")
    .values([
      proposal("p1", "r1", "offerA", ["offerB"]),
      proposal("p2", "r2", "offerA", []),
      proposal("p3", "r3", "offerB", ["offerA"]),
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
const pioneer: Actor = {
  id: "pio",
  role: "org_admin",
  organisationId: "RWK",
  scope: null,
  organisationIsPioneer: true,
};
const requester: Actor = { id: "req1", role: "org_admin", organisationId: "RF4", scope: null };

describe.each(testEngines())("match decisions on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const count = async (table: "outreach_match" | "decision_log" | "notification" | "outbox") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const load = async (offerId: string) =>
    (
      await t.db
        .selectFrom("offer_quarter_load")
        .select("approved")
        .where("offer_id", "=", offerId)
        .where("quarter", "=", QUARTER)
        .executeTakeFirst()
    )?.approved ?? 0;
  const proposalStatus = async (id: string) =>
    (await t.db.selectFrom("match_proposal").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
  const facts = () =>
    loadMatchingFacts(t.db, { scope: { kind: "region", code: "Y56" }, quarter: QUARTER, today: TODAY });

  it("approval writes the match, the load, the decision log, notifications and mail together", async () => {
    const matchId = await approveProposal(t.db, { proposalId: "p1", coordinator, reason: "Good fit" });
    const match = await getMatch(t.db, matchId);
    expect(match).toMatchObject({
      request_id: "r1",
      offer_id: "offerA",
      quarter: QUARTER,
      status: "approved",
      approved_by: "coord",
      approval_reason: "Good fit",
    });
    expect(await load("offerA")).toBe(1);
    expect(await proposalStatus("p1")).toBe("approved");
    expect(
      await t.db.selectFrom("decision_log").select(["subject_id", "action", "actor_id", "reason"]).execute(),
    ).toEqual([{ subject_id: "p1", action: "approve", actor_id: "coord", reason: "Good fit" }]);
    // Both trusts hear of it: two active people at RF4, one at RWK (the disabled account is skipped).
    const notified = await t.db
      .selectFrom("notification")
      .select(["user_id", "kind", "link"])
      .orderBy("user_id")
      .execute();
    expect(notified.map((n) => n.user_id)).toEqual(["pio", "req1", "req2"]);
    expect(notified.every((n) => n.kind === "match_approved" && n.link === `/matches/${matchId}`)).toBe(true);
    expect(
      (await t.db.selectFrom("outbox").select("to_address").orderBy("to_address").execute()).map((m) => m.to_address),
    ).toEqual(["pio@example.org", "req1@example.org", "req2@example.org"]);
  });

  it("refuses an approval past capacity and writes nothing", async () => {
    await expect(approveProposal(t.db, { proposalId: "p1", coordinator })).resolves.toEqual(expect.any(String));
    const before = await Promise.all([
      count("outreach_match"),
      count("decision_log"),
      count("notification"),
      count("outbox"),
    ]);
    await expect(approveProposal(t.db, { proposalId: "p2", coordinator })).rejects.toMatchObject({
      name: "Refused",
      message: "Offer is full this quarter",
    });
    expect(
      await Promise.all([count("outreach_match"), count("decision_log"), count("notification"), count("outbox")]),
    ).toEqual(before);
    expect(await load("offerA")).toBe(1);
    expect(await proposalStatus("p2")).toBe("proposed");
  });

  it("refuses a second decision on the same proposal and a coordinator from another area", async () => {
    await expect(approveProposal(t.db, { proposalId: "p3", coordinator: otherCoordinator })).rejects.toMatchObject({
      name: "Refused",
      message: "This request is outside your area",
    });
    expect(await proposalStatus("p3")).toBe("proposed");
    await expect(approveProposal(t.db, { proposalId: "p3", coordinator })).resolves.toEqual(expect.any(String));
    await expect(approveProposal(t.db, { proposalId: "p3", coordinator })).rejects.toMatchObject({
      name: "Refused",
      message: "This proposal is already approved",
    });
    expect(await load("offerB")).toBe(1);
  });

  it("approves in bulk, each proposal on its own", async () => {
    const outcome = await approveProposals(t.db, { proposalIds: ["p1", "p2", "p3"], coordinator });
    expect(outcome.approved.map((a) => a.proposalId)).toEqual(["p1", "p3"]);
    expect(outcome.failed).toEqual([{ proposalId: "p2", reason: "Offer is full this quarter" }]);
    expect(await count("outreach_match")).toBe(2);
  });

  it("needs a reason to reject, logs it, and does not propose the pair again", async () => {
    await expect(rejectProposal(t.db, { proposalId: "p3", coordinator, reason: "  " })).rejects.toMatchObject({
      name: "Refused",
      message: "Enter a reason for rejecting the proposal",
    });
    expect(await proposalStatus("p3")).toBe("proposed");
    await expect(
      rejectProposal(t.db, { proposalId: "p3", coordinator, reason: "Too far to travel" }),
    ).resolves.toBeNull();
    expect(
      await t.db
        .selectFrom("match_proposal")
        .select(["status", "decided_by", "decision_reason"])
        .where("id", "=", "p3")
        .executeTakeFirst(),
    ).toEqual({
      status: "rejected",
      decided_by: "coord",
      decision_reason: "Too far to travel",
    });
    expect(await t.db.selectFrom("decision_log").select(["action", "reason"]).execute()).toEqual([
      { action: "reject", reason: "Too far to travel" },
    ]);
    expect((await facts()).rules.excluded.has(pairKey("r3", "offerB"))).toBe(true);
  });

  it("overrides with one of the alternatives, with a reason, marking the proposal overridden", async () => {
    await expect(
      overrideProposal(t.db, { proposalId: "p1", coordinator, offerId: "offerB", reason: "" }),
    ).rejects.toMatchObject({ name: "Refused", message: "Enter a reason for choosing a different offer" });
    await expect(
      overrideProposal(t.db, { proposalId: "p2", coordinator, offerId: "offerB", reason: "Nearer" }),
    ).rejects.toMatchObject({ name: "Refused", message: "Choose one of the alternatives listed for this request" });
    const matchId = await overrideProposal(t.db, {
      proposalId: "p1",
      coordinator,
      offerId: "offerB",
      reason: "They ran this before",
    });
    expect(await getMatch(t.db, matchId)).toMatchObject({
      request_id: "r1",
      offer_id: "offerB",
      approval_reason: "They ran this before",
    });
    expect(await proposalStatus("p1")).toBe("overridden");
    expect(await load("offerB")).toBe(1);
    expect(await load("offerA")).toBe(0);
    const log = await t.db.selectFrom("decision_log").select(["action", "reason"]).executeTakeFirstOrThrow();
    expect(log.action).toBe("override");
    expect(log.reason).toContain("They ran this before");
  });

  it("a decline needs a reason, gives the place back and keeps the pair out of the next round", async () => {
    const matchId = await approveProposal(t.db, { proposalId: "p1", coordinator });
    expect((await facts()).requests.map((r) => r.id)).toEqual(["r2", "r3"]);
    await expect(respondToMatch(t.db, { matchId, user: requester, accept: false, reason: "No" })).rejects.toMatchObject(
      { name: "Refused", message: "Only the pioneer organisation can answer this match" },
    );
    await expect(respondToMatch(t.db, { matchId, user: pioneer, accept: false })).rejects.toMatchObject({
      name: "Refused",
      message: "Enter a reason for declining",
    });
    await markRead(t.db, "req1", "all");

    await expect(
      respondToMatch(t.db, { matchId, user: pioneer, accept: false, reason: "No capacity in December" }),
    ).resolves.toEqual(expect.any(String));
    expect(await getMatch(t.db, matchId)).toMatchObject({
      status: "declined",
      response_reason: "No capacity in December",
    });
    expect(await load("offerA")).toBe(0);
    const next = await facts();
    expect(next.requests.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
    expect(next.rules.excluded.has(pairKey("r1", "offerA"))).toBe(true);
    expect(next.offers.find((o) => o.id === "offerA")?.remainingCapacity).toBe(1);
    // The requester and the coordinator who approved hear of it.
    expect(await unreadCount(t.db, "req1")).toBe(1);
    expect(await unreadCount(t.db, "coord")).toBe(1);
    expect((await listNotifications(t.db, "coord")).rows[0]).toMatchObject({
      kind: "match_declined",
      link: `/matches/${matchId}`,
    });
    // The released place can be approved again.
    await expect(approveProposal(t.db, { proposalId: "p2", coordinator })).resolves.toEqual(expect.any(String));
    await expect(respondToMatch(t.db, { matchId, user: pioneer, accept: true })).rejects.toMatchObject({
      name: "Refused",
      message: "This match is already declined",
    });
  });

  it("an acceptance moves the request to matched and lists the match on both sides", async () => {
    const approved = { matchId: await approveProposal(t.db, { proposalId: "p1", coordinator }) };
    await expect(respondToMatch(t.db, { matchId: approved.matchId, user: pioneer, accept: true })).resolves.toEqual(
      expect.any(String),
    );
    expect(
      (await t.db.selectFrom("help_request").select("status").where("id", "=", "r1").executeTakeFirstOrThrow()).status,
    ).toBe("matched");
    expect(
      await t.db
        .selectFrom("help_request_event")
        .select(["from_status", "to_status", "actor_id"])
        .where("request_id", "=", "r1")
        .execute(),
    ).toEqual([{ from_status: "submitted", to_status: "matched", actor_id: "pio" }]);
    expect(await load("offerA")).toBe(1);
    expect((await listMatchesForOrganisation(t.db, "RF4")).rows.map((m) => [m.id, m.side, m.status])).toEqual([
      [approved.matchId, "requester", "accepted"],
    ]);
    expect((await listMatchesForOrganisation(t.db, "RWK")).rows.map((m) => [m.id, m.side])).toEqual([
      [approved.matchId, "pioneer"],
    ]);
    expect(await listMatchesForOrganisation(t.db, "RXX")).toMatchObject({ rows: [], total: 0 });
    // Paged: the total counts every match, a page past the last is empty.
    expect(await listMatchesForOrganisation(t.db, "RF4", { page: 2, pageSize: 1 })).toMatchObject({
      rows: [],
      total: 1,
    });
  });

  it("an acceptance is refused once the request was withdrawn, and nothing changes", async () => {
    const approved = { matchId: await approveProposal(t.db, { proposalId: "p3", coordinator }) };
    await t.db.updateTable("help_request").set({ status: "withdrawn" }).where("id", "=", "r3").execute();
    const salford: Actor = {
      id: "sal",
      role: "org_admin",
      organisationId: "RXX",
      scope: null,
      organisationIsPioneer: true,
    };
    await expect(
      respondToMatch(t.db, { matchId: approved.matchId, user: salford, accept: true }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await getMatch(t.db, approved.matchId!)).toMatchObject({ status: "approved", responded_at: null });
    expect(await count("decision_log")).toBe(1);
  });

  it("blocked pairs are excluded and pinned pairs marked; rules can be removed", async () => {
    await expect(
      blockPair(t.db, { requestId: "r1", offerId: "offerA", coordinator: otherCoordinator }),
    ).rejects.toMatchObject({ name: "Refused", message: "This request is outside your area" });
    await expect(
      blockPair(t.db, { requestId: "r1", offerId: "offerA", coordinator, reason: "Conflict of interest" }),
    ).resolves.toBeNull();
    await expect(pinPair(t.db, { requestId: "r2", offerId: "offerB", coordinator })).resolves.toBeNull();
    let rules = (await facts()).rules;
    expect([...rules.excluded]).toEqual([pairKey("r1", "offerA")]);
    expect([...rules.pinned]).toEqual([pairKey("r2", "offerB")]);
    // A blocked pair cannot be approved either.
    await expect(approveProposal(t.db, { proposalId: "p1", coordinator })).rejects.toMatchObject({
      name: "Refused",
      message: "This pair is blocked or was declined",
    });
    // Setting a rule again replaces it.
    await expect(pinPair(t.db, { requestId: "r1", offerId: "offerA", coordinator })).resolves.toBeNull();
    rules = (await facts()).rules;
    expect(rules.excluded.size).toBe(0);
    expect(rules.pinned.has(pairKey("r1", "offerA"))).toBe(true);
    const ids = await t.db.selectFrom("match_pair_rule").select("id").execute();
    for (const { id } of ids) await expect(removePairRule(t.db, { ruleId: id, coordinator })).resolves.toBeNull();
    rules = (await facts()).rules;
    expect(rules.pinned.size + rules.excluded.size).toBe(0);
    expect(
      (await t.db.selectFrom("decision_log").select("action").orderBy("created_at").execute())
        .map((d) => d.action)
        .sort(),
    ).toEqual(["block", "pin", "pin", "remove pin", "remove pin"]);
  });

  it("loads offers that are open this quarter with the places left", async () => {
    await t.db.insertInto("offer_quarter_load").values({ offer_id: "offerB", quarter: QUARTER, approved: 1 }).execute();
    await t.db.updateTable("offer").set({ status: "paused", paused_until: TODAY }).where("id", "=", "offerA").execute();
    let offers = (await facts()).offers;
    expect(offers.map((o) => [o.id, o.remainingCapacity, o.impact])).toEqual([
      ["offerA", 1, null],
      ["offerB", 1, null],
    ]);
    await t.db.updateTable("offer").set({ paused_until: "2026-12-01" }).where("id", "=", "offerA").execute();
    await t.db.updateTable("offer").set({ status: "closed" }).where("id", "=", "offerB").execute();
    offers = (await facts()).offers;
    expect(offers).toEqual([]);
  });

  it("loads the latest assessment of each side", async () => {
    await t.db
      .insertInto("readiness_factor")
      .values([
        { code: "lead", name: "Leadership", description: "", position: 0, retired_at: null },
        { code: "time", name: "Time", description: "", position: 1, retired_at: null },
      ])
      .execute();
    const assess = async (id: string, organisation_id: string, assessed_on: string, maturity: number) => {
      await t.db
        .insertInto("assessment")
        .values({
          id,
          organisation_id,
          assessed_by: organisation_id === "RF4" ? "req1" : "pio",
          assessed_on,
          note: "",
          created_at: NOW,
        })
        .execute();
      await t.db
        .insertInto("assessment_score")
        .values({ assessment_id: id, capability_id: "c1", maturity, evidence: "" })
        .execute();
      await t.db
        .insertInto("assessment_readiness")
        .values([
          { assessment_id: id, factor_code: "lead", score: maturity },
          { assessment_id: id, factor_code: "time", score: 4 },
        ])
        .execute();
    };
    await assess("a-old", "RF4", "2026-01-10", 1);
    await assess("a-new", "RF4", "2026-09-10", 2);
    await assess("p-new", "RWK", "2026-06-01", 5);
    const loaded = await facts();
    const r1 = loaded.requests.find((r) => r.id === "r1")!;
    expect(r1).toMatchObject({
      maturity: { c1: 2 },
      readiness: 3,
      capabilityIds: ["c1"],
      organisationName: "Barking Trust",
      regionCode: "Y56",
      travelLimit: "anywhere",
      virtualOk: true,
    });
    expect(loaded.offers.find((o) => o.id === "offerA")).toMatchObject({
      maturity: { c1: 5 },
      capabilityIds: ["c1"],
      formatIsVirtual: false,
      virtualOk: true,
    });
    expect(loaded.offers.find((o) => o.id === "offerB")?.maturity).toEqual({});
    expect(loaded.vocabulary.capabilityName("c1")).toBe("Measurement for improvement");
    expect(loaded.vocabulary.formatName("visit")).toBe("Site visit");
  });

  it("lists, counts and marks notifications read, only the user's own", async () => {
    expect(await notifyNeedsInformation(t.db, "r1", "Which wards are involved?")).toBe(2);
    expect(await notifyPioneersOfNewRequest(t.db, "r1")).toBe(1); // RWK, in London with a matching offer; not RXX in the North West
    expect(await unreadCount(t.db, "pio")).toBe(1);
    expect(await unreadCount(t.db, "sal")).toBe(0);
    const list = await listNotifications(t.db, "req1");
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({
      kind: "request_needs_info",
      body: "A coordinator asked: Which wards are involved?",
      read_at: null,
    });
    expect(await markRead(t.db, "req2", [list.rows[0].id])).toBe(0);
    expect(await markRead(t.db, "req1", [list.rows[0].id])).toBe(1);
    expect(await unreadCount(t.db, "req1")).toBe(0);
    expect(await unreadCount(t.db, "req2")).toBe(1);
    expect(await markRead(t.db, "req2", "all")).toBe(1);
    expect(await unreadCount(t.db, "req2")).toBe(0);
    expect(await count("outbox")).toBe(3);
  });
});
