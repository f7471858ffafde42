import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/policy";
import { answerDueAt, lapsesAt } from "~/domain/answer-deadline";
import { loadPairRules, openRequestsQuery } from "~/models/matching/facts.server";
import { lapseOverdueMatches, releaseLateMatch } from "~/models/matching/lapse.server";
import { pairKey } from "~/matching/types";
import { raceChildren } from "../support/child-workers";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { match, request } from "../support/factories";
import { SEEDED, seedLearning } from "../support/learning-fixture";

const APPROVED_AT = "2027-03-19T10:00:00.000Z";
// Ten working days on, across Good Friday and Easter Monday.
const DUE = answerDueAt(APPROVED_AT, 10);
const LAPSES = lapsesAt(DUE);
const QUARTER = "2027-Q2";

const national: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "national", code: null },
};
const london: Actor = { ...national, id: "lon", scope: { kind: "region", code: "Y56" } };

describe.each(testEngines())("lapsing unanswered matches on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedLearning(t.db);
  });
  afterEach(async () => t.dispose());

  /** A Derby request matched with London's offerA, holding one of its places, unanswered. */
  async function unanswered(id: string) {
    await request(t.db, {
      id: `r-${id}`,
      organisation_id: "RTG",
      title: `Request ${id}`,
      window_start: "2027-01-01",
      window_end: "2027-09-30",
      status: "submitted",
      created_by: "rtg",
      created_at: SEEDED,
      updated_at: SEEDED,
      submitted_at: SEEDED,
    });
    await match(t.db, {
      id,
      request_id: `r-${id}`,
      offer_id: "offerA",
      quarter: QUARTER,
      approved_by: "coord",
      approved_at: APPROVED_AT,
      answer_due_at: DUE,
    });
    const load = await t.db
      .selectFrom("offer_quarter_load")
      .select("approved")
      .where("offer_id", "=", "offerA")
      .where("quarter", "=", QUARTER)
      .executeTakeFirst();
    if (load)
      await t.db
        .updateTable("offer_quarter_load")
        .set({ approved: load.approved + 1 })
        .where("offer_id", "=", "offerA")
        .where("quarter", "=", QUARTER)
        .execute();
    else
      await t.db
        .insertInto("offer_quarter_load")
        .values({ offer_id: "offerA", quarter: QUARTER, approved: 1 })
        .execute();
  }

  const placesTaken = async () =>
    Number(
      (
        await t.db
          .selectFrom("offer_quarter_load")
          .select("approved")
          .where("offer_id", "=", "offerA")
          .where("quarter", "=", QUARTER)
          .executeTakeFirstOrThrow()
      ).approved,
    );
  const lapsedNotices = async () =>
    (
      await t.db
        .selectFrom("notification")
        .select("user_id")
        .where("title", "like", "Match lapsed:%")
        .orderBy("user_id")
        .execute()
    ).map((n) => n.user_id);
  const openRequestIds = async () =>
    (await openRequestsQuery(t.db, { kind: "national", code: null }).select("help_request.id").execute()).map(
      (r) => r.id,
    );

  it("lapses a match only once its lapse time has come, frees its place, blocks the pair and tells everyone once", async () => {
    expect(LAPSES > DUE).toBe(true);
    await unanswered("late1");
    expect(await openRequestIds()).not.toContain("r-late1");
    // Late, but not yet lapsed: the coordinators are chasing it.
    expect(await lapseOverdueMatches(t.db, new Date(new Date(LAPSES).getTime() - 60_000))).toBe(0);
    expect(await placesTaken()).toBe(1);

    expect(await lapseOverdueMatches(t.db, new Date(LAPSES))).toBe(1);
    const lapsed = await t.db
      .selectFrom("outreach_match")
      .selectAll()
      .where("id", "=", "late1")
      .executeTakeFirstOrThrow();
    expect(lapsed).toMatchObject({
      status: "lapsed",
      responded_by: null,
      responded_at: new Date(LAPSES).toISOString(),
    });
    expect(await placesTaken()).toBe(0);
    expect(await openRequestIds()).toContain("r-late1");
    const rules = await loadPairRules(t.db, ["r-late1"]);
    expect(rules.excluded.has(pairKey("r-late1", "offerA"))).toBe(true);
    // The requester (rtg), the pioneer (pio), the national coordinator and London's, whose region the offer is in.
    expect(await lapsedNotices()).toEqual(["coord", "lon", "pio", "rtg"]);

    // A second run, a day later, changes nothing.
    expect(await lapseOverdueMatches(t.db, new Date(new Date(LAPSES).getTime() + 86_400_000))).toBe(0);
    expect(await placesTaken()).toBe(0);
    expect(await lapsedNotices()).toEqual(["coord", "lon", "pio", "rtg"]);
  });

  it("lapses each match once when two processes run the job at the same moment", async () => {
    for (const id of ["late1", "late2", "late3", "late4"]) await unanswered(id);
    expect(await placesTaken()).toBe(4);
    const outcomes = await raceChildren("tests/support/lapse-worker.ts", [
      { DATABASE_URL: t.url, NOW: LAPSES },
      { DATABASE_URL: t.url, NOW: LAPSES },
    ]);
    expect(
      outcomes.map((o) => o.code),
      outcomes.map((o) => o.output).join("\n"),
    ).toEqual([0, 0]);
    const total = outcomes.reduce((sum, o) => sum + (o.result as { lapsed: number }).lapsed, 0);
    expect(total).toBe(4);
    expect(await placesTaken()).toBe(0);
    const notices = await lapsedNotices();
    expect(notices).toHaveLength(16);
    expect(new Set(notices)).toEqual(new Set(["coord", "lon", "pio", "rtg"]));
  });

  it("lets a coordinator in scope release a late match at once, and refuses one not yet late or outside their area", async () => {
    await unanswered("late1");
    await expect(
      releaseLateMatch(t.db, {
        matchId: "late1",
        coordinator: national,
        now: new Date(new Date(DUE).getTime() - 60_000).toISOString(),
      }),
    ).rejects.toThrow("still has time");
    // London's coordinator does not cover a Derby request.
    await expect(releaseLateMatch(t.db, { matchId: "late1", coordinator: london, now: LAPSES })).rejects.toThrow(
      "outside your area",
    );
    expect(await placesTaken()).toBe(1);
    expect(await lapsedNotices()).toEqual([]);

    const justLate = new Date(new Date(DUE).getTime() + 60_000).toISOString();
    await releaseLateMatch(t.db, { matchId: "late1", coordinator: national, now: justLate });
    const released = await t.db
      .selectFrom("outreach_match")
      .selectAll()
      .where("id", "=", "late1")
      .executeTakeFirstOrThrow();
    expect(released).toMatchObject({ status: "lapsed", responded_by: "coord" });
    expect(await placesTaken()).toBe(0);
    expect((await loadPairRules(t.db, ["r-late1"])).excluded.has(pairKey("r-late1", "offerA"))).toBe(true);
    expect(await lapsedNotices()).toEqual(["coord", "lon", "pio", "rtg"]);
    // Neither a second release nor the job touches it again.
    await expect(releaseLateMatch(t.db, { matchId: "late1", coordinator: national, now: LAPSES })).rejects.toThrow(
      "already lapsed",
    );
    expect(await lapseOverdueMatches(t.db, new Date(LAPSES))).toBe(0);
    expect(await placesTaken()).toBe(0);
  });
});
