import { sql, type Kysely } from "kysely";
import { organisationInScope } from "../../../db/portable";
import type { Database } from "../../../db/schema";
import type { DashboardScope } from "../../domain/dashboard";
import { MATURITY_LEVELS } from "../../domain/maturity";
import { roundTo } from "../../domain/statistics";
import { onlyLatest } from "../assessment/assessments.server";
import { listFramework } from "../framework/framework.server";

type Db = Kysely<Database>;

export interface CapabilityMaturityRow {
  capabilityId: string;
  code: string;
  name: string;
  domainName: string;
  retired: boolean;
  /** Organisations whose latest assessment puts this capability at maturity 1, 2, 3, 4 and 5. */
  counts: number[];
  /** Organisations whose latest assessment scored this capability. */
  assessed: number;
  /** Mean maturity to two decimal places; null when nobody scored it. */
  mean: number | null;
  /** At maturity 2 or below: where help is needed. */
  gaps: number;
  /** At maturity 4 or above: who could help others. */
  strengths: number;
}

export interface CapabilityHeatmap {
  /** Open organisations in scope. */
  organisations: number;
  /** Of those, how many have assessed themselves at least once. */
  assessedOrganisations: number;
  rows: CapabilityMaturityRow[];
}

/**
 * How mature each capability is across the open organisations in scope, by their latest
 * assessment: two set-based queries (counts per capability and level, and how many organisations
 * there are), whatever the number of organisations.
 */
export async function capabilityHeatmap(db: Db, { scope }: { scope: DashboardScope }): Promise<CapabilityHeatmap> {
  const [counts, organisations, framework] = await Promise.all([
    // The latest assessments are picked first, as a set, and only their scores are read: joining
    // every score before picking would re-run the "latest" test for each of hundreds of thousands of scores.
    db
      .selectFrom("assessment_score as s")
      .where(
        "s.assessment_id",
        "in",
        onlyLatest(db.selectFrom("assessment as a"))
          .innerJoin("organisation", "organisation.id", "a.organisation_id")
          .where(organisationInScope(scope))
          .where("organisation.active", "=", 1)
          .select("a.id"),
      )
      .groupBy(["s.capability_id", "s.maturity"])
      .select((eb) => ["s.capability_id", "s.maturity", eb.fn.countAll<number>().as("organisations")])
      .execute(),
    db
      .selectFrom("organisation")
      .where(organisationInScope(scope))
      .where("organisation.active", "=", 1)
      .select((eb) => [
        eb.fn.countAll<number>().as("total"),
        sql<number>`coalesce(sum(case when ${eb.exists(eb.selectFrom("assessment").select("assessment.id").whereRef("assessment.organisation_id", "=", "organisation.id"))} then 1 else 0 end), 0)`.as(
          "assessed",
        ),
      ])
      .executeTakeFirstOrThrow(),
    listFramework(db, { includeRetired: true }),
  ]);

  const levels = MATURITY_LEVELS.map((l) => l.value);
  const byCapability = new Map<string, number[]>();
  for (const row of counts) {
    const list = byCapability.get(row.capability_id) ?? levels.map(() => 0);
    const index = levels.indexOf(row.maturity as (typeof levels)[number]);
    if (index >= 0) list[index] = Number(row.organisations);
    byCapability.set(row.capability_id, list);
  }

  const rows: CapabilityMaturityRow[] = [];
  for (const domain of framework) {
    for (const capability of domain.capabilities) {
      const retired = capability.retiredAt !== null || domain.retiredAt !== null;
      const found = byCapability.get(capability.id);
      // A retired capability is shown only while some organisation's latest assessment still scores it.
      if (retired && !found) continue;
      const levelCounts = found ?? levels.map(() => 0);
      const assessed = levelCounts.reduce((sum, n) => sum + n, 0);
      const total = levelCounts.reduce((sum, n, i) => sum + n * levels[i], 0);
      rows.push({
        capabilityId: capability.id,
        code: capability.code,
        name: capability.name,
        domainName: domain.name,
        retired,
        counts: levelCounts,
        assessed,
        mean: assessed === 0 ? null : roundTo(total / assessed, 2),
        gaps: levelCounts[0] + levelCounts[1],
        strengths: levelCounts[3] + levelCounts[4],
      });
    }
  }
  return { organisations: Number(organisations.total), assessedOrganisations: Number(organisations.assessed), rows };
}
