import SQLite from "better-sqlite3";
import { ftsMatchExpression } from "../../../app/domain/learning-search/fts-query";

/**
 * Two-word searches a person might type. On the scaled data each finds between about 1.5% and
 * 5.5% of shared entries (printed with the results); broad ones such as "run charts" (a third of
 * the library) are left out, as a person would add a word.
 */
export const SEARCH_QUERIES = ["discharge huddles", "sepsis screening", "pressure ulcers", "falls huddles", "pareto analysis", "schwartz rounds", "theatre utilisation", "kamishibai audits"];

export interface QueryHits {
  query: string;
  hits: number;
  /** Share of the shared entries the query finds. */
  share: number;
}

/** Reads what the load needs from the benchmark database: ids of submitted requests, and how many entries each search finds. */
export function readFixtures(file: string, queries: readonly string[]): { requestIds: string[]; queries: QueryHits[]; sharedEntries: number } {
  const db = new SQLite(file, { readonly: true });
  try {
    const requestIds = (
      db
        .prepare(
          `select r.id from help_request r join organisation o on o.id = r.organisation_id
           where r.status = 'submitted' and o.ods_code like 'Z%' order by r.id limit 50`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
    const sharedEntries = (db.prepare("select count(*) as n from learning_entry where visibility = 'shared'").get() as { n: number }).n;
    const count = db.prepare("select count(*) as n from learning_search where learning_search match ?");
    const hits = queries.map((query) => {
      const match = ftsMatchExpression(query);
      const n = match ? (count.get(match) as { n: number }).n : 0;
      return { query, hits: n, share: sharedEntries ? n / sharedEntries : 0 };
    });
    return { requestIds, queries: hits, sharedEntries };
  } finally {
    db.close();
  }
}
