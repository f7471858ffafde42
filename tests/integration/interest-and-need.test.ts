import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { Forbidden, Refused } from "~/lib/errors";
import { loadMatchingFacts } from "~/models/matching/facts.server";
import { getRound, runRound } from "~/models/matching/rounds.server";
import { setSupportPriority } from "~/models/organisation/support-priority.server";
import { interestedOrganisations, mayMarkInterest, setInterest } from "~/models/request/interest.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { coordinatingBody, offerFormat, organisation, region, request, user } from "../support/factories";
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
const pioneer: Actor = { id: "rwk", role: "member", organisationId: "RWK", scope: null, organisationIsPioneer: true };
const requester: Actor = {
  id: "rf4",
  role: "org_admin",
  organisationId: "RF4",
  scope: null,
  organisationIsPioneer: false,
};

/**
 * London's RF4 and RAL each ask for measurement (c1); one place is open, RWK's offerA (RXX's
 * offerB is closed). RAL asks for a site visit, which offerA is, so it fits a little better; RF4
 * asks for a workshop.
 */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  const stamped = { created_at: NOW, updated_at: NOW };
  await organisation(db, { id: "RF4", name: "Royal Free", region_code: "Y56", ...stamped });
  await organisation(db, { id: "RAL", name: "Royal London", region_code: "Y56", ...stamped });
  await organisation(db, { id: "RWK", name: "Pioneer East", region_code: "Y56", offers_outreach: 1, ...stamped });
  await organisation(db, { id: "RXX", name: "Pioneer North", region_code: "Y62", offers_outreach: 1, ...stamped });
  await coordinatingBody(db, { id: "body-london", name: "London", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "body-nw", name: "North West", scope: "region", scope_code: "Y62" });
  await user(db, { id: "london", role: "coordinator", coordinating_body_id: "body-london", created_at: NOW });
  await user(db, { id: "northwest", role: "coordinator", coordinating_body_id: "body-nw", created_at: NOW });
  await user(db, { id: "rf4", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "ral", role: "org_admin", organisation_id: "RAL", created_at: NOW });
  await user(db, { id: "rwk", role: "member", organisation_id: "RWK", created_at: NOW });
  await user(db, { id: "rxx", role: "org_admin", organisation_id: "RXX", created_at: NOW });
  await seedMeasurementOffers(db, {
    now: NOW,
    offerA: { created_by: "rwk" },
    offerB: { created_by: "rxx", status: "closed" },
  });
  await offerFormat(db, { code: "workshop", name: "Workshop" });
  for (const [id, organisation_id, created_by, format_code] of [
    ["rA", "RF4", "rf4", "workshop"],
    ["rB", "RAL", "ral", "visit"],
  ]) {
    await request(db, { id, organisation_id, created_by, title: `Request ${id}`, ...stamped, submitted_at: NOW });
    await db.insertInto("help_request_capability").values({ request_id: id, capability_id: "c1" }).execute();
    await db.insertInto("help_request_format").values({ request_id: id, format_code }).execute();
  }
}

