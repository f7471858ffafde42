import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import type { DashboardQuery, DashboardScope } from "~/domain/dashboard";
import { createSnapshotCache } from "~/lib/snapshot-cache";
import { capabilityHeatmap } from "~/models/dashboard/capability.server";
import { dashboardCsv } from "~/models/dashboard/csv.server";
import { readDashboardRequest } from "~/models/dashboard/filters.server";
import { impactSummary } from "~/models/dashboard/impact.server";
import { funnelCounts, pioneerLoad, requestToMatch } from "~/models/dashboard/outreach.server";
import { buildDashboard, type DashboardSnapshot } from "~/models/dashboard/dashboard.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import {
  assessment,
  capability,
  capabilityDomain,
  icb,
  match as matchRow,
  offer,
  offerFormat,
  organisation,
  region,
  request as requestRow,
  user,
} from "../support/factories";

const NOW = "2026-05-15T09:00:00.000Z";
const at = (date: string, time = "09:00") => `${date}T${time}:00.000Z`;

const NATIONAL: DashboardScope = { kind: "national", code: null };
const LONDON: DashboardScope = { kind: "region", code: "Y56" };
const NORTH_WEST: DashboardScope = { kind: "region", code: "Y62" };
const PERIOD = { from: "2026-01-01", to: "2026-06-30", today: "2026-05-15" };
const query = (scope: DashboardScope, period: Partial<typeof PERIOD> = {}): DashboardQuery => ({
  scope,
  ...PERIOD,
  ...period,
});

