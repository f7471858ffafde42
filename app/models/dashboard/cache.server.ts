import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { config } from "../../config.server";
import type { DashboardQuery } from "../../domain/dashboard";
import { createSnapshotCache, type SnapshotCache } from "../../lib/snapshot-cache";
import { buildDashboard, type DashboardSnapshot } from "./dashboard.server";
import { listRegions } from "../organisation/organisations.server";

/**
 * Dashboard figures are aggregates over every request, engagement and assessment in scope, too
 * much to recount for every page view. Each (scope, period, day) keeps its snapshot for a short
 * time, DASHBOARD_CACHE_SECONDS (60 by default, 0 to turn caching off), and the page says when its
 * figures were read. Writes do not clear it: the time limit is the whole promise.
 */
/** The configured time to live, in milliseconds. */
export const dashboardCacheTtlMs = (): number => config().DASHBOARD_CACHE_SECONDS * 1000;

// One cache per database handle: the app has one, tests have one per database.
const caches = new WeakMap<Kysely<Database>, SnapshotCache<DashboardSnapshot>>();

const keyOf = (query: DashboardQuery) =>
  JSON.stringify([query.scope.kind, query.scope.code, query.from, query.to, query.today]);

/** The dashboard for this query, read afresh at most once per time to live. */
export function cachedDashboard(db: Kysely<Database>, query: DashboardQuery): Promise<DashboardSnapshot> {
  let cache = caches.get(db);
  if (!cache) {
    cache = createSnapshotCache<DashboardSnapshot>({ ttlMs: dashboardCacheTtlMs() });
    caches.set(db, cache);
  }
  return cache.get(keyOf(query), () => buildDashboard(db, query));
}

type Regions = { code: string; name: string }[];
const regionCaches = new WeakMap<Kysely<Database>, SnapshotCache<Regions>>();

/** The regions a national view can narrow to, read at most once per time to live like the figures. */
export function cachedRegions(db: Kysely<Database>): Promise<Regions> {
  let cache = regionCaches.get(db);
  if (!cache) {
    cache = createSnapshotCache<Regions>({ ttlMs: dashboardCacheTtlMs() });
    regionCaches.set(db, cache);
  }
  return cache.get("regions", async () => (await listRegions(db)).map((r) => ({ code: r.code, name: r.name })));
}
