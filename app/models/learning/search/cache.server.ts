import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import { config } from "../../../config.server";
import { createSnapshotCache, type SnapshotCache } from "../../../lib/snapshot-cache";
import { learningSearch } from "./index.server";
import type { LearningSearchParams, LearningSearchResult } from "./types";

/**
 * The library holds shared entries only, so a search answers the same for everyone and popular
 * searches can be kept. This process forgets them as soon as it changes the library (after the
 * write commits). A kept page is checked against the database before it is shown, so an entry
 * made private (or removed) by another process never shows; other changes by other processes
 * show within LEARNING_SEARCH_CACHE_SECONDS.
 */
export const learningSearchCacheTtlMs = (): number => config().LEARNING_SEARCH_CACHE_SECONDS * 1000;

const caches = new WeakMap<Kysely<Database>, { cache: SnapshotCache<LearningSearchResult>; keeping: boolean }>();

function cacheFor(db: Kysely<Database>) {
  let kept = caches.get(db);
  if (!kept) {
    const ttlMs = learningSearchCacheTtlMs();
    kept = { cache: createSnapshotCache<LearningSearchResult>({ ttlMs, maxEntries: 500 }), keeping: ttlMs > 0 };
    caches.set(db, kept);
  }
  return kept;
}

const keyOf = (params: LearningSearchParams) =>
  JSON.stringify([params.query.trim().toLowerCase(), [...(params.capabilityIds ?? [])].sort(), [...(params.formatCodes ?? [])].sort(), params.regionCode ?? "", params.from ?? "", params.to ?? "", params.page, params.pageSize]);

export async function searchLibrary(db: Kysely<Database>, params: LearningSearchParams): Promise<LearningSearchResult> {
  const { cache, keeping } = cacheFor(db);
  const result = await cache.get(keyOf(params), () => learningSearch(db).search(db, params));
  // A search just run has checked visibility itself; only a kept one can be out of date.
  return keeping ? stillShared(db, result) : result;
}

/**
 * The kept page without the entries that are no longer shared: one primary-key lookup for the
 * page's ids. The kept answer itself is left as it is, since others may be reading it.
 */
async function stillShared(db: Kysely<Database>, result: LearningSearchResult): Promise<LearningSearchResult> {
  if (result.hits.length === 0) return result;
  const shared = await db
    .selectFrom("learning_entry")
    .select("id")
    .where("id", "in", result.hits.map((h) => h.id))
    .where("visibility", "=", "shared")
    .execute();
  if (shared.length === result.hits.length) return result;
  const ids = new Set(shared.map((e) => e.id));
  const hits = result.hits.filter((h) => ids.has(h.id));
  const gone = result.hits.length - hits.length;
  return { ...result, hits, total: result.moreThanTotal ? result.total : Math.max(0, result.total - gone) };
}

/** Call once a write that changes the library has committed. */
export function learningLibraryChanged(db: Kysely<Database>): void {
  caches.get(db)?.cache.clear();
}
