import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import type { CapabilityScore } from "../../domain/profile";
import { newId } from "../../lib/ids";
import { isIsoDate, nowIso } from "../../lib/dates";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { can, type Actor } from "../../auth/policy";
import { organisationRef } from "../organisation/organisations.server";
import { listActiveCapabilities, listFramework, listReadinessFactors } from "../framework/framework.server";
import { measureImpactAfterAssessment } from "../engagement/impact.server";
import { removeAssessmentDraft } from "./drafts.server";

type Db = Kysely<Database>;

export interface ScoreInput {
  capabilityId: string;
  maturity: number;
  evidence: string;
}

export interface ReadinessInput {
  factorCode: string;
  score: number;
}

export interface NewAssessment {
  organisationId: string;
  assessedOn: string; // YYYY-MM-DD
  scores: ScoreInput[];
  readiness: ReadinessInput[];
  note: string;
}

/** Refusal codes naming the capability or readiness factor a problem concerns. */
const maturityCode = (capabilityId: string) => `maturity:${capabilityId}`;
const readinessCode = (factorCode: string) => `readiness:${factorCode}`;

const isScore = (value: number) => Number.isInteger(value) && value >= 1 && value <= 5;

/** Each active item scored exactly once, and nothing else. */
function checkComplete<T>(
  given: T[],
  keyOf: (item: T) => string,
  active: { key: string; name: string }[],
  codeOf: (key: string) => string,
) {
  const names = new Map(active.map((a) => [a.key, a.name]));
  const seen = new Set<string>();
  for (const item of given) {
    const key = keyOf(item);
    // Only a framework changed while the form was open, or a caller's mistake, gets here.
    if (!names.has(key))
      throw new Refused(
        "The capability framework has changed since this form was opened: check your answers and send it again",
        { code: "framework_changed" },
      );
    if (seen.has(key)) throw new Refused(`${names.get(key)} is scored more than once`, { code: codeOf(key) });
    seen.add(key);
  }
  const missing = active.find((a) => !seen.has(a.key));
  if (missing) throw new Refused(`Select a level for ${missing.name}`, { code: codeOf(missing.key) });
}

/**
 * Records a self-assessment with its scores and readiness in one transaction. Every active
 * capability and readiness factor must be scored exactly once; anything else writes nothing.
 * Assessments are never edited: a re-assessment is a new one, so history is kept.
 */
export async function recordAssessment(db: Db, actor: Actor, input: NewAssessment): Promise<string> {
  if (!isIsoDate(input.assessedOn)) throw new Refused("Enter the date of the assessment", { code: "assessed_on" });
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const organisation = await organisationRef(trx, input.organisationId);
    if (!organisation) throw new NotFound("Organisation");
    if (!can(actor, { action: "assessment:record", organisation }))
      throw new Forbidden("Only the organisation's own people record its assessments");
    // Capabilities a new assessment must score: active ones in active domains.
    const capabilities = await listActiveCapabilities(trx);
    if (capabilities.length === 0)
      throw new Refused("The capability framework has no capabilities to assess yet", { code: "framework_empty" });
    const factors = await listReadinessFactors(trx);
    checkComplete(
      input.scores,
      (s) => s.capabilityId,
      capabilities.map((c) => ({ key: c.id, name: c.name })),
      maturityCode,
    );
    checkComplete(
      input.readiness,
      (r) => r.factorCode,
      factors.map((f) => ({ key: f.code, name: f.name })),
      readinessCode,
    );
    const badScore = input.scores.find((s) => !isScore(s.maturity));
    if (badScore)
      throw new Refused("Maturity must be a whole number from 1 to 5", { code: maturityCode(badScore.capabilityId) });
    const badReadiness = input.readiness.find((r) => !isScore(r.score));
    if (badReadiness)
      throw new Refused("Readiness must be a whole number from 1 to 5", {
        code: readinessCode(badReadiness.factorCode),
      });

    await trx
      .insertInto("assessment")
      .values({
        id,
        organisation_id: input.organisationId,
        assessed_by: actor.id,
        assessed_on: input.assessedOn,
        note: input.note.trim(),
        created_at: nowIso(),
      })
      .execute();
    await trx
      .insertInto("assessment_score")
      .values(
        input.scores.map((s) => ({
          assessment_id: id,
          capability_id: s.capabilityId,
          maturity: s.maturity,
          evidence: s.evidence.trim(),
        })),
      )
      .execute();
    if (input.readiness.length > 0) {
      await trx
        .insertInto("assessment_readiness")
        .values(input.readiness.map((r) => ({ assessment_id: id, factor_code: r.factorCode, score: r.score })))
        .execute();
    }
    await removeAssessmentDraft(trx, input.organisationId);
    await measureImpactAfterAssessment(trx, { organisationId: input.organisationId, actorId: actor.id });
  });
  return id;
}

