import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { migrateToLatest } from "../../../db/migrate";
import { hashPassword } from "../../../app/auth/password.server";
import { todayInEngland } from "../../../app/lib/dates";
import { DEMO_PASSWORD, seedDemo } from "../../../db/seed/demo/seed";
import { checkShape, MAX_SCALED_ORGANISATIONS, UsageError, type ScaleOptions } from "./args";
import { planAssessments, scoreAssessments, writeAssessments } from "./assessments";
import { calendarFor } from "./calendar";
import { planEngagements, writeEngagements } from "./engagements";
import { writeFeedback } from "./feedback";
import { planImpacts, writeImpacts } from "./impact";
import { distributeEntries, writeLearning, type WrittenEntries } from "./learning";
import { planOffers, writeOffers } from "./offers";
import { isScaledOdsCode, planOrganisations, SCALED_ODS_PREFIX, writeOrganisations } from "./organisations";
import type { ScaleContext } from "./plan";
import { Progress, type PhaseReport } from "./progress";
import { createRandom } from "./random";
import { loadReference } from "./reference";
import { planRequests, writeRequests } from "./requests";
import { indexLearning } from "./search";
import { writeSessions } from "./sessions";

export interface ScaleRun extends Omit<ScaleOptions, "seed"> {
  seed: number;
  /** The day the data set ends before; defaults to today in England. */
  today?: string;
}

/** The database already holds scaled data and --append was not given. */
export class ScaledDataPresent extends Error {}

export interface ScaleResult {
  seed: number;
  demoSeeded: boolean;
  firstOdsCode: string | null;
  counts: Record<string, number>;
  planMs: number;
  phases: PhaseReport[];
}

/** Synthetic organisations already in the database, and the highest number used. */
export async function scaledOrganisations(db: Kysely<Database>): Promise<{ count: number; highest: number }> {
  const rows = await db
    .selectFrom("organisation")
    .select("ods_code")
    .where("ods_code", "like", `${SCALED_ODS_PREFIX}%`)
    .execute();
  const numbers = rows
    .map((r) => r.ods_code)
    .filter(isScaledOdsCode)
    .map((code) => Number(code.slice(1)));
  return { count: numbers.length, highest: Math.max(0, ...numbers) };
}

/**
 * Migrates, seeds the demo into an empty database, then plans and writes the scaled data set
 * phase by phase. Refuses, before writing anything scaled, when scaled data is already there
 * (unless appending) or the synthetic ODS codes would run out.
 */
export async function seedScale(
  db: Kysely<Database>,
  run: ScaleRun,
  progress: Progress = new Progress(null),
): Promise<ScaleResult> {
  checkShape(run);
  await migrateToLatest(db);
  const demoSeeded = await seedDemo(db);
  const existing = await scaledOrganisations(db);
  if (existing.count > 0 && !run.append) {
    throw new ScaledDataPresent(
      `The database already holds ${existing.count.toLocaleString("en-GB")} scaled organisations (ODS codes Z0001 and up). Use --append to add more, or seed an empty database.`,
    );
  }
  const firstNumber = existing.highest + 1;
  if (firstNumber - 1 + run.orgs > MAX_SCALED_ORGANISATIONS) {
    throw new UsageError(
      `Only ${MAX_SCALED_ORGANISATIONS - existing.highest} more scaled organisations fit (synthetic ODS codes have four digits)`,
    );
  }

  const planStarted = performance.now();
  const reference = await loadReference(db);
  const ctx: ScaleContext = {
    // Appending mixes the first number into the seed, so an appended set never repeats the ids of the first.
    random: createRandom((run.seed + Math.imul(firstNumber - 1, 0x9e3779b9)) >>> 0),
    reference,
    calendar: calendarFor(run.today ?? todayInEngland()),
    passwordHash: await hashPassword(DEMO_PASSWORD),
  };
  const organisations = planOrganisations(ctx, run.orgs, firstNumber);
  const offers = planOffers(ctx, organisations);
  const requests = planRequests(ctx, organisations, run.requests, run.learning > 0);
  const { engagements, load } = planEngagements(ctx, requests, offers);
  const assessments = planAssessments(ctx, organisations, engagements);
  scoreAssessments(ctx, assessments, engagements);
  const impacts = planImpacts(ctx, engagements, assessments);
  const entryCounts = distributeEntries(ctx.random, engagements, run.learning);
  const planMs = performance.now() - planStarted;

  let learning: WrittenEntries = { entryIds: [], shared: 0, rows: 0 };
  await progress.phase("organisations", organisations.length, (p) => writeOrganisations(db, ctx, organisations, p));
  await progress.phase("assessments", assessments.filter((a) => !a.followUp).length, (p) =>
    writeAssessments(db, ctx, assessments, p),
  );
  await progress.phase("offers", offers.length, (p) => writeOffers(db, ctx, offers, p));
  await progress.phase("requests", requests.length, (p) => writeRequests(db, ctx, requests, p));
  await progress.phase("matches & engagements", engagements.length, (p) =>
    writeEngagements(db, ctx, engagements, load, p),
  );
  await progress.phase("sessions", engagements.length, (p) => writeSessions(db, ctx, engagements, p));
  await progress.phase("learning entries", run.learning, async (p) => {
    learning = await writeLearning(db, ctx, engagements, entryCounts, p);
    return learning.rows;
  });
  await progress.phase("search index", learning.entryIds.length, async (p) => {
    await indexLearning(db, learning.entryIds, p);
    return learning.shared;
  });
  await progress.phase("feedback", engagements.filter((e) => e.status !== "active").length, (p) =>
    writeFeedback(db, ctx, engagements, p),
  );
  await progress.phase("impact", impacts.length, (p) => writeImpacts(db, ctx, assessments, impacts, p));

  const byStatus = (statuses: readonly string[], of: readonly { status: string }[]) =>
    Object.fromEntries(statuses.map((s) => [s, of.filter((x) => x.status === s).length]));
  return {
    seed: run.seed,
    demoSeeded,
    firstOdsCode: organisations[0]?.ods ?? null,
    counts: {
      organisations: organisations.length,
      pioneers: organisations.filter((o) => o.pioneer).length,
      users: organisations.reduce((sum, o) => sum + o.users.length, 0),
      assessments: assessments.length,
      "follow-up assessments": assessments.filter((a) => a.followUp).length,
      offers: offers.length,
      requests: requests.length,
      ...prefixed(
        "requests ",
        byStatus(["draft", "submitted", "needs_info", "matched", "in_progress", "completed", "withdrawn"], requests),
      ),
      engagements: engagements.length,
      ...prefixed("engagements ", byStatus(["active", "completed", "stopped"], engagements)),
      sessions: engagements.reduce((sum, e) => sum + e.sessions.length, 0),
      "learning entries": learning.entryIds.length,
      "learning entries shared": learning.shared,
      "impact measured": impacts.length,
    },
    planMs,
    phases: progress.reports,
  };
}

const prefixed = (prefix: string, values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
