import { sql } from "kysely";
import { searchDocument, searchDocuments } from "./document.server";
import { allOf, countCapOf, entryConditions, hasFilters, needsEntryRow } from "./filters.server";
import { ftsMatchExpression } from "../../../domain/learning-search/fts-query";
import { cappedTotal, countCapped, newestShared, offsetOf, pageHits, type RankedEntry } from "./hits.server";
import { MARK_END, MARK_START } from "../../../domain/learning-search/markers";
import { COUNT_CAP, type Db, type LearningSearch, type LearningSearchParams, type LearningSearchResult } from "./types";

/**
 * FTS5 over `learning_search(title, body)`, keyed by `learning_search_key`. bm25 scores lower for
 * better matches; a word in the title counts five times one in the body. Keys are handed out in
 * the order entries enter the index (when recorded, or when shared again), so a higher key is,
 * almost always, a more recently recorded entry.
 */
const RANK = sql`bm25(learning_search, 5.0, 1.0)`;
const EXCERPT_TOKENS = 32;

async function keyOf(trx: Db, entryId: string): Promise<number | undefined> {
  const { rows } = await sql<{ id: number }>`select id from learning_search_key where entry_id = ${entryId}`.execute(
    trx,
  );
  return rows[0]?.id;
}

async function removeEntry(trx: Db, entryId: string): Promise<void> {
  const key = await keyOf(trx, entryId);
  if (key === undefined) return;
  await sql`delete from learning_search where rowid = ${key}`.execute(trx);
  await sql`delete from learning_search_key where id = ${key}`.execute(trx);
}

async function indexEntry(trx: Db, entryId: string): Promise<void> {
  const document = await searchDocument(trx, entryId);
  // Private entries stay out of the index altogether, so no search can ever reach them.
  if (!document || document.visibility !== "shared") return removeEntry(trx, entryId);
  await sql`insert into learning_search_key (entry_id) values (${entryId}) on conflict (entry_id) do nothing`.execute(
    trx,
  );
  const key = await keyOf(trx, entryId);
  await sql`delete from learning_search where rowid = ${key}`.execute(trx);
  await sql`insert into learning_search (rowid, title, body) values (${key}, ${document.title}, ${document.body})`.execute(
    trx,
  );
}

async function indexEntries(trx: Db, entryIds: readonly string[]): Promise<void> {
  const documents = await searchDocuments(trx, entryIds);
  const shared = [...documents].filter(([, d]) => d.visibility === "shared");
  for (const id of entryIds) if (documents.get(id)?.visibility !== "shared") await removeEntry(trx, id);
  if (shared.length === 0) return;
  // Keys in the order given, as indexEntry one at a time would hand them out.
  await sql`insert into learning_search_key (entry_id) values ${sql.join(shared.map(([id]) => sql`(${id})`))} on conflict (entry_id) do nothing`.execute(
    trx,
  );
  const { rows: keys } = await sql<{
    id: number;
    entry_id: string;
  }>`select id, entry_id from learning_search_key where entry_id in (${sql.join(shared.map(([id]) => id))})`.execute(
    trx,
  );
  const keyOfEntry = new Map(keys.map((k) => [k.entry_id, k.id]));
  await sql`delete from learning_search where rowid in (${sql.join(keys.map((k) => k.id))})`.execute(trx);
  await sql`insert into learning_search (rowid, title, body) values ${sql.join(shared.map(([id, d]) => sql`(${keyOfEntry.get(id)}, ${d.title}, ${d.body})`))}`.execute(
    trx,
  );
}

/**
 * A query matching much of the library would have bm25 scored for every match, which at 200,000
 * entries takes hundreds of milliseconds. Instead the newest matches, one past the count cap (or
 * up to the page asked for, if further), are scored and sorted: the count comes from the same pass.
 */
const windowSize = (params: LearningSearchParams) => Math.max(countCapOf(params) + 1, params.page * params.pageSize);

/**
 * The window of matches, newest first: FTS5 alone, or joined to the entries when filters apply,
 * with FTS5 leading (given an entry, FTS5 can only answer by reading whole posting lists).
 */