/** An organisation's assessments are its own and its coordinators' to read; refuses anyone else. */
async function assertMayView(db: Db, actor: Actor, organisationId: string): Promise<void> {
  const organisation = await organisationRef(db, organisationId);
  if (!organisation) throw new NotFound("Organisation");
  if (!can(actor, { action: "assessment:view", organisation }))
    throw new Forbidden("Only the organisation and its coordinators see its assessments");
}

/** Newest first: by the date assessed, then by when it was recorded. */
function newestFirst<O>(query: SelectQueryBuilder<Database & { a: Database["assessment"] }, "a", O>) {
  return query.orderBy("a.assessed_on", "desc").orderBy("a.created_at", "desc").orderBy("a.id", "desc");
}

/**
 * Keeps only each organisation's latest assessment. A correlated subquery rather than a window
 * function keeps it one portable query however many organisations are asked about.
 */
export function onlyLatest<O>(query: SelectQueryBuilder<Database & { a: Database["assessment"] }, "a", O>) {
  return query.where("a.id", "=", (eb) =>
    eb
      .selectFrom("assessment as latest")
      .select("latest.id")
      .whereRef("latest.organisation_id", "=", "a.organisation_id")
      .orderBy("latest.assessed_on", "desc")
      .orderBy("latest.created_at", "desc")
      .orderBy("latest.id", "desc")
      .limit(1),
  );
}

function recentAssessments(db: Db, organisationId: string, limit: number) {
  return newestFirst(
    db
      .selectFrom("assessment as a")
      .innerJoin("app_user as u", "u.id", "a.assessed_by")
      .select(["a.id", "a.assessed_on", "a.note", "a.created_at", "u.name as assessed_by_name"])
      .where("a.organisation_id", "=", organisationId),
  )
    .limit(limit)
    .execute();
}

export interface AssessmentSummary {
  id: string;
  assessedOn: string;
  assessedByName: string;
  note: string;
  createdAt: string;
}

const toSummary = (row: {
  id: string;
  assessed_on: string;
  note: string;
  created_at: string;
  assessed_by_name: string;
}): AssessmentSummary => ({
  id: row.id,
  assessedOn: row.assessed_on,
  assessedByName: row.assessed_by_name,
  note: row.note,
  createdAt: row.created_at,
});

export interface AssessmentDetail extends AssessmentSummary {
  scores: ScoreInput[];
  readiness: ReadinessInput[];
}

/** The organisation's latest assessment with every score, or undefined if it has never assessed itself. */
export async function latestAssessment(
  db: Db,
  actor: Actor,
  organisationId: string,
): Promise<AssessmentDetail | undefined> {
  await assertMayView(db, actor, organisationId);
  const [row] = await recentAssessments(db, organisationId, 1);
  if (!row) return undefined;
  const [scores, readiness] = await Promise.all([
    db
      .selectFrom("assessment_score")
      .select(["capability_id", "maturity", "evidence"])
      .where("assessment_id", "=", row.id)
      .execute(),
    db
      .selectFrom("assessment_readiness")
      .select(["factor_code", "score"])
      .where("assessment_id", "=", row.id)
      .execute(),
  ]);
  return {
    ...toSummary(row),
    scores: scores.map((s) => ({ capabilityId: s.capability_id, maturity: s.maturity, evidence: s.evidence })),
    readiness: readiness.map((r) => ({ factorCode: r.factor_code, score: r.score })),
  };
}

