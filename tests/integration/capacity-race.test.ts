import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { coordinatingBody, offer, offerFormat, organisation, region, request, user } from "../support/factories";

/** What each approving worker prints: the match made, or the rule that refused it. */
type DecisionResult = { ok: true; matchId: string } | { ok: false; reason: string };

const NOW = "2026-11-29T09:00:00.000Z";
const QUARTER = "2026-Q4";
const coordinator: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "national", code: null },
};

/** A requesting trust, a pioneer with the given offers, and one proposal per (request, offer) pair. */
async function seed(
  db: Kysely<Database>,
  offers: { id: string; capacity: number }[],
  pairs: { request: string; offer: string }[],
) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await organisation(db, { id: "RF4", name: "RF4", region_code: "Y56", created_at: NOW, updated_at: NOW });
  await organisation(db, {
    id: "RWK",
    name: "RWK",
    region_code: "Y56",
    offers_outreach: 1,
    created_at: NOW,
    updated_at: NOW,
  });
  await coordinatingBody(db, { id: "national", name: "National team", scope: "national", scope_code: null });
  await user(db, {
    id: "coord",
    name: "Coordinator",
    role: "coordinator",
    coordinating_body_id: "national",
    created_at: NOW,
  });
  await user(db, { id: "req", name: "Requester", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "pio", name: "Pioneer", role: "org_admin", organisation_id: "RWK", created_at: NOW });
  await offerFormat(db, { code: "visit", name: "Site visit" });
  for (const o of offers) {
    await offer(db, {
      id: o.id,
      organisation_id: "RWK",
      title: o.id,
      format_code: "visit",
      capacity_per_quarter: o.capacity,
      created_by: "pio",
      created_at: NOW,
      updated_at: NOW,
    });
  }
  for (const id of new Set(pairs.map((p) => p.request))) {
    await request(db, {
      id,
      organisation_id: "RF4",
      title: id,
      window_start: "2026-10-01",
      window_end: "2026-12-31",
      created_by: "req",
      created_at: NOW,
      updated_at: NOW,
      submitted_at: NOW,
    });
  }
  await db
    .insertInto("match_round")
    .values({
      id: "round",
      scope: "national",
      scope_code: null,
      quarter: QUARTER,
      run_by: "coord",
      weights_json: "{}",
      summary_json: "{}",
      created_at: NOW,
    })
    .execute();
  const ids = pairs.map((_, i) => `p${i + 1}`);
  await db
    .insertInto("match_proposal")
    .values(
      pairs.map((p, i) => ({
        id: ids[i],
        round_id: "round",
        request_id: p.request,
        offer_id: p.offer,
        score: 0.5,
        explanation_json: "[]",
        alternatives_json: "[]",
        unmatched_reason: null,
        status: "proposed" as const,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
      })),
    )
    .execute();
  return ids;
}

interface WorkerOutcome {
  code: number | null;
  result: DecisionResult | null;
  output: string;
}

/** Starts one process per proposal, lets them all connect, then releases them at the same moment. */
async function raceApprovals(databaseUrl: string, proposalIds: string[]): Promise<WorkerOutcome[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-race-"));
  const goFile = path.join(dir, "go");
  try {
    const workers = proposalIds.map((proposalId) => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/approve-worker.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          GO_FILE: goFile,
          PROPOSAL_ID: proposalId,
          COORDINATOR: JSON.stringify(coordinator),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          output += chunk;
          if (output.includes("ready\n")) resolve();
        });
        child.on("exit", () => reject(new Error(`worker for ${proposalId} exited before it was ready:\n${output}`)));
      });
      child.stderr.on("data", (chunk) => (output += chunk));
      const done = new Promise<WorkerOutcome>((resolve) =>
        child.on("exit", (code) => {
          const line = output.split("\n").find((l) => l.startsWith("{"));
          resolve({ code, result: line ? (JSON.parse(line) as DecisionResult) : null, output });
        }),
      );
      return { ready, done };
    });
    await Promise.all(workers.map((w) => w.ready));
    fs.writeFileSync(goFile, "go");
    return await Promise.all(workers.map((w) => w.done));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testEngines())("approvals racing from several processes on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
  });
  afterEach(async () => t.dispose());

  it("six coordinators approving six requests for an offer with two places: exactly two succeed", async () => {
    const requests = ["r1", "r2", "r3", "r4", "r5", "r6"];
    const proposals = await seed(
      t.db,
      [{ id: "offer", capacity: 2 }],
      requests.map((request) => ({ request, offer: "offer" })),
    );
    const outcomes = await raceApprovals(t.url, proposals);

    for (const o of outcomes) expect(o.code, o.output).toBe(0);
    const results = outcomes.map((o) => o.result!);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(
      Array(4).fill("Offer is full this quarter"),
    );

    const matches = await t.db
      .selectFrom("outreach_match")
      .select(["proposal_id"])
      .where("offer_id", "=", "offer")
      .execute();
    const load = await t.db
      .selectFrom("offer_quarter_load")
      .select("approved")
      .where("offer_id", "=", "offer")
      .where("quarter", "=", QUARTER)
      .executeTakeFirstOrThrow();
    expect(matches).toHaveLength(2);
    expect(load.approved).toBe(matches.length);
    const approved = await t.db.selectFrom("match_proposal").select("id").where("status", "=", "approved").execute();
    expect(approved.map((p) => p.id).sort()).toEqual(matches.map((m) => m.proposal_id).sort());
    expect(await t.db.selectFrom("decision_log").select("id").execute()).toHaveLength(2);
  });

  it("four coordinators approving four offers for the same request: exactly one match is made", async () => {
    const offers = ["o1", "o2", "o3", "o4"].map((id) => ({ id, capacity: 3 }));
    const proposals = await seed(
      t.db,
      offers,
      offers.map((o) => ({ request: "r1", offer: o.id })),
    );
    const outcomes = await raceApprovals(t.url, proposals);

    for (const o of outcomes) expect(o.code, o.output).toBe(0);
    const results = outcomes.map((o) => o.result!);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(
      Array(3).fill("The request already has a match"),
    );
    expect(await t.db.selectFrom("outreach_match").select("id").execute()).toHaveLength(1);
    const loads = await t.db
      .selectFrom("offer_quarter_load")
      .select(["offer_id", "approved"])
      .where("approved", ">", 0)
      .execute();
    expect(loads).toHaveLength(1);
    expect(loads[0].approved).toBe(1);
  });
});