describe.each(testEngines())("interest marks and priority for support on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const facts = () => loadMatchingFacts(t.db, { scope: london.scope!, quarter: QUARTER, today: TODAY });
  const run = (needPriority: boolean) =>
    runRound(t.db, { coordinator: london, quarter: QUARTER, today: TODAY, needPriority });

  it("lets a pioneer with an open offer mark and unmark interest, which matching reads", async () => {
    expect((await mayMarkInterest(t.db, pioneer, "rA")).allowed).toBe(true);
    await setInterest(t.db, { actor: pioneer, requestId: "rA", interested: true });
    await setInterest(t.db, { actor: pioneer, requestId: "rA", interested: true });
    expect((await interestedOrganisations(t.db, "rA")).map((o) => o.name)).toEqual(["Pioneer East"]);
    expect((await mayMarkInterest(t.db, pioneer, "rA")).marked).toBe(true);
    const marked = (await facts()).requests.find((r) => r.id === "rA")!;
    expect(marked.interestedOrganisationIds).toEqual(["RWK"]);
    await setInterest(t.db, { actor: pioneer, requestId: "rA", interested: false });
    expect(await interestedOrganisations(t.db, "rA")).toEqual([]);
  });

  it("refuses interest from a trust without an open offer, from the requester, and on a closed request", async () => {
    const closedPioneer: Actor = { ...pioneer, id: "rxx", organisationId: "RXX" };
    await expect(setInterest(t.db, { actor: closedPioneer, requestId: "rA", interested: true })).rejects.toThrow(
      Forbidden,
    );
    await expect(setInterest(t.db, { actor: requester, requestId: "rA", interested: true })).rejects.toThrow(Forbidden);
    await t.db.updateTable("help_request").set({ status: "withdrawn" }).where("id", "=", "rA").execute();
    await expect(setInterest(t.db, { actor: pioneer, requestId: "rA", interested: true })).rejects.toThrow(Refused);
    expect(await interestedOrganisations(t.db, "rA")).toEqual([]);
  });

  it("lets a coordinator in scope flag a trust as a priority for support, audited, and nobody else", async () => {
    await expect(setSupportPriority(t.db, { actor: northWest, organisationId: "RF4", reason: "x" })).rejects.toThrow(
      Forbidden,
    );
    await expect(setSupportPriority(t.db, { actor: requester, organisationId: "RF4", reason: "x" })).rejects.toThrow(
      Forbidden,
    );
    await setSupportPriority(t.db, { actor: london, organisationId: "RF4", reason: "Recovery Support Programme" });
    const row = await t.db
      .selectFrom("organisation")
      .select("support_priority")
      .where("id", "=", "RF4")
      .executeTakeFirstOrThrow();
    expect(row.support_priority).toBe("Recovery Support Programme");
    expect((await facts()).requests.find((r) => r.id === "rA")!.supportPriority).toBe("Recovery Support Programme");
    const audit = await t.db
      .selectFrom("audit_event")
      .select(["kind", "organisation_id", "actor_id"])
      .where("kind", "=", "organisation_changed")
      .execute();
    expect(audit).toEqual([{ kind: "organisation_changed", organisation_id: "RF4", actor_id: "london" }]);
    await setSupportPriority(t.db, { actor: london, organisationId: "RF4", reason: null });
    expect((await facts()).requests.find((r) => r.id === "rA")!.supportPriority).toBeNull();
  });

  it("gives the contested place to the flagged trust with the option, and stores both plans' worst-off figures", async () => {
    await setSupportPriority(t.db, { actor: london, organisationId: "RF4", reason: "Recovery Support Programme" });
    const plain = await run(false);
    const fair = await run(true);
    const placed = async (id: string) =>
      (await getRound(t.db, id))!.proposals.filter((p) => p.offer_id !== null).map((p) => p.request_id);
    expect(await placed(plain.id)).toEqual(["rB"]);
    expect(await placed(fair.id)).toEqual(["rA"]);

    const round = (await getRound(t.db, fair.id))!;
    expect(round.summary.needPriority).toBe(true);
    const { asRun, otherWay } = round.summary.worstOff!;
    expect(asRun).toMatchObject({ flaggedHelped: 1, flaggedRequests: 1 });
    expect(otherWay).toMatchObject({ flaggedHelped: 0, flaggedRequests: 1 });
    expect(asRun.lowestFit!).toBeLessThan(otherWay.lowestFit!);
    expect((await getRound(t.db, plain.id))!.summary.worstOff).toEqual({ asRun: otherWay, otherWay: asRun });
    const proposal = round.proposals.find((p) => p.request_id === "rA")!;
    expect(proposal.factors.find((f) => f.key === "need")?.text).toContain("Recovery Support Programme");
  });

  it("scores the asked-for offer and the pioneer's interest as the preference factor", async () => {
    await t.db.updateTable("help_request").set({ preferred_offer_id: "offerA" }).where("id", "=", "rB").execute();
    await setInterest(t.db, { actor: pioneer, requestId: "rB", interested: true });
    const round = (await getRound(t.db, (await run(false)).id))!;
    const preference = round.proposals.find((p) => p.request_id === "rB")!.factors.find((f) => f.key === "preference");
    expect(preference).toMatchObject({ value: 1 });
    expect(preference!.text).toBe("You asked for this offer and the pioneer said they are interested in helping you");
  });
});
