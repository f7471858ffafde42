import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { offerCapabilityRule } from "~/domain/offer-rules";
import { learningSearch } from "~/models/learning/search/index.server";
import { latestMaturityOf } from "~/models/offer/offers.server";
import { Progress } from "../../scripts/lib/scale/progress";
import { ScaledDataPresent, scaledOrganisations, seedScale, type ScaleRun } from "../../scripts/lib/scale/seed";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const TODAY = "2026-03-02";
const RUN: ScaleRun = { orgs: 40, requests: 200, learning: 300, seed: 7, append: false, today: TODAY };

const scaledOrganisationIds = (db: Kysely<Database>) =>
  db.selectFrom("organisation").select("id").where("ods_code", "like", "Z%");

describe.each(testEngines())("seeding at scale on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(engine);
    await seedScale(t.db, RUN, new Progress(null));
  });
  afterAll(async () => t.dispose());

  it("creates as many organisations, requests and learning entries as asked, with the demo accounts", async () => {
    const { db } = t;
    expect((await scaledOrganisations(db)).count).toBe(RUN.orgs);
    const requests = await db
      .selectFrom("help_request")
      .select(["status"])
      .where("organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    expect(requests).toHaveLength(RUN.requests);
    // Every stage of the lifecycle is represented.
    expect(new Set(requests.map((r) => r.status))).toEqual(
      new Set(["draft", "submitted", "needs_info", "matched", "in_progress", "completed", "withdrawn"]),
    );
    const entries = await db
      .selectFrom("learning_entry")
      .innerJoin("engagement", "engagement.id", "learning_entry.engagement_id")
      .select(["learning_entry.visibility"])
      .where("engagement.requester_organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    expect(entries).toHaveLength(RUN.learning);
    const privateShare = entries.filter((e) => e.visibility === "private").length / entries.length;
    expect(privateShare).toBeGreaterThan(0.1);
    expect(privateShare).toBeLessThan(0.3);
    expect(
      await db.selectFrom("app_user").select("id").where("email", "=", "coordinator@example.org").executeTakeFirst(),
    ).toBeDefined();
    const pioneers = await db
      .selectFrom("organisation")
      .select("id")
      .where("ods_code", "like", "Z%")
      .where("offers_outreach", "=", 1)
      .execute();
    expect(pioneers.length).toBeGreaterThanOrEqual(3);
    expect(pioneers.length).toBeLessThanOrEqual(8);
  });

  it("never fills an offer beyond its capacity in any quarter, and counts every place taken", async () => {
    const { db } = t;
    const loads = await db
      .selectFrom("offer_quarter_load")
      .innerJoin("offer", "offer.id", "offer_quarter_load.offer_id")
      .select([
        "offer_quarter_load.offer_id",
        "offer_quarter_load.quarter",
        "offer_quarter_load.approved",
        "offer.capacity_per_quarter",
      ])
      .execute();
    expect(loads.length).toBeGreaterThan(0);
    for (const load of loads) expect(load.approved).toBeLessThanOrEqual(load.capacity_per_quarter);
    const matches = await db
      .selectFrom("outreach_match")
      .select(["offer_id", "quarter"])
      .where("status", "in", ["approved", "accepted", "cancelled"])
      .execute();
    const counted = new Map<string, number>();
    for (const m of matches)
      counted.set(`${m.offer_id} ${m.quarter}`, (counted.get(`${m.offer_id} ${m.quarter}`) ?? 0) + 1);
    expect(new Map(loads.map((l) => [`${l.offer_id} ${l.quarter}`, l.approved]))).toEqual(counted);
  });

  it("fills offers up to capacity and no further when requests outnumber places", async () => {
    const crowded = await freshDatabase(engine);
    try {
      // One pioneer among ten trusts, 400 requests: far more would reach a match than there are places.
      await seedScale(crowded.db, { ...RUN, orgs: 10, requests: 400, learning: 0 });
      const loads = await crowded.db
        .selectFrom("offer_quarter_load")
        .innerJoin("offer", "offer.id", "offer_quarter_load.offer_id")
        .select(["offer_quarter_load.approved", "offer.capacity_per_quarter"])
        .where("offer.organisation_id", "in", scaledOrganisationIds(crowded.db))
        .execute();
      expect(loads.some((l) => l.approved === l.capacity_per_quarter)).toBe(true);
      for (const load of loads) expect(load.approved).toBeLessThanOrEqual(load.capacity_per_quarter);
      const requests = await crowded.db
        .selectFrom("help_request")
        .select("id")
        .where("organisation_id", "in", scaledOrganisationIds(crowded.db))
        .execute();
      expect(requests).toHaveLength(400);
    } finally {
      await crowded.dispose();
    }
  });

  it("teaches in offers only what the pioneer's latest assessment rates established or better", async () => {
    const { db } = t;
    const offers = await db
      .selectFrom("offer")
      .select(["id", "organisation_id"])
      .where("organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    expect(offers.length).toBeGreaterThan(0);
    for (const offer of offers) {
      const capabilities = await db
        .selectFrom("offer_capability")
        .select("capability_id")
        .where("offer_id", "=", offer.id)
        .execute();
      const claims = capabilities.map((c) => ({ capabilityId: c.capability_id, name: c.capability_id, evidence: "" }));
      expect(offerCapabilityRule(claims, await latestMaturityOf(db, offer.organisation_id))).toEqual([]);
    }
  });

  it("keeps each engagement's match and request consistent with how the engagement stands", async () => {
    const { db } = t;
    const rows = await db
      .selectFrom("engagement")
      .innerJoin("outreach_match", "outreach_match.id", "engagement.match_id")
      .innerJoin("help_request", "help_request.id", "engagement.request_id")
      .select([
        "engagement.id",
        "engagement.status",
        "engagement.opened_at",
        "engagement.ended_at",
        "outreach_match.status as match_status",
        "outreach_match.approved_at",
        "help_request.status as request_status",
      ])
      .where("engagement.requester_organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["active", "completed", "stopped"]));
    for (const r of rows) {
      expect(r.match_status).toBe(r.status === "stopped" ? "cancelled" : "accepted");
      const expected = {
        active: ["matched", "in_progress"],
        completed: ["completed"],
        stopped: ["submitted", "withdrawn"],
      }[r.status];
      expect(expected).toContain(r.request_status);
      expect(r.opened_at > r.approved_at).toBe(true);
      if (r.status === "active") expect(r.ended_at).toBeNull();
      else expect(r.ended_at! > r.opened_at).toBe(true);
    }
    // In progress means a session was held; matched means none was yet.
    const scaledEngagements = db
      .selectFrom("engagement")
      .select("id")
      .where("requester_organisation_id", "in", scaledOrganisationIds(db));
    const held = await db
      .selectFrom("outreach_session")
      .select(["engagement_id", "starts_at"])
      .where("status", "=", "held")
      .where("engagement_id", "in", scaledEngagements)
      .execute();
    const withHeld = new Set(held.map((h) => h.engagement_id));
    const active = await db
      .selectFrom("engagement")
      .innerJoin("help_request", "help_request.id", "engagement.request_id")
      .select(["engagement.id", "help_request.status"])
      .where("engagement.status", "=", "active")
      .where("engagement.id", "in", scaledEngagements)
      .execute();
    for (const a of active) expect(withHeld.has(a.id)).toBe(a.status === "in_progress");
    // Nothing claims to have happened after the day the data set ends.
    expect(held.filter((h) => h.starts_at >= TODAY)).toEqual([]);
  });

  it("measures impact only between an assessment before the engagement and a re-assessment after it ended", async () => {
    const { db } = t;
    const impacts = await db
      .selectFrom("engagement_impact")
      .innerJoin("engagement", "engagement.id", "engagement_impact.engagement_id")
      .innerJoin("assessment as before", "before.id", "engagement_impact.before_assessment_id")
      .innerJoin("assessment as after", "after.id", "engagement_impact.after_assessment_id")
      .select([
        "engagement.id",
        "engagement.status",
        "engagement.opened_at",
        "engagement.ended_at",
        "engagement.requester_organisation_id",
        "engagement_impact.mean_change",
        "engagement_impact.capabilities_measured",
        "before.organisation_id as before_organisation",
        "before.assessed_on as before_on",
        "after.organisation_id as after_organisation",
        "after.assessed_on as after_on",
      ])
      .where("engagement.requester_organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    const completed = await db
      .selectFrom("engagement")
      .select("id")
      .where("status", "=", "completed")
      .where("requester_organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    expect(impacts.length).toBeGreaterThan(completed.length * 0.3);
    expect(impacts.length).toBeLessThan(completed.length);
    for (const i of impacts) {
      expect(i.status).toBe("completed");
      expect(i.before_organisation).toBe(i.requester_organisation_id);
      expect(i.after_organisation).toBe(i.requester_organisation_id);
      expect(i.before_on <= i.opened_at.slice(0, 10)).toBe(true);
      expect(i.after_on >= i.ended_at!.slice(0, 10)).toBe(true);
      const capabilities = await db
        .selectFrom("engagement_impact_capability")
        .select(["capability_id", "before_maturity", "after_maturity"])
        .where("engagement_id", "=", i.id)
        .execute();
      expect(capabilities).toHaveLength(i.capabilities_measured);
      const mean = capabilities.reduce((sum, c) => sum + c.after_maturity - c.before_maturity, 0) / capabilities.length;
      expect(Number(i.mean_change)).toBeCloseTo(mean, 3);
    }
    // Help shows: on average the targeted capabilities improved.
    expect(impacts.reduce((sum, i) => sum + Number(i.mean_change), 0) / impacts.length).toBeGreaterThan(0.2);
  });

  it("makes every shared learning entry findable through the search, and no private one", async () => {
    const { db } = t;
    const entries = await db
      .selectFrom("learning_entry")
      .innerJoin("engagement", "engagement.id", "learning_entry.engagement_id")
      .select(["learning_entry.id", "learning_entry.title", "learning_entry.visibility"])
      .where("engagement.requester_organisation_id", "in", scaledOrganisationIds(db))
      .execute();
    expect(entries).toHaveLength(RUN.learning);
    const search = learningSearch(db);
    for (const entry of entries) {
      const result = await search.search(db, { query: entry.title, page: 1, pageSize: 1_000 });
      expect(result.hits.some((h) => h.id === entry.id)).toBe(entry.visibility === "shared");
    }
  });

  it("refuses to add a second scaled data set unless appending, and appends after the last code", async () => {
    const { db } = t;
    const small = { ...RUN, orgs: 3, requests: 5, learning: 0 };
    await expect(seedScale(db, small)).rejects.toThrow(ScaledDataPresent);
    expect((await scaledOrganisations(db)).count).toBe(RUN.orgs);
    await seedScale(db, { ...small, append: true });
    const scaled = await scaledOrganisations(db);
    expect(scaled).toEqual({ count: RUN.orgs + 3, highest: RUN.orgs + 3 });
  });
});

/**
 * The scaled rows of a database in a form two databases can be compared in: demo rows are left
 * out (they carry the clock), and ids of demo accounts and capabilities, which differ between
 * databases, are replaced by their email or code.
 */
async function scaledContent(db: Kysely<Database>) {
  const names = new Map<string, string>();
  for (const u of await db.selectFrom("app_user").select(["id", "email"]).execute()) names.set(u.id, u.email);
  for (const c of await db.selectFrom("capability").select(["id", "code"]).execute()) names.set(c.id, c.code);
  const stable = (rows: Record<string, unknown>[]) =>
    rows
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            k === "password_hash" ? "" : typeof v === "string" ? (names.get(v) ?? v) : v,
          ]),
        ),
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const scaled = scaledOrganisationIds(db);
  const requests = db.selectFrom("help_request").select("id").where("organisation_id", "in", scaled);
  const engagements = db.selectFrom("engagement").select("id").where("requester_organisation_id", "in", scaled);
  const assessments = db.selectFrom("assessment").select("id").where("organisation_id", "in", scaled);
  return {
    organisations: stable(
      await db.selectFrom("organisation").selectAll().where("id", "in", scaled).orderBy("id").execute(),
    ),
    users: stable(
      await db.selectFrom("app_user").selectAll().where("organisation_id", "in", scaled).orderBy("id").execute(),
    ),
    scores: stable(
      await db
        .selectFrom("assessment_score")
        .selectAll()
        .where("assessment_id", "in", assessments)
        .orderBy("assessment_id")
        .orderBy("capability_id")
        .execute(),
    ),
    offers: stable(
      await db.selectFrom("offer").selectAll().where("organisation_id", "in", scaled).orderBy("id").execute(),
    ),
    requests: stable(
      await db.selectFrom("help_request").selectAll().where("organisation_id", "in", scaled).orderBy("id").execute(),
    ),
    events: stable(
      await db.selectFrom("help_request_event").selectAll().where("request_id", "in", requests).orderBy("id").execute(),
    ),
    matches: stable(
      await db.selectFrom("outreach_match").selectAll().where("request_id", "in", requests).orderBy("id").execute(),
    ),
    sessions: stable(
      await db
        .selectFrom("outreach_session")
        .selectAll()
        .where("engagement_id", "in", engagements)
        .orderBy("id")
        .execute(),
    ),
    entries: stable(
      await db
        .selectFrom("learning_entry")
        .selectAll()
        .where("engagement_id", "in", engagements)
        .orderBy("id")
        .execute(),
    ),
    impacts: stable(
      await db
        .selectFrom("engagement_impact")
        .selectAll()
        .where("engagement_id", "in", engagements)
        .orderBy("engagement_id")
        .execute(),
    ),
  };
}

describe.each(testEngines())("seeding at scale with a seed on %s", (engine) => {
  const run: ScaleRun = { orgs: 12, requests: 60, learning: 80, seed: 99, append: false, today: TODAY };
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.dispose();
  });

  it("writes the same data for the same seed, and different data for another", async () => {
    const seeded = async (seed: number) => {
      const d = await freshDatabase(engine);
      databases.push(d);
      await seedScale(d.db, { ...run, seed });
      return scaledContent(d.db);
    };
    const first = await seeded(run.seed);
    const second = await seeded(run.seed);
    expect(first.entries).toHaveLength(run.learning);
    expect(second).toEqual(first);
    const other = await seeded(run.seed + 1);
    expect(other.requests).toHaveLength(run.requests);
    expect(other.requests).not.toEqual(first.requests);
  });
});

describe("npm run seed: the command line", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-seed-cli-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function seed(args: string[], file: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", path.join(root, "scripts/seed-scale.ts"), ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  it.each([
    [["--orgs", "-3"], /--orgs must be 0 or more, not -3/],
    [["--requests", "1.5"], /--requests must be a whole number, not "1\.5"/],
    [["--learning", "lots"], /--learning must be a whole number, not "lots"/],
    [["--org", "5"], /Unknown option '--org'/],
    [["--orgs"], /--orgs/],
    [["--orgs", "1", "--learning", "10"], /--learning needs engagements/],
    [["--orgs", "10000"], /--orgs must be at most 9999/],
  ])("refuses %j with exit code 2, one clear line and nothing written", async (args, message) => {
    const file = path.join(dir, `bad-${args.join("_")}.db`);
    const run = await seed(args, file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe("");
    expect(fs.existsSync(file)).toBe(false);
  });

  it("explains its options with --help and writes nothing", async () => {
    const file = path.join(dir, "help.db");
    const run = await seed(["--help"], file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--append/);
    expect(run.stdout).toMatch(/--seed N/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
