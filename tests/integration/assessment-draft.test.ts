import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  latestAssessment,
  latestProfiles,
  latestScoresForOrganisation,
  recordAssessment,
} from "~/models/assessment/assessments.server";
import { readAssessmentDraft, saveAssessmentDraft } from "~/models/assessment/drafts.server";
import { listActiveCapabilities, listReadinessFactors } from "~/models/framework/framework.server";
import { latestAssessmentScores } from "~/models/request/queries.server";
import { seedFramework } from "../../db/seed/framework";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { organisation, user } from "../support/factories";
import { Forbidden } from "~/lib/errors";
import { evidenceField, maturityField } from "~/schemas/assessment";
import type { Actor } from "~/auth/policy";

const now = "2026-11-01T09:00:00.000Z";
const member = (organisationId: string, id: string): Actor => ({ id, role: "member", organisationId, scope: null });
const rf4 = member("org-RF4", "user-rf4");
const rwk = member("org-RWK", "user-rwk");

describe.each(testEngines())("assessment drafts on %s", (engine) => {
  let t: TestDatabase;
  let capabilityIds: string[];

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedFramework(t.db);
    capabilityIds = (await listActiveCapabilities(t.db)).map((c) => c.id);
    for (const actor of [rf4, rwk]) {
      const ods = actor.organisationId!.slice(4);
      await organisation(t.db, {
        id: actor.organisationId!,
        ods_code: ods,
        name: `Trust ${ods}`,
        created_at: now,
        updated_at: now,
      });
      await user(t.db, {
        id: actor.id,
        email: `${actor.id}@example.org`,
        name: actor.id,
        password_hash: "-",
        organisation_id: actor.organisationId,
        created_at: now,
      });
    }
  });
  afterEach(async () => t.dispose());

  const drafts = async () => (await t.db.selectFrom("assessment_draft").select("organisation_id").execute()).length;

  it("keeps a half-done form as typed, one draft per organisation, and reopens it", async () => {
    const [first, second] = capabilityIds;
    await saveAssessmentDraft(t.db, rf4, {
      organisationId: "org-RF4",
      values: { [maturityField(first)]: "2", intent: "draft", unrelated: "dropped", note: "  Board session  " },
    });
    await saveAssessmentDraft(t.db, rf4, {
      organisationId: "org-RF4",
      values: { [maturityField(first)]: "3", [evidenceField(second)]: "Run charts on ward 4" },
    });
    expect(await drafts()).toBe(1);
    const draft = await readAssessmentDraft(t.db, rf4, "org-RF4");
    expect(draft!.values).toEqual({ [maturityField(first)]: "3", [evidenceField(second)]: "Run charts on ward 4" });
    expect(draft!.savedAt).not.toBe("");
    expect(await readAssessmentDraft(t.db, rwk, "org-RWK")).toBeNull();
  });

  it("is not an assessment anywhere: not the latest, not in profiles, not a suggestion", async () => {
    const values = Object.fromEntries(capabilityIds.map((id) => [maturityField(id), "1"]));
    await saveAssessmentDraft(t.db, rf4, { organisationId: "org-RF4", values });
    expect(await latestAssessment(t.db, rf4, "org-RF4")).toBeUndefined();
    expect(await latestScoresForOrganisation(t.db, "org-RF4")).toEqual([]);
    expect((await latestProfiles(t.db, ["org-RF4"])).get("org-RF4") ?? []).toEqual([]);
    expect(await latestAssessmentScores(t.db, "org-RF4")).toEqual([]);
    expect(await t.db.selectFrom("assessment").select("id").execute()).toEqual([]);
  });

  it("recording the assessment removes the organisation's draft, and only its own", async () => {
    await saveAssessmentDraft(t.db, rf4, { organisationId: "org-RF4", values: { note: "Half done" } });
    await saveAssessmentDraft(t.db, rwk, { organisationId: "org-RWK", values: { note: "Theirs" } });
    const factors = await listReadinessFactors(t.db);
    await recordAssessment(t.db, rf4, {
      organisationId: "org-RF4",
      assessedOn: "2026-11-01",
      scores: capabilityIds.map((capabilityId) => ({ capabilityId, maturity: 3, evidence: "" })),
      readiness: factors.map((f) => ({ factorCode: f.code, score: 3 })),
      note: "",
    });
    expect(await readAssessmentDraft(t.db, rf4, "org-RF4")).toBeNull();
    expect((await readAssessmentDraft(t.db, rwk, "org-RWK"))!.values).toEqual({ note: "Theirs" });
  });

  it("belongs to the organisation's own people", async () => {
    await expect(
      saveAssessmentDraft(t.db, rwk, { organisationId: "org-RF4", values: { note: "Not mine" } }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(readAssessmentDraft(t.db, rwk, "org-RF4")).rejects.toBeInstanceOf(Forbidden);
    expect(await drafts()).toBe(0);
  });
});
