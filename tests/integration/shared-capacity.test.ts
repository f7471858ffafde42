import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { Forbidden, Refused } from "~/lib/errors";
import { approveProposal, reservePlace, SHARED_CAPACITY_FULL } from "~/models/matching/decisions.server";
import { loadMatchingFacts } from "~/models/matching/facts.server";
import { whereOneMorePlaceHelps } from "~/matching/insights";
import { whyNotInRound } from "~/models/matching/insights.server";
import { getRound, runRound } from "~/models/matching/rounds.server";
import { setSharedCapacity } from "~/models/organisation/shared-capacity.server";
import { sharedCapacitySchema } from "~/schemas/shared-capacity";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import {
  capability,
  capabilityDomain,
  coordinatingBody,
  offer,
  offerFormat,
  organisation,
  region,
  request,
  user,
} from "../support/factories";

const NOW = "2026-11-29T09:00:00.000Z";
const TODAY = "2026-11-29";
const QUARTER = "2026-Q4";

const london: Actor = {
  id: "london",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y56" },
};
const pioneer: Actor = {
  id: "rwk",
  role: "org_admin",
  organisationId: "RWK",
  scope: null,
  organisationIsPioneer: true,
};
const requester: Actor = { id: "rf4", role: "org_admin", organisationId: "RF4", scope: null };
const admin: Actor = { id: "admin", role: "admin", organisationId: null, scope: null };

/**
 * RF4 files three requests for measurement (c1). RWK, a pioneer, runs two offers teaching it with
 * two places each: on their own they could take every request, so only a shared limit holds them back.
 */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  const stamped = { created_at: NOW, updated_at: NOW };
  await organisation(db, { id: "RF4", name: "Barking Trust", region_code: "Y56", ...stamped });
  await organisation(db, { id: "RWK", name: "East London Trust", region_code: "Y56", offers_outreach: 1, ...stamped });
  await coordinatingBody(db, { id: "body-london", name: "London", scope: "region", scope_code: "Y56" });
  await user(db, { id: "london", role: "coordinator", coordinating_body_id: "body-london", created_at: NOW });
  await user(db, { id: "rf4", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "rwk", role: "org_admin", organisation_id: "RWK", created_at: NOW });
  await user(db, { id: "admin", role: "admin", created_at: NOW });
  await capabilityDomain(db, { id: "dom", name: "Improvement" });
  await capability(db, {
    id: "c1",
    code: "QSIR-MFI",
    name: "Measurement",
    domain_id: "dom",
    position: 0,
    created_at: NOW,
  });
  await offerFormat(db, { code: "visit", name: "Site visit" });
  for (const id of ["offerA", "offerA2"]) {
    await offer(db, {
      id,
      organisation_id: "RWK",
      title: `Offer ${id}`,
      format_code: "visit",
      capacity_per_quarter: 2,
      created_by: "rwk",
      ...stamped,
    });
    await db.insertInto("offer_capability").values({ offer_id: id, capability_id: "c1", evidence: "" }).execute();
    await db
      .insertInto("offer_window")
      .values({ id: `w-${id}`, offer_id: id, starts_on: "2026-10-01", ends_on: "2027-03-31" })
      .execute();
  }
  for (const id of ["r1", "r2", "r3"]) {
    await request(db, {
      id,
      organisation_id: "RF4",
      title: `Request ${id}`,
      window_start: "2026-12-01",
      window_end: "2027-02-28",
      created_by: "rf4",
      ...stamped,
      submitted_at: NOW,
    });
    await db.insertInto("help_request_capability").values({ request_id: id, capability_id: "c1" }).execute();
  }
}

describe("the shared capacity form's rules", () => {
  const parse = (sharedCapacity?: string) => sharedCapacitySchema.safeParse({ sharedCapacity });
  it("takes a whole number from 1 to 500, or empty for no shared limit", () => {
    expect(parse(" 3 ").data).toEqual({ sharedCapacity: 3 });
    expect(parse("500").data).toEqual({ sharedCapacity: 500 });
    expect(parse("").data).toEqual({ sharedCapacity: null });
    expect(parse(undefined).data).toEqual({ sharedCapacity: null });
  });
  it.each([
    ["0", "at least 1"],
    ["-2", "whole number"],
    ["two", "whole number"],
    ["1.5", "whole number"],
    ["501", "500 or fewer"],
    ["9".repeat(40), "500 or fewer"],
  ])("refuses %s with a message", (value, words) => {
    const result = parse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["sharedCapacity"],
      message: expect.stringContaining(words),
    });
  });
});