/**
 * London: RF4 asks for help, RWK is a pioneer, RQX has never assessed itself and RCL is closed.
 * North West: RXX is a pioneer, RNW asks for help. Every figure the tests expect follows from
 * the rows below; the comments give the arithmetic.
 */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  await icb(db, { code: "QMF", name: "North East London ICB", region_code: "Y56" });
  await icb(db, { code: "QOP", name: "Greater Manchester ICB", region_code: "Y62" });
  const trust = (id: string, name: string, region_code: string, icb_code: string, { active = 1, pioneer = 0 } = {}) =>
    organisation(db, {
      id,
      name,
      region_code,
      icb_code,
      closed_on: active ? null : "2025-12-31",
      active,
      offers_outreach: pioneer,
      created_at: NOW,
      updated_at: NOW,
    });
  await trust("RF4", "Barking Trust", "Y56", "QMF");
  await trust("RWK", "East London Trust", "Y56", "QMF", { pioneer: 1 });
  await trust("RQX", "Homerton Trust", "Y56", "QMF");
  await trust("RCL", "Closed Trust", "Y56", "QMF", { active: 0 });
  await trust("RXX", "Salford Trust", "Y62", "QOP", { pioneer: 1 });
  await trust("RNW", "Wigan Trust", "Y62", "QOP");
  for (const o of ["RF4", "RWK", "RCL", "RXX", "RNW"])
    await user(db, {
      id: `u-${o}`,
      email: `${o}@example.org`,
      name: o,
      role: "org_admin",
      organisation_id: o,
      created_at: NOW,
    });
  await user(db, { id: "coord", name: "Coordinator", role: "coordinator", created_at: NOW });

  await capabilityDomain(db, { id: "well-led", name: "Well-led", position: 0 });
  await capabilityDomain(db, { id: "qsir", name: "QSIR", position: 1 });
  const scored = (id: string, code: string, domain_id: string, position: number, retired_at: string | null = null) =>
    capability(db, { id, code, name: `Capability ${code}`, domain_id, position, retired_at, created_at: NOW });
  await scored("c1", "W1", "well-led", 0);
  await scored("c2", "W8", "well-led", 1);
  await scored("c3", "QSIR-MFI", "qsir", 0);
  await scored("c4", "QSIR-OLD", "qsir", 1, NOW); // retired, still scored by RWK's latest assessment
  await scored("c5", "QSIR-GONE", "qsir", 2, NOW); // retired, scored by nobody: not shown
  await offerFormat(db, { code: "site_visit", name: "Site visit", position: 0 });
  await offerFormat(db, { code: "mentoring", name: "Mentoring", position: 1 });
  await offerFormat(db, { code: "virtual", name: "Virtual session", position: 2, is_virtual: 1 });
  await offerFormat(db, { code: "old_format", name: "Old format", position: 3, retired_at: NOW });

  // Latest assessments: RF4 a2, RWK a3, RXX a5, RNW a7 (same day as a6, recorded later). RCL is closed.
  const assessed = async (
    id: string,
    organisation: string,
    assessed_on: string,
    created_at: string,
    scores: Record<string, number>,
  ) => {
    await assessment(db, {
      id,
      organisation_id: organisation,
      assessed_by: `u-${organisation}`,
      assessed_on,
      created_at,
    });
    await db
      .insertInto("assessment_score")
      .values(
        Object.entries(scores).map(([capability_id, maturity]) => ({
          assessment_id: id,
          capability_id,
          maturity,
          evidence: "",
        })),
      )
      .execute();
  };
  await assessed("a1", "RF4", "2026-01-10", at("2026-01-10"), { c1: 1, c2: 1, c3: 1 });
  await assessed("a2", "RF4", "2026-06-01", at("2026-06-01"), { c1: 2, c2: 4, c3: 3 });
  await assessed("a3", "RWK", "2026-03-01", at("2026-03-01"), { c1: 5, c2: 4, c3: 2, c4: 3 });
  await assessed("a4", "RCL", "2026-03-01", at("2026-03-01"), { c1: 1, c2: 1, c3: 1 });
  await assessed("a5", "RXX", "2026-02-01", at("2026-02-01"), { c1: 3, c2: 3, c3: 5 });
  await assessed("a6", "RNW", "2026-05-01", at("2026-05-01", "08:00"), { c1: 2, c2: 1, c3: 1 });
  await assessed("a7", "RNW", "2026-05-01", at("2026-05-01", "10:00"), { c1: 4, c2: 2, c3: 2 });

  const published = (
    id: string,
    organisation_id: string,
    format_code: string,
    capacity: number,
    status: "published" | "paused" | "closed" = "published",
  ) =>
    offer(db, {
      id,
      organisation_id,
      title: `Offer ${id}`,
      format_code,
      capacity_per_quarter: capacity,
      status,
      created_by: `u-${organisation_id}`,
      created_at: NOW,
      updated_at: NOW,
    });
  await published("oW", "RWK", "site_visit", 2);
  await published("oW2", "RWK", "virtual", 4, "paused");
  await published("oWclosed", "RWK", "site_visit", 1, "closed");
  await published("oWclosedBusy", "RWK", "site_visit", 1, "closed");
  await published("oX", "RXX", "mentoring", 3);
  await published("oZ", "RXX", "mentoring", 0);
  await db
    .insertInto("offer_quarter_load")
    .values([
      { offer_id: "oW", quarter: "2026-Q1", approved: 1 },
      { offer_id: "oW", quarter: "2026-Q2", approved: 2 },
      { offer_id: "oWclosedBusy", quarter: "2026-Q2", approved: 1 },
      { offer_id: "oX", quarter: "2026-Q2", approved: 1 },
    ])
    .execute();

  const request = async (id: string, organisation_id: string, submitted_at: string | null, capabilities: string[]) => {
    await requestRow(db, {
      id,
      organisation_id,
      title: `Request ${id}`,
      window_end: "2026-12-31",
      status: submitted_at ? "submitted" : "draft",
      created_by: `u-${organisation_id}`,
      created_at: NOW,
      updated_at: NOW,
      submitted_at,
    });
    await db
      .insertInto("help_request_capability")
      .values(capabilities.map((capability_id) => ({ request_id: id, capability_id })))
      .execute();
  };
  const match = (
    id: string,
    request_id: string,
    offer_id: string,
    approved_at: string,
    status: Database["outreach_match"]["status"],
  ) => matchRow(db, { id, request_id, offer_id, status, approved_by: "coord", approved_at });
  const engagement = (
    id: string,
    match_id: string,
    request_id: string,
    offer_id: string,
    requester: string,
    pioneer: string,
    ended_at: string | null,
  ) =>
    db
      .insertInto("engagement")
      .values({
        id,
        match_id,
        request_id,
        offer_id,
        requester_organisation_id: requester,
        pioneer_organisation_id: pioneer,
        status: ended_at ? "completed" : "active",
        opened_at: NOW,
        ended_at,
        ended_by: ended_at ? `u-${requester}` : null,
        end_reason: null,
        follow_up_due_on: null,
      })
      .execute();
  const session = (id: string, engagement_id: string, status: "planned" | "held" | "cancelled") =>
    db
      .insertInto("outreach_session")
      .values({
        id,
        engagement_id,
        starts_at: "2026-02-01T10:00",
        duration_minutes: 60,
        format_code: "site_visit",
        location: "",
        video_link: "",
        agenda: "",
        status,
        outcome_note: "",
        recorded_by: null,
        recorded_at: null,
        created_by: "u-RWK",
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  const learning = (id: string, engagement_id: string, organisation_id: string) =>
    db
      .insertInto("learning_entry")
      .values({
        id,
        engagement_id,
        organisation_id,
        author_id: `u-${organisation_id}`,
        title: "What we learned",
        insight: "Insight",
        visibility: "shared",
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  const impact = async (
    engagement_id: string,
    before: string,
    after: string,
    changes: Record<string, [number, number]>,
  ) => {
    const entries = Object.entries(changes);
    const meanChange = entries.reduce((sum, [, [b, a]]) => sum + (a - b), 0) / entries.length;
    await db
      .insertInto("engagement_impact")
      .values({
        engagement_id,
        before_assessment_id: before,
        after_assessment_id: after,
        mean_change: meanChange,
        capabilities_measured: entries.length,
        measured_at: NOW,
      })
      .execute();
    await db
      .insertInto("engagement_impact_capability")
      .values(
        entries.map(([capability_id, [before_maturity, after_maturity]]) => ({
          engagement_id,
          capability_id,
          before_maturity,
          after_maturity,
        })),
      )
      .execute();
  };

  // London requests from RF4.
  // rL1: 10 days to a match; session held, learning, re-assessed (+2 on W1, +1 on W8: mean +1.5).
  await request("rL1", "RF4", at("2026-01-05"), ["c1", "c2"]);
  await match("mL1", "rL1", "oW", at("2026-01-15"), "accepted");
  await engagement("eL1", "mL1", "rL1", "oW", "RF4", "RWK", at("2026-03-01"));
  await session("sL1", "eL1", "held");
  await learning("lL1", "eL1", "RF4");
  await impact("eL1", "a1", "a2", { c1: [1, 3], c2: [1, 2] });
  // rL2: 69 days; session held, learning, ended but not re-assessed: awaiting.
  await request("rL2", "RF4", at("2026-02-01", "00:00"), ["c1", "c3"]);
  await match("mL2", "rL2", "oW", at("2026-04-11", "00:00"), "accepted");
  await engagement("eL2", "mL2", "rL2", "oW", "RF4", "RWK", at("2026-04-30"));
  await session("sL2", "eL2", "held");
  await learning("lL2", "eL2", "RWK");
  // rL3: first match approved after 2 days and declined; a second match awaits the pioneer.
  await request("rL3", "RF4", at("2026-03-01"), ["c1"]);
  await match("mL3a", "rL3", "oW", at("2026-03-03"), "declined");
  await match("mL3b", "rL3", "oX", at("2026-03-21"), "approved");
  // rL4: its only match, approved after 2 days, was cancelled: not matched, but it did wait 2 days.
  await request("rL4", "RF4", at("2026-03-10"), ["c1"]);
  await match("mL4", "rL4", "oW", at("2026-03-12"), "cancelled");
  // rL5: submitted before the period, matched in it after 20 days.
  await request("rL5", "RF4", at("2025-12-20"), ["c1"]);
  await match("mL5", "rL5", "oW", at("2026-01-09"), "accepted");
  // rL6 is a draft; rL7 is submitted after the period.
  await request("rL6", "RF4", null, ["c1"]);
  await request("rL7", "RF4", at("2026-07-05"), ["c1"]);
  // rL8: matched after 1 day; learning recorded but no session held yet, so it stops at "matched".
  await request("rL8", "RF4", at("2026-05-01"), ["c2"]);
  await match("mL8", "rL8", "oW2", at("2026-05-02"), "accepted");
  await engagement("eL8", "mL8", "rL8", "oW2", "RF4", "RWK", null);
  await session("sL8", "eL8", "planned");
  await learning("lL8", "eL8", "RF4");

  // North West requests from RNW.
  // rN1: 5 days; held, learning, re-assessed (-1 on W1, 0 on QSIR-MFI: mean -0.5).
  await request("rN1", "RNW", at("2026-02-10", "12:00"), ["c1", "c3"]);
  await match("mN1", "rN1", "oX", at("2026-02-15", "12:00"), "accepted");
  await engagement("eN1", "mN1", "rN1", "oX", "RNW", "RXX", at("2026-04-01"));
  await session("sN1", "eN1", "held");
  await learning("lN1", "eN1", "RNW");
  await impact("eN1", "a6", "a7", { c1: [3, 2], c3: [2, 2] });
  // rN2: no match yet.
  await request("rN2", "RNW", at("2026-04-01"), ["c2"]);
  // rN3: everything happened before the period.
  await request("rN3", "RNW", at("2025-10-01"), ["c2"]);
  await match("mN3", "rN3", "oX", at("2025-10-05"), "accepted");
  await engagement("eN3", "mN3", "rN3", "oX", "RNW", "RXX", at("2025-11-01"));
  await impact("eN3", "a6", "a7", { c2: [1, 2] });
}

describe.each(testEngines())("coordinator dashboard on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  describe("funnel", () => {
    it("counts requests submitted in the period and how far each got, each step within the one before", async () => {
      expect(await funnelCounts(t.db, query(NATIONAL))).toEqual({
        submitted: 7,
        matched: 5,
        sessionHeld: 3,
        learningRecorded: 3,
        reassessed: 2,
      });
    });

    it("keeps a regional coordinator to their own region", async () => {
      expect(await funnelCounts(t.db, query(LONDON))).toEqual({
        submitted: 5,
        matched: 4,
        sessionHeld: 2,
        learningRecorded: 2,
        reassessed: 1,
      });
      expect(await funnelCounts(t.db, query(NORTH_WEST))).toEqual({
        submitted: 2,
        matched: 1,
        sessionHeld: 1,
        learningRecorded: 1,
        reassessed: 1,
      });
      expect(await funnelCounts(t.db, query({ kind: "icb", code: "QOP" }))).toEqual({
        submitted: 2,
        matched: 1,
        sessionHeld: 1,
        learningRecorded: 1,
        reassessed: 1,
      });
    });

    it("counts only requests submitted within the period", async () => {
      expect(await funnelCounts(t.db, query(LONDON, { from: "2026-04-01" }))).toEqual({
        submitted: 1,
        matched: 1,
        sessionHeld: 0,
        learningRecorded: 0,
        reassessed: 0,
      });
      expect(await funnelCounts(t.db, query(LONDON, { from: "2026-07-01", to: "2026-07-31" }))).toEqual({
        submitted: 1,
        matched: 0,
        sessionHeld: 0,
        learningRecorded: 0,
        reassessed: 0,
      });
    });
  });

  describe("time from request to approved match", () => {
    it("summarises days to the first approval by the quarter it was approved in", async () => {
      const timing = await requestToMatch(t.db, query(NATIONAL));
      // 2026-Q1: 10, 2, 2, 20 (London) and 5 (North West); 2026-Q2: 69 and 1.
      expect(timing.byQuarter).toEqual([
        { quarter: "2026-Q1", matches: 5, medianDays: 5, p90Days: 16 },
        { quarter: "2026-Q2", matches: 2, medianDays: 35, p90Days: 62.2 },
      ]);
      expect(timing.overall).toEqual({ matches: 7, medianDays: 5, p90Days: 39.6 });
    });

    it("narrows to the region and the period, listing a quarter without approvals as empty", async () => {
      const london = await requestToMatch(t.db, query(LONDON));
      expect(london.byQuarter[0]).toEqual({ quarter: "2026-Q1", matches: 4, medianDays: 6, p90Days: 17 });
      const northWestLater = await requestToMatch(t.db, query(NORTH_WEST, { from: "2026-04-01", to: "2026-09-30" }));
      expect(northWestLater.byQuarter).toEqual([
        { quarter: "2026-Q2", matches: 0, medianDays: null, p90Days: null },
        { quarter: "2026-Q3", matches: 0, medianDays: null, p90Days: null },
      ]);
      expect(northWestLater.overall).toEqual({ matches: 0, medianDays: null, p90Days: null });
    });
  });

  describe("pioneer load", () => {
    it("lists this quarter's places against capacity, busiest first, leaving out closed offers with nothing taken", async () => {
      const load = await pioneerLoad(t.db, { scope: NATIONAL, today: "2026-05-15" });
      expect(load.quarter).toBe("2026-Q2");
      expect(load.offers.map((o) => [o.offerId, o.approved, o.capacity])).toEqual([
        ["oW", 2, 2],
        ["oWclosedBusy", 1, 1],
        ["oX", 1, 3],
        ["oW2", 0, 4],
        ["oZ", 0, 0],
      ]);
    });

    it("shows only the offers of pioneers in the region", async () => {
      const load = await pioneerLoad(t.db, { scope: NORTH_WEST, today: "2026-05-15" });
      expect(load.offers.map((o) => o.offerId)).toEqual(["oX", "oZ"]);
    });
  });

  describe("capability heatmap", () => {
    it("counts open organisations by the level their latest assessment gives each capability", async () => {
      const heatmap = await capabilityHeatmap(t.db, { scope: NATIONAL });
      expect(heatmap.organisations).toBe(5);
      expect(heatmap.assessedOrganisations).toBe(4);
      expect(
        heatmap.rows.map((r) => [r.code, r.domainName, r.counts, r.assessed, r.mean, r.gaps, r.strengths, r.retired]),
      ).toEqual([
        ["W1", "Well-led", [0, 1, 1, 1, 1], 4, 3.5, 1, 2, false],
        ["W8", "Well-led", [0, 1, 1, 2, 0], 4, 3.25, 1, 2, false],
        ["QSIR-MFI", "QSIR", [0, 2, 1, 0, 1], 4, 3, 2, 1, false],
        ["QSIR-OLD", "QSIR", [0, 0, 1, 0, 0], 1, 3, 0, 0, true],
      ]);
    });

    it("covers only the region's organisations for a regional view, listing unscored capabilities with no mean", async () => {
      const heatmap = await capabilityHeatmap(t.db, { scope: LONDON });
      expect(heatmap.organisations).toBe(3);
      expect(heatmap.assessedOrganisations).toBe(2);
      expect(heatmap.rows.map((r) => [r.code, r.counts, r.mean])).toEqual([
        ["W1", [0, 1, 0, 0, 1], 3.5],
        ["W8", [0, 0, 0, 2, 0], 4],
        ["QSIR-MFI", [0, 1, 1, 0, 0], 2.5],
        ["QSIR-OLD", [0, 0, 1, 0, 0], 3],
      ]);
      const nobody = await capabilityHeatmap(t.db, { scope: { kind: "icb", code: "QZZ" } });
      expect(nobody.organisations).toBe(0);
      expect(nobody.rows.map((r) => [r.code, r.assessed, r.mean])).toEqual([
        ["W1", 0, null],
        ["W8", 0, null],
        ["QSIR-MFI", 0, null],
      ]);
    });
  });

  describe("impact", () => {
    it("gives the mean change by offer format and by capability, with ended engagements awaiting re-assessment counted apart", async () => {
      const impact = await impactSummary(t.db, query(NATIONAL));
      expect({
        ended: impact.ended,
        measured: impact.measured,
        meanChange: impact.meanChange,
        awaiting: impact.awaiting,
      }).toEqual({ ended: 3, measured: 2, meanChange: 0.5, awaiting: 1 });
      expect(impact.byFormat.map((r) => [r.key, r.measured, r.meanChange, r.awaiting])).toEqual([
        ["site_visit", 1, 1.5, 1],
        ["mentoring", 1, -0.5, 0],
      ]);
      expect(impact.byCapability.map((r) => [r.code, r.measured, r.meanChange, r.awaiting])).toEqual([
        ["W1", 2, 0.5, 1],
        ["W8", 1, 1, 0],
        // Measured with no change is 0; it is not the same as not measured.
        ["QSIR-MFI", 1, 0, 1],
      ]);
      // The virtual offer's engagement has not ended, and the old format was never used: neither is listed.
      expect(impact.byFormat.some((r) => r.key === "virtual" || r.key === "old_format")).toBe(false);
    });

    it("shows a capability with only engagements awaiting re-assessment as missing, never as zero change", async () => {
      const impact = await impactSummary(t.db, query(LONDON));
      expect({
        ended: impact.ended,
        measured: impact.measured,
        meanChange: impact.meanChange,
        awaiting: impact.awaiting,
      }).toEqual({ ended: 2, measured: 1, meanChange: 1.5, awaiting: 1 });
      const mfi = impact.byCapability.find((r) => r.code === "QSIR-MFI");
      expect(mfi).toMatchObject({ measured: 0, meanChange: null, awaiting: 1 });
    });

    it("counts engagements by the date they ended", async () => {
      const before = await impactSummary(t.db, query(NORTH_WEST, { from: "2025-10-01", to: "2025-12-31" }));
      expect({ ended: before.ended, measured: before.measured, meanChange: before.meanChange }).toEqual({
        ended: 1,
        measured: 1,
        meanChange: 1,
      });
      const none = await impactSummary(t.db, query(NORTH_WEST, { from: "2026-05-01" }));
      expect({
        ended: none.ended,
        measured: none.measured,
        meanChange: none.meanChange,
        awaiting: none.awaiting,
      }).toEqual({ ended: 0, measured: 0, meanChange: null, awaiting: 0 });
    });
  });

  describe("filters", () => {
    const national: Actor = {
      id: "n",
      role: "coordinator",
      organisationId: null,
      scope: { kind: "national", code: null },
    };
    const admin: Actor = { id: "a", role: "admin", organisationId: null, scope: null };
    const northWest: Actor = { id: "nw", role: "coordinator", organisationId: null, scope: NORTH_WEST };
    const read = (actor: Actor, params: Record<string, string>) =>
      readDashboardRequest(t.db, actor, new URLSearchParams(params), "2026-05-15");

    it("lets a national coordinator or an admin narrow to a region, and defaults to the last twelve months", async () => {
      const narrowed = await read(national, { region: "Y56" });
      expect(narrowed.ok && narrowed.query).toEqual({
        scope: LONDON,
        from: "2025-05-16",
        to: "2026-05-15",
        today: "2026-05-15",
      });
      const all = await read(admin, { from: "2026-01-01", to: "2026-06-30" });
      expect(all.ok && all.query.scope).toEqual(NATIONAL);
      expect(all.ok && all.regions?.map((r) => r.code)).toEqual(["Y56", "Y62"]);
    });

    it("never moves a regional coordinator out of their region", async () => {
      const result = await read(northWest, { region: "Y56" });
      expect(result.ok && result.query.scope).toEqual(NORTH_WEST);
      expect(result.regions).toBeNull();
      const snapshot = await buildDashboard(t.db, result.ok ? result.query : query(NATIONAL));
      // rN1, rN2 and rN3 fall in the default period; none of London's requests are counted.
      expect(snapshot.funnel.submitted).toBe(3);
      expect(snapshot.scopeName).toBe("North West");
    });

    it("refuses an unknown region and a period that ends before it starts", async () => {
      expect(await read(national, { region: "Y99" })).toMatchObject({
        ok: false,
        errors: { region: "Select a region from the list" },
      });
      expect(await read(national, { from: "2026-03-01", to: "2026-02-01" })).toMatchObject({
        ok: false,
        errors: { to: "The end of the period must be the same as or after the start" },
      });
      expect(await read(national, { from: "2026-02-30" })).toMatchObject({
        ok: false,
        errors: { from: expect.stringContaining("real date") },
      });
    });
  });

  describe("snapshot and CSV", () => {
    let snapshot: DashboardSnapshot;
    beforeEach(async () => {
      snapshot = await buildDashboard(t.db, query(LONDON));
    });

    it("names the scope and gathers every section", async () => {
      expect(snapshot.scopeName).toBe("London");
      expect(snapshot.funnel.submitted).toBe(5);
      expect(snapshot.load.offers).toHaveLength(3);
    });

    it("writes the funnel as CSV with a header row", () => {
      expect(parse(dashboardCsv("funnel", snapshot))).toEqual([
        ["Step", "Requests", "Percentage of submitted", "Percentage of previous step"],
        ["Submitted", "5", "100", ""],
        ["Matched", "4", "80", "80"],
        ["Session held", "2", "40", "50"],
        ["Learning recorded", "2", "40", "100"],
        ["Re-assessed", "1", "20", "50"],
      ]);
    });

    it("leaves a missing mean change empty in the CSV rather than writing 0", () => {
      expect(parse(dashboardCsv("impact-capability", snapshot))).toEqual([
        [
          "Capability code",
          "Capability",
          "Engagements measured",
          "Mean change in maturity",
          "Engagements awaiting re-assessment",
        ],
        ["W1", "Capability W1", "1", "2", "1"],
        ["W8", "Capability W8", "1", "1", "0"],
        ["QSIR-MFI", "Capability QSIR-MFI", "0", "", "1"],
      ]);
    });

    it("lists every offer in the load CSV and guards text that a spreadsheet would run", async () => {
      await t.db
        .updateTable("offer")
        .set({ title: '=HYPERLINK("http://example.org")' })
        .where("id", "=", "oW")
        .execute();
      const rows = parse(dashboardCsv("load", await buildDashboard(t.db, query(LONDON)))) as string[][];
      expect(rows[0]).toEqual([
        "Organisation",
        "Offer",
        "Offer status",
        "Quarter",
        "Places approved",
        "Capacity per quarter",
        "Percentage of capacity",
      ]);
      expect(rows.slice(1)).toEqual([
        ["East London Trust", '\'=HYPERLINK("http://example.org")', "published", "Q1 2026/27", "2", "2", "100"],
        ["East London Trust", "Offer oWclosedBusy", "closed", "Q1 2026/27", "1", "1", "100"],
        ["East London Trust", "Offer oW2", "paused", "Q1 2026/27", "0", "4", "0"],
      ]);
    });
  });

  describe("snapshot cache", () => {
    it("serves one snapshot within its time to live, shared by concurrent requests, and reads afresh after", async () => {
      let clock = 0;
      let builds = 0;
      const cache = createSnapshotCache<DashboardSnapshot>({ ttlMs: 60_000, now: () => clock });
      const get = () =>
        cache.get("london", () => {
          builds += 1;
          return buildDashboard(t.db, query(LONDON));
        });
      const [first, concurrent] = await Promise.all([get(), get()]);
      expect(builds).toBe(1);
      expect(concurrent).toBe(first);
      expect(first.funnel.submitted).toBe(5);

      await requestRow(t.db, {
        id: "rLate",
        organisation_id: "RF4",
        title: "Late",
        window_end: "2026-12-31",
        created_by: "u-RF4",
        created_at: NOW,
        updated_at: NOW,
        submitted_at: at("2026-05-10"),
      });
      clock = 59_999;
      expect((await get()).funnel.submitted).toBe(5);
      clock = 60_000;
      expect((await get()).funnel.submitted).toBe(6);
      expect(builds).toBe(2);
    });

    it("does not keep a failed build", async () => {
      const cache = createSnapshotCache<number>({ ttlMs: 60_000, now: () => 0 });
      await expect(cache.get("k", () => Promise.reject(new Error("database unavailable")))).rejects.toThrow(
        "database unavailable",
      );
      expect(await cache.get("k", async () => 42)).toBe(42);
    });
  });
});
