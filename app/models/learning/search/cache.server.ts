import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import { config } from "../../../config.server";
import { createSnapshotCache, type SnapshotCache } from "../../../lib/snapshot-cache";
import { learningSearch } from "./index.server";
import type { LearningSearchParams, LearningSearchResult } from "./types";

/**
 * The library holds shared entries only, so a search answers the same for everyone and popular
 * searches can be kept. This process forgets them as soon as it changes the library (after the
 * write commits); writes by other processes show within LEARNING_SEARCH_CACHE_SECONDS.
 */
export const learningSearchCacheTtlMs = (): number => config().LEARNING_SEARCH_CACHE_SECONDS * 1000;

const caches = new WeakMap<Kysely<Database>, SnapshotCache<LearningSearchResult>>();

function cacheFor(db: Kysely<Database>) {
  let cache = caches.get(db);
  if (!cache) {
    cache = createSnapshotCache<LearningSearchResult>({ ttlMs: learningSearchCacheTtlMs(), maxEntries: 500 });
    caches.set(db, cache);
  }
  return cache;
}

const keyOf = (params: LearningSearchParams) =>
  JSON.stringify([params.query.trim().toLowerCase(), [...(params.capabilityIds ?? [])].sort(), [...(params.formatCodes ?? [])].sort(), params.regionCode ?? "", params.from ?? "", params.to ?? "", params.page, params.pageSize]);

export function searchLibrary(db: Kysely<Database>, params: LearningSearchParams): Promise<LearningSearchResult> {
  return cacheFor(db).get(keyOf(params), () => learningSearch(db).search(db, params));
}

/** Call once a write that changes the library has committed. */
export function learningLibraryChanged(db: Kysely<Database>): void {
  caches.get(db)?.clear();
}
