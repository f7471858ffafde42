import { sql } from "kysely";
import { searchDocument, searchDocuments } from "./document.server";
import { allOf, countCapOf, entryConditions, hasFilters } from "./filters.server";
import {
  cappedTotal,
  countCapped,
  countIsKnown,
  newestShared,
  offsetOf,
  pageHits,
  type RankedEntry,
} from "./hits.server";
import { MARK_END, MARK_START } from "../../../domain/learning-search/markers";
import type { Db, LearningSearch, LearningSearchParams, LearningSearchResult } from "./types";

/**
 * A weighted tsvector per shared entry (title A, body B) behind a GIN index. ts_rank_cd weighs A
 * at 1.0 and B at 0.4, so a word in the title outranks the same word in the body.
 * websearch_to_tsquery accepts anything a person types, so user text never breaks the query.
 */
const QUERY = (text: string) => sql`websearch_to_tsquery('english', ${text})`;
const TITLE_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const BODY_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=16, MaxFragments=2, FragmentDelimiter=" … "`;

async function removeEntry(trx: Db, entryId: string): Promise<void> {
  await sql`delete from learning_search where entry_id = ${entryId}`.execute(trx);
}

async function indexEntry(trx: Db, entryId: string): Promise<void> {
  const document = await searchDocument(trx, entryId);
  // Private entries stay out of the index altogether, so no search can ever reach them.
  if (!document || document.visibility !== "shared") return removeEntry(trx, entryId);
  await sql`
    insert into learning_search (entry_id, title, body, document)
    values (${entryId}, ${document.title}, ${document.body},
      setweight(to_tsvector('english', ${document.title}), 'A') || setweight(to_tsvector('english', ${document.body}), 'B'))
    on conflict (entry_id) do update set title = excluded.title, body = excluded.body, document = excluded.document`.execute(
    trx,
  );
}

async function indexEntries(trx: Db, entryIds: readonly string[]): Promise<void> {
  const documents = await searchDocuments(trx, entryIds);
  const shared = [...documents].filter(([, d]) => d.visibility === "shared");
  const unshared = entryIds.filter((id) => documents.get(id)?.visibility !== "shared");
  if (unshared.length > 0)
    await sql`delete from learning_search where entry_id in (${sql.join(unshared)})`.execute(trx);
  if (shared.length === 0) return;
  const rows = shared.map(
    ([id, d]) =>
      sql`(${id}, ${d.title}, ${d.body}, setweight(to_tsvector('english', ${d.title}), 'A') || setweight(to_tsvector('english', ${d.body}), 'B'))`,
  );
  await sql`
    insert into learning_search (entry_id, title, body, document) values ${sql.join(rows)}
    on conflict (entry_id) do update set title = excluded.title, body = excluded.body, document = excluded.document`.execute(
    trx,
  );
}

/** Stop words and punctuation alone make an empty tsquery, which is searched as no query at all. */
async function isEmptyQuery(db: Db, text: string): Promise<boolean> {
  if (!text.trim()) return true;
  const { rows } = await sql<{ nodes: number }>`select numnode(${QUERY(text)}) as nodes`.execute(db);
  return Number(rows[0]?.nodes ?? 0) === 0;
}

function matching(params: LearningSearchParams) {
  const filters = hasFilters(params)
    ? sql`join learning_entry e on e.id = s.entry_id and ${allOf(entryConditions(params))}`
    : sql``;
  return sql`from learning_search s ${filters} cross join ${QUERY(params.query)} q where s.document @@ q`;
}

async function search(db: Db, input: LearningSearchParams): Promise<LearningSearchResult> {
  // PostgreSQL refuses NUL in text; other control characters are only separators.
  // Control characters are what this removes: PostgreSQL refuses NUL in text.
  // eslint-disable-next-line no-control-regex
  const params = { ...input, query: input.query.replace(/[\u0000-\u001f\u007f]/g, " ") };
  if (await isEmptyQuery(db, params.query)) return newestShared(db, params);
  const { rows: ranked } = await sql<{ entry_id: string }>`
    select s.entry_id ${matching(params)}
    order by ts_rank_cd(s.document, q) desc, s.entry_id
    limit ${params.pageSize} offset ${offsetOf(params)}`.execute(db);
  const ids = ranked.map((r) => r.entry_id);
  const [counted, marked] = await Promise.all([
    countIsKnown(params, ranked.length)
      ? ranked.length
      : countCapped(db, sql`select 1 ${matching(params)}`, countCapOf(params)),
    ids.length === 0
      ? { rows: [] }
      : sql<{ entry_id: string; title: string; excerpt: string }>`
          select s.entry_id, ts_headline('english', s.title, q, ${TITLE_HEADLINE}) as title, ts_headline('english', s.body, q, ${BODY_HEADLINE}) as excerpt
          from learning_search s cross join ${QUERY(params.query)} q
          where s.entry_id in (${sql.join(ids)})`.execute(db),
  ]);
  const byId = new Map(marked.rows.map((r) => [r.entry_id, r]));
  const page: RankedEntry[] = ids.map((id) => ({
    entryId: id,
    markedTitle: byId.get(id)?.title,
    excerpt: byId.get(id)?.excerpt,
  }));
  return { hits: await pageHits(db, page), ...cappedTotal(counted, countCapOf(params)) };
}

export const postgresLearningSearch: LearningSearch = { indexEntry, indexEntries, removeEntry, search };