function window(match: string, params: LearningSearchParams) {
  if (!hasFilters(params)) {
    return sql`select rowid as key, ${RANK} as score from learning_search
      where learning_search match ${match} order by rowid desc limit ${windowSize(params)}`;
  }
  const entry = needsEntryRow(params) ? sql`join learning_entry e on e.id = k.entry_id` : sql``;
  return sql`select learning_search.rowid as key, ${RANK} as score
    from learning_search
    join learning_search_key k on k.id = learning_search.rowid
    ${entry}
    where learning_search match ${match} and ${allOf(entryConditions(params, { byIndex: { entryId: sql.raw("k.entry_id") } }))}
    order by learning_search.rowid desc limit ${windowSize(params)}`;
}

/** One page of keys, best first (ties by key, so pages never overlap), each row carrying the size of the window. */
async function rankedPage(db: Db, match: string, params: LearningSearchParams) {
  const { rows } = await sql<{ key: number; entry_id: string; matches: number }>`
    select page.key, k.entry_id, page.matches from (
      select w.key, w.score, count(*) over () as matches from (${window(match, params)}) w
      order by w.score, w.key limit ${params.pageSize} offset ${offsetOf(params)}
    ) page join learning_search_key k on k.id = page.key
    order by page.score, page.key`.execute(db);
  return rows;
}

/**
 * A last word that is already a whole word in many entries is not widened to longer words: FTS5
 * without a prefix index reads every posting of every longer word, and the first pages would not change.
 */
async function chooseMatch(db: Db, query: string): Promise<string | null> {
  const widened = ftsMatchExpression(query);
  const whole = ftsMatchExpression(query, { prefix: false });
  if (!widened || !whole || widened === whole) return widened;
  const found = await countCapped(
    db,
    sql`select 1 from learning_search where learning_search match ${whole}`,
    COUNT_CAP,
  );
  return found > COUNT_CAP ? whole : widened;
}

/**
 * Highlights for the page only. FTS5 is asked for matches at or below the page's highest key,
 * newest first, and the keys are compared with "+ 0" so they stay a plain filter: handed the keys
 * (or a lower bound) as constraints, FTS5 would read each posting list from its start.
 */
async function markedTexts(db: Db, match: string, keys: number[]) {
  if (keys.length === 0) return new Map<number, { title: string; excerpt: string }>();
  const { rows } = await sql<{ key: number; title: string; excerpt: string }>`
    select rowid as key,
      highlight(learning_search, 0, ${MARK_START}, ${MARK_END}) as title,
      snippet(learning_search, 1, ${MARK_START}, ${MARK_END}, ${"…"}, ${EXCERPT_TOKENS}) as excerpt
    from learning_search
    where learning_search match ${match} and rowid <= ${Math.max(...keys)} and (rowid + 0) in (${sql.join(keys)})
    order by rowid desc limit ${keys.length}`.execute(db);
  return new Map(rows.map((r) => [r.key, { title: r.title, excerpt: r.excerpt }]));
}

async function search(db: Db, params: LearningSearchParams): Promise<LearningSearchResult> {
  const match = await chooseMatch(db, params.query);
  if (!match) return newestShared(db, params);
  const ranked = await rankedPage(db, match, params);
  // Past the last page there is no row to carry the count.
  const cap = countCapOf(params);
  const counted = ranked.length
    ? ranked[0].matches
    : params.page === 1
      ? 0
      : await countCapped(db, sql`select key from (${window(match, params)})`, cap);
  const marked = await markedTexts(
    db,
    match,
    ranked.map((r) => r.key),
  );
  const page: RankedEntry[] = ranked.map((r) => ({
    entryId: r.entry_id,
    markedTitle: marked.get(r.key)?.title,
    excerpt: marked.get(r.key)?.excerpt,
  }));
  return { hits: await pageHits(db, page), ...cappedTotal(counted, cap) };
}

export const sqliteLearningSearch: LearningSearch = { indexEntry, indexEntries, removeEntry, search };