describe.each(testEngines())("shared capacity across a pioneer's offers on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const cap = async (id = "RWK") =>
    (
      await t.db
        .selectFrom("organisation")
        .select("shared_capacity_per_quarter")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).shared_capacity_per_quarter;
  const audit = () =>
    t.db
      .selectFrom("audit_event")
      .select(["kind", "actor_id", "organisation_id", "detail"])
      .where("kind", "=", "organisation_changed")
      .execute();
  const run = () => runRound(t.db, { coordinator: london, quarter: QUARTER, today: TODAY });
  const matchCount = async () =>
    Number(
      (
        await t.db
          .selectFrom("outreach_match")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const totalLoad = async () =>
    (await t.db.selectFrom("offer_quarter_load").select("approved").where("quarter", "=", QUARTER).execute()).reduce(
      (sum, row) => sum + row.approved,
      0,
    );

  it("the pioneer's administrator sets and clears it, each change audited by ids only", async () => {
    await setSharedCapacity(t.db, pioneer, "RWK", 3, { clientAddress: "192.0.2.1" });
    expect(await cap()).toBe(3);
    await setSharedCapacity(t.db, pioneer, "RWK", null);
    expect(await cap()).toBeNull();
    const events = await audit();
    expect(events).toEqual([
      {
        kind: "organisation_changed",
        actor_id: "rwk",
        organisation_id: "RWK",
        detail: "shared capacity across offers set to 3 a quarter",
      },
      {
        kind: "organisation_changed",
        actor_id: "rwk",
        organisation_id: "RWK",
        detail: "shared capacity across offers cleared",
      },
    ]);
  });

  it("refuses another trust's administrator and a trust that offers no outreach, changing nothing", async () => {
    await expect(setSharedCapacity(t.db, requester, "RWK", 2)).rejects.toBeInstanceOf(Forbidden);
    await expect(setSharedCapacity(t.db, requester, "RF4", 2)).rejects.toMatchObject({ code: "not_pioneer" });
    await expect(setSharedCapacity(t.db, admin, "RF4", 2)).rejects.toBeInstanceOf(Refused);
    expect([await cap("RWK"), await cap("RF4")]).toEqual([null, null]);
    expect(await audit()).toEqual([]);
  });

  it("matching facts group the trust's offers with the places left across them", async () => {
    const facts = () => loadMatchingFacts(t.db, { scope: london.scope!, quarter: QUARTER, today: TODAY });
    expect((await facts()).groups).toEqual([]);
    await setSharedCapacity(t.db, pioneer, "RWK", 3);
    await t.db.insertInto("offer_quarter_load").values({ offer_id: "offerA", quarter: QUARTER, approved: 1 }).execute();
    // An earlier quarter's places do not count.
    await t.db
      .insertInto("offer_quarter_load")
      .values({ offer_id: "offerA2", quarter: "2026-Q3", approved: 2 })
      .execute();
    expect((await facts()).groups).toEqual([
      { id: "RWK", organisationName: "East London Trust", capacity: 2, offerIds: ["offerA", "offerA2"] },
    ]);
    await setSharedCapacity(t.db, pioneer, "RWK", 1);
    const full = await facts();
    expect(full.groups).toEqual([]);
    expect(full.offers.map((o) => o.sharedCapacityFull)).toEqual([true, true]);
  });

  it("a round proposes no more than the shared limit and says why the rest were not matched", async () => {
    expect((await run()).summary).toMatchObject({ proposed: 3, unmatched: 0 });
    await setSharedCapacity(t.db, pioneer, "RWK", 2);
    const limited = await run();
    expect(limited.summary).toMatchObject({ proposed: 2, unmatched: 1 });
    const round = (await getRound(t.db, limited.id))!;
    const left = round.proposals.find((p) => p.status === "unmatched")!;
    expect(left.unmatched_reason).toMatch(/its trust has used its shared capacity across its offers this quarter$/);
    // Whichever offer still had places of its own was not used because the trust's limit was reached.
    expect(left.alternatives.map((a) => a.note)).toContain(
      "Not used: East London Trust's shared capacity across its offers was full",
    );

    await setSharedCapacity(t.db, pioneer, "RWK", 1);
    const first = round.proposals.find((p) => p.status === "proposed")!;
    await approveProposal(t.db, { proposalId: first.id, coordinator: london, today: TODAY });
    const after = await run();
    expect(after.summary).toMatchObject({ requests: 2, proposed: 0, unmatched: 2 });
    const reasons = (await getRound(t.db, after.id))!.proposals.map((p) => p.unmatched_reason);
    expect(reasons).toEqual([
      "No offer teaches Measurement from a trust with shared capacity left this quarter",
      "No offer teaches Measurement from a trust with shared capacity left this quarter",
    ]);
  });

  it("names the trust where one more engagement across its offers, not one more place on an offer, would help", async () => {
    const facts = () => loadMatchingFacts(t.db, { scope: london.scope!, quarter: QUARTER, today: TODAY });
    expect(whereOneMorePlaceHelps(await facts())).toEqual([]);
    await setSharedCapacity(t.db, pioneer, "RWK", 2);
    const places = whereOneMorePlaceHelps(await facts());
    expect(places).toHaveLength(1);
    expect(places[0]).toMatchObject({ organisationId: "RWK", helped: [{ direct: true }] });
    expect(places[0].text).toMatch(
      /^One more engagement this quarter for East London Trust, whose shared capacity across its offers is full, would help Barking Trust \(Request r\d\)$/,
    );
  });

  it("a round for returned requests counts the shared places its waiting proposals keep", async () => {
    await setSharedCapacity(t.db, pioneer, "RWK", 2);
    expect((await run()).summary).toMatchObject({ proposed: 2, unmatched: 1 });
    // The two waiting proposals keep both of the trust's places, so the returned request still has none.
    const returned = await runRound(t.db, { coordinator: london, quarter: QUARTER, today: TODAY, returnedOnly: true });
    expect(returned.summary).toMatchObject({ requests: 1, proposed: 0, unmatched: 1 });
  });

  it("why not: forcing a request onto an offer with places of its own drops a match the trust's limit holds", async () => {
    await setSharedCapacity(t.db, pioneer, "RWK", 2);
    const round = (await getRound(t.db, (await run()).id))!;
    const left = round.proposals.find((p) => p.status === "unmatched")!;
    const ref = { id: round.id, scope: round.scope, scope_code: round.scope_code, quarter: QUARTER };
    const ask = (offerId: string) =>
      whyNotInRound(t.db, {
        actor: london,
        round: ref,
        requests: [],
        today: TODAY,
        pair: { requestId: left.request_id, offerId },
      }).then((r) => r.answer!);
    for (const offerId of ["offerA", "offerA2"]) {
      const answer = await ask(offerId);
      expect(answer.kind).toBe("costly");
      if (answer.kind !== "costly") continue;
      expect(answer.added.map((a) => [a.requestId, a.offerId])).toEqual([[left.request_id, offerId]]);
      // Some other request of the round gives its place up, though the offer itself had room.
      expect(answer.removed).toHaveLength(1);
      expect(answer.removed[0].requestId).not.toBe(left.request_id);
      expect(answer.fewerMatched).toBe(0);
    }

    await setSharedCapacity(t.db, pioneer, "RWK", 1);
    const matched = round.proposals.find((p) => p.status === "proposed")!;
    await approveProposal(t.db, { proposalId: matched.id, coordinator: london, today: TODAY });
    expect(await ask("offerA2")).toEqual({
      kind: "ineligible",
      text: "East London Trust's shared capacity across its offers is full this quarter",
    });
  });

  it("an approval past the shared limit is refused and writes nothing", async () => {
    const round = (await getRound(t.db, (await run()).id))!;
    const [p1, p2] = round.proposals.filter((p) => p.status === "proposed");
    await setSharedCapacity(t.db, pioneer, "RWK", 1);
    await approveProposal(t.db, { proposalId: p1.id, coordinator: london, today: TODAY });
    await expect(approveProposal(t.db, { proposalId: p2.id, coordinator: london, today: TODAY })).rejects.toThrow(
      SHARED_CAPACITY_FULL,
    );
    expect({ matches: await matchCount(), load: await totalLoad() }).toEqual({ matches: 1, load: 1 });
    // Clearing the limit lets the approval through.
    await setSharedCapacity(t.db, pioneer, "RWK", null);
    await approveProposal(t.db, { proposalId: p2.id, coordinator: london, today: TODAY });
    expect({ matches: await matchCount(), load: await totalLoad() }).toEqual({ matches: 2, load: 2 });
  });

  it("two approvals racing for the last shared place on different offers: exactly one wins", async () => {
    const round = (await getRound(t.db, (await run()).id))!;
    const onA = round.proposals.find((p) => p.offer_id === "offerA")!;
    const onA2 = round.proposals.find((p) => p.offer_id === "offerA2")!;
    await setSharedCapacity(t.db, pioneer, "RWK", 1);
    const outcomes = await Promise.allSettled([
      approveProposal(t.db, { proposalId: onA.id, coordinator: london, today: TODAY }),
      approveProposal(t.db, { proposalId: onA2.id, coordinator: london, today: TODAY }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Refused);
    expect((refused.reason as Refused).message).toBe(SHARED_CAPACITY_FULL);
    expect({ matches: await matchCount(), load: await totalLoad() }).toEqual({ matches: 1, load: 1 });
  });

  it("an approval waiting on another still in flight counts the place that one took", async () => {
    await setSharedCapacity(t.db, pioneer, "RWK", 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reserved!: () => void;
    const placeReserved = new Promise<void>((resolve) => (reserved = resolve));
    const first = t.db.transaction().execute(async (trx) => {
      await reservePlace(trx, "offerA", QUARTER);
      reserved();
      await held;
    });
    await placeReserved;
    const second = t.db
      .transaction()
      .execute((trx) => reservePlace(trx, "offerA2", QUARTER))
      .then(
        () => "reserved",
        (error: unknown) => error,
      );
    // Whether or not the second has reached the database yet, the outcome must be the same.
    await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 300))]);
    release();
    await first;
    expect(await second).toMatchObject({ message: SHARED_CAPACITY_FULL });
    expect(await totalLoad()).toBe(1);
  });
});
