import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { recordAssessment } from "~/models/assessment/assessments.server";
import { openEngagement } from "~/models/engagement/core.server";
import { followUpTasks, getEngagementImpact, offerImpacts } from "~/models/engagement/impact.server";
import { loadMatchingFacts } from "~/models/matching/facts.server";
import { tasksForOrganisation } from "~/models/tasks/tasks.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import {
  capability,
  capabilityDomain,
  match,
  offer,
  offerFormat,
  organisation,
  region,
  request,
  user,
} from "../support/factories";

const NOW = "2026-01-05T09:00:00.000Z";

/** RF4 asks RWK for help with c1 and c2; c3 is scored but not targeted. */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await organisation(db, { id: "RF4", region_code: "Y56", created_at: NOW, updated_at: NOW });
  await organisation(db, { id: "RWK", region_code: "Y56", offers_outreach: 1, created_at: NOW, updated_at: NOW });
  await user(db, { id: "req", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "pio", role: "org_admin", organisation_id: "RWK", created_at: NOW });
  await capabilityDomain(db, { id: "dom", name: "Improvement" });
  for (const [position, id] of ["c1", "c2", "c3"].entries())
    await capability(db, { id, domain_id: "dom", position, created_at: NOW });
  await offerFormat(db, { code: "visit", name: "Site visit" });
  await offer(db, {
    id: "offer1",
    organisation_id: "RWK",
    title: "Flow coaching",
    format_code: "visit",
    capacity_per_quarter: 3,
    contact_name: "C",
    contact_email: "c@example.org",
    created_by: "pio",
    created_at: NOW,
    updated_at: NOW,
  });
  await db.insertInto("offer_capability").values({ offer_id: "offer1", capability_id: "c1" }).execute();
  await request(db, {
    id: "r1",
    organisation_id: "RF4",
    title: "Measurement help",
    window_start: "2026-01-01",
    window_end: "2027-12-31",
    status: "completed",
    created_by: "req",
    created_at: NOW,
    updated_at: NOW,
    submitted_at: NOW,
  });
  await db
    .insertInto("help_request_capability")
    .values([
      { request_id: "r1", capability_id: "c1" },
      { request_id: "r1", capability_id: "c2" },
    ])
    .execute();
  await match(db, {
    id: "m1",
    request_id: "r1",
    offer_id: "offer1",
    quarter: "2026-Q1",
    status: "accepted",
    approved_by: "pio",
    approved_at: NOW,
    responded_by: "pio",
    responded_at: NOW,
    response_reason: "",
  });
}

const assess = (db: Kysely<Database>, assessedOn: string, maturity: Record<string, number>) =>
  recordAssessment(
    db,
    { id: "req", role: "org_admin", organisationId: "RF4", scope: null },
    {
      organisationId: "RF4",
      assessedOn,
      note: "",
      scores: Object.entries(maturity).map(([capabilityId, value]) => ({
        capabilityId,
        maturity: value,
        evidence: "",
      })),
      readiness: [],
    },
  );