export interface HistoryEntry extends AssessmentSummary {
  /** Mean maturity over the capabilities scored, to one decimal place. */
  meanMaturity: number | null;
  capabilitiesScored: number;
}

/** Every assessment the organisation has recorded, newest first. */
export async function assessmentHistory(db: Db, actor: Actor, organisationId: string): Promise<HistoryEntry[]> {
  await assertMayView(db, actor, organisationId);
  const rows = await newestFirst(
    db
      .selectFrom("assessment as a")
      .innerJoin("app_user as u", "u.id", "a.assessed_by")
      .leftJoin("assessment_score as s", "s.assessment_id", "a.id")
      .select((eb) => [
        "a.id",
        "a.assessed_on",
        "a.note",
        "a.created_at",
        "u.name as assessed_by_name",
        eb.fn.avg<number | null>("s.maturity").as("mean_maturity"),
        eb.fn.count<number>("s.capability_id").as("scored"),
      ])
      .where("a.organisation_id", "=", organisationId)
      .groupBy(["a.id", "a.assessed_on", "a.note", "a.created_at", "u.name"]),
  ).execute();
  return rows.map((row) => ({
    ...toSummary(row),
    meanMaturity: row.mean_maturity === null ? null : Math.round(Number(row.mean_maturity) * 10) / 10,
    capabilitiesScored: Number(row.scored),
  }));
}

export interface ComparisonRow {
  capabilityId: string;
  code: string;
  name: string;
  domainName: string;
  /** Retired since; shown because one of the two assessments scored it. */
  retired: boolean;
  latest: number | null;
  previous: number | null;
  /** latest minus previous, or null unless both were scored. */
  change: number | null;
  evidence: string;
}

export interface ReadinessComparisonRow {
  code: string;
  name: string;
  latest: number | null;
  previous: number | null;
  change: number | null;
}

export interface LatestAgainstPrevious {
  latest: { id: string; assessedOn: string; assessedByName: string } | null;
  previous: { id: string; assessedOn: string } | null;
  /** In framework order: every active capability, plus retired ones either assessment scored. */
  rows: ComparisonRow[];
  readiness: ReadinessComparisonRow[];
}

const changeBetween = (latest: number | null, previous: number | null) =>
  latest !== null && previous !== null ? latest - previous : null;

/** The latest assessment beside the one before it, per capability and readiness factor. */
export async function latestAgainstPrevious(
  db: Db,
  actor: Actor,
  organisationId: string,
): Promise<LatestAgainstPrevious> {
  await assertMayView(db, actor, organisationId);
  const [latest, previous] = await recentAssessments(db, organisationId, 2);
  const ids = [latest?.id, previous?.id].filter((id): id is string => id !== undefined);
  const [framework, factors, scores, readiness] = await Promise.all([
    listFramework(db, { includeRetired: true }),
    listReadinessFactors(db, { includeRetired: true }),
    ids.length ? db.selectFrom("assessment_score").selectAll().where("assessment_id", "in", ids).execute() : [],
    ids.length ? db.selectFrom("assessment_readiness").selectAll().where("assessment_id", "in", ids).execute() : [],
  ]);
  const scoreOf = (assessmentId: string | undefined, capabilityId: string) =>
    scores.find((s) => s.assessment_id === assessmentId && s.capability_id === capabilityId);
  const readinessOf = (assessmentId: string | undefined, code: string) =>
    readiness.find((r) => r.assessment_id === assessmentId && r.factor_code === code)?.score ?? null;

  const rows: ComparisonRow[] = [];
  for (const domain of framework) {
    for (const capability of domain.capabilities) {
      const now = scoreOf(latest?.id, capability.id);
      const before = scoreOf(previous?.id, capability.id);
      const retired = capability.retiredAt !== null || domain.retiredAt !== null;
      if (retired && !now && !before) continue;
      const latestValue = now?.maturity ?? null;
      const previousValue = before?.maturity ?? null;
      rows.push({
        capabilityId: capability.id,
        code: capability.code,
        name: capability.name,
        domainName: domain.name,
        retired,
        latest: latestValue,
        previous: previousValue,
        change: changeBetween(latestValue, previousValue),
        evidence: now?.evidence ?? "",
      });
    }
  }
  const readinessRows = factors
    .map((f) => {
      const latestValue = readinessOf(latest?.id, f.code);
      const previousValue = readinessOf(previous?.id, f.code);
      return {
        code: f.code,
        name: f.name,
        retired: f.retired_at !== null,
        latest: latestValue,
        previous: previousValue,
        change: changeBetween(latestValue, previousValue),
      };
    })
    .filter((r) => !r.retired || r.latest !== null || r.previous !== null)
    .map(({ retired: _retired, ...row }) => row);

  return {
    latest: latest ? { id: latest.id, assessedOn: latest.assessed_on, assessedByName: latest.assessed_by_name } : null,
    previous: previous ? { id: previous.id, assessedOn: previous.assessed_on } : null,
    rows,
    readiness: readinessRows,
  };
}

