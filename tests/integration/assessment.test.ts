import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assessmentHistory,
  latestAgainstPrevious,
  latestAssessment,
  latestProfiles,
  latestReadiness,
  latestScoresForOrganisation,
  recordAssessment,
  type NewAssessment,
} from "~/models/assessment/assessments.server";
import { listActiveCapabilities, retireCapability } from "~/models/framework/framework.server";
import { seedFramework } from "../../db/seed/framework";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { organisation, user } from "../support/factories";
import { Forbidden, Refused } from "~/lib/errors";
import { assessmentRefusalField } from "~/schemas/assessment";
import type { Actor } from "~/auth/policy";

const now = new Date().toISOString();
const admin: Actor = { id: "u-admin", role: "admin", organisationId: null, scope: null };
const FACTORS = ["board_sponsorship", "protected_time", "improvement_team", "data_support"];

describe.each(testEngines())("capability self-assessment on %s", (engine) => {
  let t: TestDatabase;
  let capabilityIds: string[];
  let orgId: string;
  let userId: string;

  async function addOrganisation(odsCode: string): Promise<string> {
    const id = `org-${odsCode}`;
    await organisation(t.db, { id, ods_code: odsCode, name: `Trust ${odsCode}`, created_at: now, updated_at: now });
    return id;
  }

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedFramework(t.db);
    capabilityIds = (await listActiveCapabilities(t.db)).map((c) => c.id);
    orgId = await addOrganisation("RF4");
    userId = "user-1";
    await user(t.db, {
      id: userId,
      email: "member@example.org",
      name: "Mo Member",
      password_hash: "-",
      organisation_id: orgId,
      created_at: now,
    });
  });
  afterEach(async () => t.dispose());

  /** The signed-in member recording, by default user-1 of RF4. */
  const recorder = (organisationId = orgId, id = userId): Actor => ({
    id,
    role: "member",
    organisationId,
    scope: null,
  });

  const idOf = async (code: string) =>
    (await t.db.selectFrom("capability").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;

  /** Every active capability scored `maturity` (or by function), every readiness factor 3. */
  const assessment = (
    overrides: Partial<NewAssessment> & { maturity?: number | ((capabilityId: string, i: number) => number) } = {},
  ): NewAssessment => {
    const { maturity = 2, ...rest } = overrides;
    return {
      organisationId: orgId,
      assessedOn: "2026-01-15",
      scores: capabilityIds.map((capabilityId, i) => ({
        capabilityId,
        maturity: typeof maturity === "function" ? maturity(capabilityId, i) : maturity,
        evidence: "",
      })),
      readiness: FACTORS.map((factorCode) => ({ factorCode, score: 3 })),
      note: "",
      ...rest,
    };
  };

  const counts = async () => ({
    assessments: (await t.db.selectFrom("assessment").select("id").execute()).length,
    scores: (await t.db.selectFrom("assessment_score").select("assessment_id").execute()).length,
    readiness: (await t.db.selectFrom("assessment_readiness").select("assessment_id").execute()).length,
  });

  const problemOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => {
        if (error instanceof Refused)
          return { field: assessmentRefusalField(error.code ?? "") ?? "form", message: error.message };
        throw error;
      },
    );

  it("seeds the framework once: a second run adds nothing and keeps an administrator's edits", async () => {
    expect(await counts()).toEqual({ assessments: 0, scores: 0, readiness: 0 });
    expect(capabilityIds).toHaveLength(26);
    const w5 = await idOf("W5");
    await t.db
      .updateTable("capability")
      .set({ name: "Risk and performance", retired_at: now })
      .where("id", "=", w5)
      .execute();
    await t.db
      .updateTable("capability_domain")
      .set({ name: "Well led (CQC)" })
      .where("name", "=", "Well-led")
      .execute();
    await t.db.updateTable("offer_format").set({ name: "Online session" }).where("code", "=", "virtual").execute();

    expect(await seedFramework(t.db)).toEqual({
      domains: 0,
      capabilities: 0,
      audienceLevels: 0,
      offerFormats: 0,
      readinessFactors: 0,
    });
    expect(await t.db.selectFrom("capability").select("id").execute()).toHaveLength(26);
    expect(await t.db.selectFrom("capability_domain").select("name").orderBy("position").execute()).toEqual([
      { name: "Well led (CQC)" },
      { name: "NHS IMPACT" },
      { name: "Improvement methods (QSIR)" },
      { name: "Operational improvement" },
    ]);
    expect(
      await t.db.selectFrom("capability").select(["name", "retired_at"]).where("id", "=", w5).executeTakeFirst(),
    ).toEqual({ name: "Risk and performance", retired_at: now });
    expect(
      (await t.db.selectFrom("offer_format").select("name").where("code", "=", "virtual").executeTakeFirstOrThrow())
        .name,
    ).toBe("Online session");

    // A capability missing from the database (a newer framework file) is added back, at the end of its domain.
    await t.db.deleteFrom("capability").where("code", "=", "OPS-FLOW").execute();
    expect((await seedFramework(t.db)).capabilities).toBe(1);
  });

  it("records an assessment with its scores and readiness, all together", async () => {
    const id = await recordAssessment(
      t.db,
      recorder(),
      assessment({
        note: " Agreed at the board workshop ",
        scores: capabilityIds.map((capabilityId) => ({
          capabilityId,
          maturity: 3,
          evidence: " Run charts in two divisions ",
        })),
      }),
    );
    expect(await counts()).toEqual({ assessments: 1, scores: 26, readiness: 4 });
    const latest = await latestAssessment(t.db, recorder(), orgId);
    expect(latest).toMatchObject({
      id,
      assessedOn: "2026-01-15",
      assessedByName: "Mo Member",
      note: "Agreed at the board workshop",
    });
    expect(latest?.scores).toHaveLength(26);
    expect(latest?.scores[0].evidence).toBe("Run charts in two divisions");
    expect(latest?.readiness.map((r) => r.factorCode).sort()).toEqual([...FACTORS].sort());
  });

  it("writes nothing when any part is wrong", async () => {
    const valid = assessment();
    const cases: [NewAssessment, string][] = [
      [
        {
          ...valid,
          scores: [...valid.scores.slice(1), { capabilityId: "no-such-capability", maturity: 3, evidence: "" }],
        },
        "form",
      ],
      [{ ...valid, scores: valid.scores.slice(1) }, `maturity-${capabilityIds[0]}`],
      [{ ...valid, scores: [...valid.scores, valid.scores[0]] }, `maturity-${capabilityIds[0]}`],
      [
        { ...valid, scores: valid.scores.map((s, i) => (i === 4 ? { ...s, maturity: 6 } : s)) },
        `maturity-${capabilityIds[4]}`,
      ],
      [{ ...valid, readiness: valid.readiness.slice(1) }, "readiness-board_sponsorship"],
      [{ ...valid, readiness: [...valid.readiness, { factorCode: "no_such_factor", score: 2 }] }, "form"],
      [{ ...valid, readiness: valid.readiness.map((r) => ({ ...r, score: 0 })) }, "readiness-board_sponsorship"],
      [{ ...valid, assessedOn: "2026-02-30" }, "assessedOn"],
    ];
    for (const [input, field] of cases)
      expect(await problemOf(recordAssessment(t.db, recorder(), input))).toMatchObject({ field });
    expect(await counts()).toEqual({ assessments: 0, scores: 0, readiness: 0 });
  });

  it("writes nothing when the database refuses the assessment", async () => {
    // Organisation and user come from the session, so only the database checks them.
    await expect(
      recordAssessment(t.db, recorder("no-such-organisation"), assessment({ organisationId: "no-such-organisation" })),
    ).rejects.toThrow();
    await expect(recordAssessment(t.db, recorder(orgId, "no-such-user"), assessment())).rejects.toThrow();
    expect(await counts()).toEqual({ assessments: 0, scores: 0, readiness: 0 });
  });

  it("shows an organisation's assessments only to its own people and its coordinators", async () => {
    await recordAssessment(t.db, recorder(), assessment());
    const other = await addOrganisation("RWK");
    const national: Actor = {
      id: "u-coord",
      role: "coordinator",
      organisationId: null,
      scope: { kind: "national", code: null },
    };
    expect(await assessmentHistory(t.db, national, orgId)).toHaveLength(1);
    expect((await latestAgainstPrevious(t.db, admin, orgId)).latest).not.toBeNull();
    // Another trust does not read this one's self-assessment, in any of its forms.
    await expect(latestAssessment(t.db, recorder(other), orgId)).rejects.toBeInstanceOf(Forbidden);
    await expect(assessmentHistory(t.db, recorder(other), orgId)).rejects.toBeInstanceOf(Forbidden);
    await expect(latestAgainstPrevious(t.db, recorder(other), orgId)).rejects.toBeInstanceOf(Forbidden);
  });

  it("refuses, in the model itself, an assessment recorded by anyone but the organisation's own people", async () => {
    const other = await addOrganisation("RWK");
    const national = { kind: "national" as const, code: null };
    const refused: Actor[] = [
      // A member of another trust speaks only for their own.
      recorder(other),
      { id: userId, role: "org_admin", organisationId: other, scope: null },
      // Coordinators and administrators read assessments; they never write them.
      { id: userId, role: "coordinator", organisationId: null, scope: national },
      admin,
    ];
    for (const actor of refused)
      await expect(recordAssessment(t.db, actor, assessment())).rejects.toBeInstanceOf(Forbidden);
    expect(await counts()).toEqual({ assessments: 0, scores: 0, readiness: 0 });
  });

  it("keeps every assessment in the history, newest first, with the mean maturity", async () => {
    await recordAssessment(t.db, recorder(), assessment({ assessedOn: "2025-03-01", maturity: 1 }));
    await recordAssessment(t.db, recorder(), assessment({ assessedOn: "2026-03-01", maturity: 3 }));
    // Recorded last but dated earliest: the history goes by the date assessed.
    await recordAssessment(
      t.db,
      recorder(),
      assessment({ assessedOn: "2024-03-01", maturity: (_, i) => (i % 2 === 0 ? 1 : 2) }),
    );
    const history = await assessmentHistory(t.db, recorder(), orgId);
    expect(history.map((h) => [h.assessedOn, h.meanMaturity, h.capabilitiesScored])).toEqual([
      ["2026-03-01", 3, 26],
      ["2025-03-01", 1, 26],
      ["2024-03-01", 1.5, 26],
    ]);
    expect(history[0].assessedByName).toBe("Mo Member");
    expect((await latestAssessment(t.db, recorder(), orgId))?.assessedOn).toBe("2026-03-01");
    const neverAssessed = await addOrganisation("RWK");
    expect(await assessmentHistory(t.db, recorder(neverAssessed), neverAssessed)).toEqual([]);
  });

  it("shows each capability's latest score against the previous one, with the change", async () => {
    const w1 = await idOf("W1");
    const w2 = await idOf("W2");
    await recordAssessment(
      t.db,
      recorder(),
      assessment({ assessedOn: "2025-06-01", maturity: (id) => (id === w1 ? 2 : id === w2 ? 4 : 3) }),
    );
    await recordAssessment(
      t.db,
      recorder(),
      assessment({
        assessedOn: "2026-06-01",
        maturity: (id) => (id === w1 ? 4 : id === w2 ? 3 : 3),
        readiness: FACTORS.map((factorCode) => ({ factorCode, score: 4 })),
      }),
    );
    const comparison = await latestAgainstPrevious(t.db, recorder(), orgId);
    expect(comparison.latest?.assessedOn).toBe("2026-06-01");
    expect(comparison.previous?.assessedOn).toBe("2025-06-01");
    expect(comparison.rows).toHaveLength(26);
    expect(comparison.rows[0]).toMatchObject({
      code: "W1",
      domainName: "Well-led",
      latest: 4,
      previous: 2,
      change: 2,
      retired: false,
    });
    expect(comparison.rows[1]).toMatchObject({ code: "W2", latest: 3, previous: 4, change: -1 });
    expect(comparison.rows[2]).toMatchObject({ code: "W3", latest: 3, previous: 3, change: 0 });
    expect(comparison.readiness[0]).toEqual({
      code: "board_sponsorship",
      name: "Board sponsorship",
      latest: 4,
      previous: 3,
      change: 1,
    });
  });

  it("has nothing to compare for an organisation with one assessment or none", async () => {
    expect(await latestAgainstPrevious(t.db, recorder(), orgId)).toMatchObject({ latest: null, previous: null });
    await recordAssessment(t.db, recorder(), assessment());
    const comparison = await latestAgainstPrevious(t.db, recorder(), orgId);
    expect(comparison.previous).toBeNull();
    expect(comparison.rows.every((r) => r.latest === 2 && r.previous === null && r.change === null)).toBe(true);
  });

  it("returns the latest profile and readiness of many organisations at once", async () => {
    const organisations: string[] = [];
    for (let i = 0; i < 60; i++) organisations.push(await addOrganisation(`R${String(i).padStart(3, "0")}`));
    for (const [i, id] of organisations.entries()) {
      await recordAssessment(
        t.db,
        recorder(id),
        assessment({ organisationId: id, assessedOn: "2025-01-01", maturity: 1 }),
      );
      if (i % 3 !== 0)
        await recordAssessment(
          t.db,
          recorder(id),
          assessment({
            organisationId: id,
            assessedOn: "2026-01-01",
            maturity: (i % 5) + 1,
            readiness: FACTORS.map((factorCode) => ({ factorCode, score: (i % 4) + 2 })),
          }),
        );
    }
    const neverAssessed = await addOrganisation("RNA");
    // More ids than one IN list holds, most of them unknown.
    const asked = [...organisations, neverAssessed, ...Array.from({ length: 700 }, (_, i) => `unknown-${i}`)];
    const profiles = await latestProfiles(t.db, asked);
    const readiness = await latestReadiness(t.db, asked);
    expect(profiles.size).toBe(60);
    expect(profiles.has(neverAssessed)).toBe(false);
    for (const [i, id] of organisations.entries()) {
      const scores = profiles.get(id)!;
      expect(scores.map((s) => s.capabilityId)).toEqual(capabilityIds);
      expect(new Set(scores.map((s) => s.maturity))).toEqual(new Set([i % 3 === 0 ? 1 : (i % 5) + 1]));
      expect(readiness.get(id)).toEqual(
        FACTORS.map((factorCode) => ({ factorCode, score: i % 3 === 0 ? 3 : (i % 4) + 2 })),
      );
    }
  });

  it("keeps a retired capability on old assessments but no longer asks for it", async () => {
    const w5 = await idOf("W5");
    await recordAssessment(t.db, recorder(), assessment({ assessedOn: "2025-06-01", maturity: 2 }));
    await retireCapability(t.db, admin, w5);
    capabilityIds = (await listActiveCapabilities(t.db)).map((c) => c.id);
    expect(capabilityIds).not.toContain(w5);

    // Scoring it now is refused; leaving it out is accepted.
    const withRetired = assessment({ assessedOn: "2026-06-01" });
    withRetired.scores.push({ capabilityId: w5, maturity: 3, evidence: "" });
    expect(await problemOf(recordAssessment(t.db, recorder(), withRetired))).toMatchObject({ field: "form" });
    await recordAssessment(t.db, recorder(), assessment({ assessedOn: "2026-06-01", maturity: 3 }));

    const comparison = await latestAgainstPrevious(t.db, recorder(), orgId);
    expect(comparison.rows).toHaveLength(26);
    expect(comparison.rows.find((r) => r.capabilityId === w5)).toMatchObject({
      retired: true,
      previous: 2,
      latest: null,
      change: null,
    });
    expect(
      await t.db.selectFrom("assessment_score").select("maturity").where("capability_id", "=", w5).execute(),
    ).toEqual([{ maturity: 2 }]);
  });

  it("suggests from the latest scores on capabilities still in use", async () => {
    const w5 = await idOf("W5");
    await recordAssessment(t.db, recorder(), assessment({ maturity: (id) => (id === w5 ? 1 : 3) }));
    expect((await latestScoresForOrganisation(t.db, orgId)).map((s) => s.capabilityId)).toEqual(capabilityIds);
    await retireCapability(t.db, admin, w5);
    expect((await latestScoresForOrganisation(t.db, orgId)).map((s) => s.capabilityId)).not.toContain(w5);
    // Matching still sees it: older requests may name it.
    expect((await latestProfiles(t.db, [orgId])).get(orgId)?.find((s) => s.capabilityId === w5)?.maturity).toBe(1);
    expect(await latestScoresForOrganisation(t.db, await addOrganisation("RWK"))).toEqual([]);
  });
});
