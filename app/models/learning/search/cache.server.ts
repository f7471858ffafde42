import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../../db/schema";
import { config } from "../../../config.server";
import { bumpDataVersion, readDataVersion } from "../../../lib/data-version.server";
import { createSnapshotCache, type SnapshotCache } from "../../../lib/snapshot-cache";
import { learningSearch } from "./index.server";
import type { LearningSearchParams, LearningSearchResult } from "./types";

/**
 * The library holds shared entries only, so a search answers the same for everyone and popular
 * searches can be kept. Every write that changes the library bumps the library's data version in
 * its transaction, and answers are kept under the version read before the search ran, so every
 * server process stops using them as soon as any process commits a change. A kept page is also
 * checked against the database before it is shown, so an entry made private by a write that
 * bypassed the models never shows either.
 */
export const learningSearchCacheTtlMs = (): number => config().LEARNING_SEARCH_CACHE_SECONDS * 1000;

const caches = new WeakMap<
  Kysely<Database>,
  { cache: SnapshotCache<LearningSearchResult>; keeping: boolean; version: number }
>();

function cacheFor(db: Kysely<Database>) {
  let kept = caches.get(db);
  if (!kept) {
    const ttlMs = learningSearchCacheTtlMs();
    kept = {
      cache: createSnapshotCache<LearningSearchResult>({ ttlMs, maxEntries: 500 }),
      keeping: ttlMs > 0,
      version: -1,
    };
    caches.set(db, kept);
  }
  return kept;
}

const keyOf = (params: LearningSearchParams) =>
  JSON.stringify([
    params.query.trim().toLowerCase(),
    [...(params.capabilityIds ?? [])].sort(),
    [...(params.formatCodes ?? [])].sort(),
    params.regionCode ?? "",
    params.from ?? "",
    params.to ?? "",
    params.page,
    params.pageSize,
  ]);

export async function searchLibrary(db: Kysely<Database>, params: LearningSearchParams): Promise<LearningSearchResult> {
  const kept = cacheFor(db);
  const { cache, keeping } = kept;
  if (!keeping) return learningSearch(db).search(db, params);
  const version = await readDataVersion(db, "learning_library");
  // Answers kept under an older version are never read again; dropping them frees the memory.
  if (version !== kept.version) {
    cache.clear();
    kept.version = version;
  }
  // A search that started before a change and finishes after it is kept under the old version, so it is never served.
  const result = await cache.get(`${version}:${keyOf(params)}`, () => learningSearch(db).search(db, params));
  // A search just run has checked visibility itself; only a kept one can be out of date.
  return keeping ? stillShared(db, result) : result;
}

/**
 * The kept page without the entries that are no longer shared: one primary-key lookup for the
 * page's ids. The kept answer itself is left as it is, since others may be reading it.
 */
async function stillShared(db: Kysely<Database>, result: LearningSearchResult): Promise<LearningSearchResult> {
  if (result.hits.length === 0) return result;
  // Visibility is checked here, not in the query: given it, SQLite without statistics walks the
  // visibility index (every shared entry) rather than look up the page's ids.
  const shared = (
    await db
      .selectFrom("learning_entry")
      .select(["id", "visibility"])
      .where(
        "id",
        "in",
        result.hits.map((h) => h.id),
      )
      .execute()
  ).filter((e) => e.visibility === "shared");
  if (shared.length === result.hits.length) return result;
  const ids = new Set(shared.map((e) => e.id));
  const hits = result.hits.filter((h) => ids.has(h.id));
  const gone = result.hits.length - hits.length;
  return { ...result, hits, total: result.moreThanTotal ? result.total : Math.max(0, result.total - gone) };
}

/** Call inside every write that changes the library, in its transaction: every process then forgets its kept searches. */
export const markLearningLibraryChanged = (trx: Transaction<Database>): Promise<void> =>
  bumpDataVersion(trx, "learning_library");

/** Call once a write that changes the library has committed: this process forgets at once, without waiting for its next read. */
export function learningLibraryChanged(db: Kysely<Database>): void {
  caches.get(db)?.cache.clear();
}
