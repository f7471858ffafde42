import { PostgresAdapter } from "kysely";
import { postgresLearningSearch } from "./postgres.server";
import { sqliteLearningSearch } from "./sqlite.server";
import type { Db, LearningSearch } from "./types";

export { COUNT_CAP, FILTERED_COUNT_CAP } from "./types";
export type { LearningSearch, LearningSearchHit, LearningSearchParams, LearningSearchResult } from "./types";

/** The learning library's full-text search for the engine behind this handle. */
export function learningSearch(db: Db): LearningSearch {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresLearningSearch : sqliteLearningSearch;
}
