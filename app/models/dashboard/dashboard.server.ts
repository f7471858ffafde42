import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { DashboardQuery, DashboardScope, FunnelCounts } from "../../domain/dashboard";
import { nowIso } from "../../lib/dates";
import { capabilityHeatmap, type CapabilityHeatmap } from "./capability.server";
import { impactSummary, type ImpactSummary } from "./impact.server";
import { funnelCounts, pioneerLoad, requestToMatch, type PioneerLoad, type RequestToMatch } from "./outreach.server";

export type { CapabilityHeatmap, CapabilityMaturityRow } from "./capability.server";
export type { ImpactRow, ImpactSummary } from "./impact.server";
export type { PioneerLoad, RequestToMatch } from "./outreach.server";

/** Every figure on the coordinator dashboard for one scope and period, and when it was worked out. */
export interface DashboardSnapshot {
  query: DashboardQuery;
  /** Who the figures cover, in words: "England", "London", "NHS Frimley ICB". */
  scopeName: string;
  /** ISO-8601 UTC: when these figures were read from the database. */
  asOf: string;
  funnel: FunnelCounts;
  requestToMatch: RequestToMatch;
  load: PioneerLoad;
  heatmap: CapabilityHeatmap;
  impact: ImpactSummary;
}

async function nameOfScope(db: Kysely<Database>, scope: DashboardScope): Promise<string> {
  if (scope.kind === "national") return "England";
  if (!scope.code) return "No organisations";
  const row =
    scope.kind === "region"
      ? await db.selectFrom("region").select("name").where("code", "=", scope.code).executeTakeFirst()
      : await db.selectFrom("icb").select("name").where("code", "=", scope.code).executeTakeFirst();
  return row?.name ?? scope.code;
}

/** Reads every section afresh. Pages go through the cache in dashboard-cache.server.ts instead. */
export async function buildDashboard(db: Kysely<Database>, query: DashboardQuery): Promise<DashboardSnapshot> {
  const asOf = nowIso();
  const [scopeName, funnel, timing, load, heatmap, impact] = await Promise.all([
    nameOfScope(db, query.scope),
    funnelCounts(db, query),
    requestToMatch(db, query),
    pioneerLoad(db, query),
    capabilityHeatmap(db, query),
    impactSummary(db, query),
  ]);
  return { query, scopeName, asOf, funnel, requestToMatch: timing, load, heatmap, impact };
}

/** How many offers the page lists and draws; the CSV has them all. */
export const LOAD_ROWS_SHOWN = 10;

/**
 * The snapshot as the page needs it, and no more, since it travels to the browser with the page:
 * the busiest offers only with how many there are in all and how many are full, and no row ids.
 */
export function dashboardForPage(snapshot: DashboardSnapshot) {
  const { offers, quarter } = snapshot.load;
  return {
    funnel: snapshot.funnel,
    requestToMatch: snapshot.requestToMatch,
    load: {
      quarter,
      offers: offers.slice(0, LOAD_ROWS_SHOWN).map(({ offerId: _offerId, ...offer }) => offer),
      total: offers.length,
      full: offers.filter((o) => o.capacity > 0 && o.approved >= o.capacity).length,
    },
    heatmap: { ...snapshot.heatmap, rows: snapshot.heatmap.rows.map(({ capabilityId: _capabilityId, ...row }) => row) },
    impact: snapshot.impact,
  };
}

export type DashboardPageData = ReturnType<typeof dashboardForPage>;
