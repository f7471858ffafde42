import { sql, type Kysely } from "kysely";
import { organisationInScope } from "../../../db/portable";
import type { Database } from "../../../db/schema";
import type { DashboardQuery } from "../../domain/dashboard";
import { dayAfter } from "../../lib/dates";
import { roundTo } from "../../domain/statistics";

type Db = Kysely<Database>;

export interface ImpactRow {
  /** A capability code or an offer format code. */
  key: string;
  label: string;
  /** Capability code; empty for formats. */
  code: string;
  /** Engagements re-assessed, with a measured change. */
  measured: number;
  /** Mean change in maturity over those, to two decimal places; null when none is measured yet. */
  meanChange: number | null;
  /** Ended engagements with no measurement yet: missing, never counted as no change. */
  awaiting: number;
}

export interface ImpactSummary {
  /** Engagements that ended in the period, by the requesting organisation in scope. */
  ended: number;
  measured: number;
  meanChange: number | null;
  awaiting: number;
  byCapability: ImpactRow[];
  byFormat: ImpactRow[];
}

const meanOf = (sum: number | null, count: number) =>
  count === 0 || sum === null ? null : roundTo(Number(sum) / count, 2);

/**
 * Measured impact of engagements whose requesting organisation is in scope and which ended in the
 * period: by capability targeted (each capability's before/after change) and by offer format (each
 * engagement's mean change). Engagements that ended without a re-assessment are counted apart.
 * Only capabilities and formats those engagements involve are listed, in framework order.
 */
export async function impactSummary(db: Db, query: DashboardQuery): Promise<ImpactSummary> {
  const ended = () =>
    db
      .selectFrom("engagement as e")
      .innerJoin("organisation", "organisation.id", "e.requester_organisation_id")
      .where(organisationInScope(query.scope))
      .where("e.ended_at", ">=", query.from)
      .where("e.ended_at", "<", dayAfter(query.to));
  const notMeasured = sql<boolean>`not exists (select 1 from engagement_impact as pending where pending.engagement_id = e.id)`;

  const [byFormat, measuredByCapability, awaitingByCapability, capabilities, formats] = await Promise.all([
    ended()
      .innerJoin("offer as o", "o.id", "e.offer_id")
      .leftJoin("engagement_impact as i", "i.engagement_id", "e.id")
      .groupBy("o.format_code")
      .select((eb) => [
        "o.format_code",
        eb.fn.countAll<number>().as("ended"),
        eb.fn.count<number>("i.engagement_id").as("measured"),
        eb.fn.sum<number | null>("i.mean_change").as("total_change"),
      ])
      .execute(),
    ended()
      .innerJoin("engagement_impact_capability as ic", "ic.engagement_id", "e.id")
      .groupBy("ic.capability_id")
      .select((eb) => [
        "ic.capability_id",
        eb.fn.countAll<number>().as("measured"),
        sql<number>`sum(ic.after_maturity - ic.before_maturity)`.as("total_change"),
      ])
      .execute(),
    ended()
      .innerJoin("help_request_capability as hc", "hc.request_id", "e.request_id")
      .where(notMeasured)
      .groupBy("hc.capability_id")
      .select((eb) => ["hc.capability_id", eb.fn.countAll<number>().as("awaiting")])
      .execute(),
    db
      .selectFrom("capability")
      .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
      .select(["capability.id", "capability.code", "capability.name"])
      .orderBy("capability_domain.position")
      .orderBy("capability.position")
      .orderBy("capability.code")
      .execute(),
    db.selectFrom("offer_format").select(["code", "name"]).orderBy("position").orderBy("code").execute(),
  ]);

  const formatFigures = new Map(byFormat.map((r) => [r.format_code, r]));
  const formatRows: ImpactRow[] = formats
    .filter((f) => formatFigures.has(f.code))
    .map((f) => {
      const figures = formatFigures.get(f.code);
      const measured = Number(figures?.measured ?? 0);
      return {
        key: f.code,
        label: f.name,
        code: "",
        measured,
        meanChange: meanOf(figures?.total_change ?? null, measured),
        awaiting: Number(figures?.ended ?? 0) - measured,
      };
    });

  const measuredFigures = new Map(measuredByCapability.map((r) => [r.capability_id, r]));
  const awaitingFigures = new Map(awaitingByCapability.map((r) => [r.capability_id, Number(r.awaiting)]));
  const capabilityRows: ImpactRow[] = capabilities
    .filter((c) => measuredFigures.has(c.id) || awaitingFigures.has(c.id))
    .map((c) => {
      const figures = measuredFigures.get(c.id);
      const measured = Number(figures?.measured ?? 0);
      return {
        key: c.code,
        label: c.name,
        code: c.code,
        measured,
        meanChange: meanOf(figures?.total_change ?? null, measured),
        awaiting: awaitingFigures.get(c.id) ?? 0,
      };
    });

  const endedTotal = byFormat.reduce((sum, r) => sum + Number(r.ended), 0);
  const measuredTotal = byFormat.reduce((sum, r) => sum + Number(r.measured), 0);
  const changeTotal = byFormat.reduce((sum, r) => sum + Number(r.total_change ?? 0), 0);
  return {
    ended: endedTotal,
    measured: measuredTotal,
    meanChange: meanOf(changeTotal, measuredTotal),
    awaiting: endedTotal - measuredTotal,
    byCapability: capabilityRows,
    byFormat: formatRows,
  };
}
