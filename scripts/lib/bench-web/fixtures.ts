import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { connect } from "../../../db/connect";
import { learningSearch } from "../../../app/models/learning/search/index.server";

/**
 * Two-word searches a person might type. On the scaled data each finds between about 1.5% and
 * 5.5% of shared entries (printed with the results); broad ones such as "run charts" (a third of
 * the library) are left out, as a person would add a word.
 */
export const SEARCH_QUERIES = [
  "discharge huddles",
  "sepsis screening",
  "pressure ulcers",
  "falls huddles",
  "pareto analysis",
  "schwartz rounds",
  "theatre utilisation",
  "kamishibai audits",
];

export interface QueryHits {
  query: string;
  /** Matches, counted up to the search's own cap. */
  hits: number;
  moreThan: boolean;
}

export interface Fixtures {
  requestIds: string[];
  engagementIds: string[];
  roundIds: string[];
  queries: QueryHits[];
}

const ids = async (db: Kysely<Database>, query: ReturnType<typeof sql<{ id: string }>>) =>
  (await query.execute(db)).rows.map((r) => r.id);

/** Reads what the load needs from the benchmark database, on either engine: pages to visit, and how much each search finds. */
export async function readFixtures(databaseUrl: string, queries: readonly string[]): Promise<Fixtures> {
  const { db, close } = connect(databaseUrl);
  try {
    const requestIds = await ids(
      db,
      sql<{ id: string }>`select r.id from help_request r join organisation o on o.id = r.organisation_id
      where r.status = 'submitted' and o.ods_code like 'Z%' order by r.id limit 20`,
    );
    const engagementIds = await ids(db, sql<{ id: string }>`select id from engagement order by id limit 20`);
    const roundIds = await ids(db, sql<{ id: string }>`select id from match_round order by created_at desc limit 5`);
    const search = learningSearch(db);
    const hits: QueryHits[] = [];
    for (const query of queries) {
      const result = await search.search(db, { query, page: 1, pageSize: 10 });
      hits.push({ query, hits: result.total, moreThan: result.moreThanTotal });
    }
    return { requestIds, engagementIds, roundIds, queries: hits };
  } finally {
    await close();
  }
}