describe.each(testEngines())("impact on %s", (engine) => {
  let t: TestDatabase;
  let engagementId: string;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
    await assess(t.db, "2026-01-10", { c1: 2, c2: 1, c3: 1 });
    engagementId = await openEngagement(t.db, { matchId: "m1", actorId: "pio", openedAt: "2026-02-01T10:00:00.000Z" });
  });
  afterEach(async () => t.dispose());

  const end = (status: "completed" | "stopped", endedAt = "2026-05-01T15:00:00.000Z") =>
    t.db
      .updateTable("engagement")
      .set({
        status,
        ended_at: endedAt,
        ended_by: "pio",
        end_reason: "",
        follow_up_due_on: status === "completed" ? "2026-11-01" : null,
      })
      .where("id", "=", engagementId)
      .execute();
  const impactRows = async () => t.db.selectFrom("engagement_impact").selectAll().execute();
  const offerImpactInMatching = async () =>
    (
      await loadMatchingFacts(t.db, {
        scope: { kind: "national", code: null },
        quarter: "2026-Q4",
        today: "2026-11-29",
      })
    ).offers.find((o) => o.id === "offer1")?.impact;

  it("shows impact as missing, never zero, until the requester re-assesses", async () => {
    await end("completed");
    expect(await getEngagementImpact(t.db, engagementId, "2026-11-29")).toEqual({
      status: "awaiting",
      dueOn: "2026-11-01",
      overdue: true,
    });
    expect(await getEngagementImpact(t.db, engagementId, "2026-10-01")).toEqual({
      status: "awaiting",
      dueOn: "2026-11-01",
      overdue: false,
    });
    expect((await offerImpacts(t.db, ["offer1"])).get("offer1")).toEqual({ meanChange: 0, measured: 0, awaiting: 1 });
    expect(await offerImpactInMatching()).toBeNull();
    expect(await followUpTasks(t.db, "RF4", "2026-11-29")).toEqual([
      { engagementId, requestTitle: "Measurement help", pioneerName: "Trust RWK", dueOn: "2026-11-01", overdue: true },
    ]);
    expect(await impactRows()).toEqual([]);
  });

  it("measures the targeted capabilities when the requester re-assesses after the end", async () => {
    await end("completed");
    await assess(t.db, "2026-11-20", { c1: 4, c2: 2, c3: 5 });
    const impact = await getEngagementImpact(t.db, engagementId);
    expect(impact).toEqual({
      status: "measured",
      meanChange: 1.5,
      beforeOn: "2026-01-10",
      afterOn: "2026-11-20",
      capabilities: [
        { capabilityId: "c1", name: "Capability c1", before: 2, after: 4 },
        { capabilityId: "c2", name: "Capability c2", before: 1, after: 2 },
      ],
    });
    expect((await offerImpacts(t.db, ["offer1"])).get("offer1")).toEqual({ meanChange: 1.5, measured: 1, awaiting: 0 });
    expect(await offerImpactInMatching()).toEqual({ meanChange: 1.5, measured: 1 });
    expect(await followUpTasks(t.db, "RF4")).toEqual([]);
    expect(await tasksForOrganisation(t.db, "RF4")).not.toContainEqual(
      expect.objectContaining({ kind: "reassessment" }),
    );
    const events = await t.db
      .selectFrom("engagement_event")
      .select(["kind", "note"])
      .where("engagement_id", "=", engagementId)
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["opened", "impact_measured"]);
    const notified = await t.db.selectFrom("notification").select(["user_id", "kind", "link"]).execute();
    expect(notified).toEqual([{ user_id: "pio", kind: "impact_measured", link: `/engagements/${engagementId}` }]);
  });

  it("keeps the first re-assessment after the end as the measure", async () => {
    await end("completed");
    await assess(t.db, "2026-09-01", { c1: 3, c2: 1, c3: 1 });
    await assess(t.db, "2026-11-01", { c1: 5, c2: 5, c3: 5 });
    expect(await impactRows()).toHaveLength(1);
    expect(await getEngagementImpact(t.db, engagementId)).toMatchObject({
      status: "measured",
      meanChange: 0.5,
      afterOn: "2026-09-01",
    });
  });

  it("does not count an assessment made while the engagement ran", async () => {
    await assess(t.db, "2026-03-15", { c1: 5, c2: 5, c3: 5 });
    await end("completed");
    expect(await getEngagementImpact(t.db, engagementId)).toMatchObject({ status: "awaiting" });
    expect(await impactRows()).toEqual([]);
  });

  it("does not measure an active or a stopped engagement", async () => {
    await assess(t.db, "2026-06-01", { c1: 5, c2: 5, c3: 5 });
    expect(await getEngagementImpact(t.db, engagementId)).toEqual({ status: "not_ended" });
    await end("stopped");
    await assess(t.db, "2026-07-01", { c1: 5, c2: 5, c3: 5 });
    expect(await getEngagementImpact(t.db, engagementId)).toEqual({ status: "not_followed_up" });
    expect(await impactRows()).toEqual([]);
  });

  it("says there is no baseline when the requester never assessed before the engagement", async () => {
    await t.db.deleteFrom("assessment_score").execute();
    await t.db.deleteFrom("assessment").execute();
    await end("completed");
    await assess(t.db, "2026-11-20", { c1: 4, c2: 2, c3: 5 });
    expect(await getEngagementImpact(t.db, engagementId)).toEqual({ status: "no_baseline" });
    expect(await impactRows()).toEqual([]);
  });
});