// Keeps each IN list well below the bind-parameter limits of both engines.
const CHUNK = 500;

function chunks(ids: string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(unique.slice(i, i + CHUNK));
  return out;
}

async function latestScoreRows(db: Db, organisationIds: string[], { activeOnly }: { activeOnly: boolean }) {
  const results = await Promise.all(
    chunks(organisationIds).map((ids) => {
      let query = onlyLatest(db.selectFrom("assessment as a").where("a.organisation_id", "in", ids))
        .innerJoin("assessment_score as s", "s.assessment_id", "a.id")
        .innerJoin("capability as c", "c.id", "s.capability_id")
        .innerJoin("capability_domain as d", "d.id", "c.domain_id")
        .select(["a.organisation_id", "s.capability_id", "s.maturity"]);
      if (activeOnly) query = query.where("c.retired_at", "is", null).where("d.retired_at", "is", null);
      return query.orderBy("a.organisation_id").orderBy("d.position").orderBy("c.position").orderBy("c.code").execute();
    }),
  );
  return results.flat();
}

/**
 * Each organisation's scores from its latest assessment, in framework order, for many
 * organisations in one query per 500. Organisations that never assessed themselves are absent.
 * Retired capabilities are included: older requests and offers may still name them.
 */
export async function latestProfiles(db: Db, organisationIds: string[]): Promise<Map<string, CapabilityScore[]>> {
  const profiles = new Map<string, CapabilityScore[]>();
  for (const row of await latestScoreRows(db, organisationIds, { activeOnly: false })) {
    const scores = profiles.get(row.organisation_id) ?? [];
    scores.push({ capabilityId: row.capability_id, maturity: row.maturity });
    profiles.set(row.organisation_id, scores);
  }
  return profiles;
}

/** Each organisation's readiness scores from its latest assessment, in factor order; never-assessed organisations are absent. */
export async function latestReadiness(db: Db, organisationIds: string[]): Promise<Map<string, ReadinessInput[]>> {
  const results = await Promise.all(
    chunks(organisationIds).map((ids) =>
      onlyLatest(db.selectFrom("assessment as a").where("a.organisation_id", "in", ids))
        .innerJoin("assessment_readiness as r", "r.assessment_id", "a.id")
        .innerJoin("readiness_factor as f", "f.code", "r.factor_code")
        .select(["a.organisation_id", "r.factor_code", "r.score"])
        .orderBy("a.organisation_id")
        .orderBy("f.position")
        .orderBy("f.code")
        .execute(),
    ),
  );
  const byOrganisation = new Map<string, ReadinessInput[]>();
  for (const row of results.flat()) {
    const scores = byOrganisation.get(row.organisation_id) ?? [];
    scores.push({ factorCode: row.factor_code, score: row.score });
    byOrganisation.set(row.organisation_id, scores);
  }
  return byOrganisation;
}

/**
 * The organisation's latest scores on capabilities still in use, in framework order: what a new
 * help request can suggest from (see suggestedCapabilities). Empty if never assessed.
 */
export async function latestScoresForOrganisation(db: Db, organisationId: string): Promise<CapabilityScore[]> {
  const rows = await latestScoreRows(db, [organisationId], { activeOnly: true });
  return rows.map((r) => ({ capabilityId: r.capability_id, maturity: r.maturity }));
}
