import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { learningSearch } from "../../../app/models/learning/search/index.server";
import type { PhaseRun } from "./progress";

const ENTRIES_PER_TRANSACTION = 2_000;

/**
 * Indexes the entries through the learning search module, the one place that knows what the
 * index holds (and that private entries stay out of it), a few thousand per transaction.
 */
export async function indexLearning(db: Kysely<Database>, entryIds: readonly string[], phase: PhaseRun): Promise<void> {
  const search = learningSearch(db);
  for (let start = 0; start < entryIds.length; start += ENTRIES_PER_TRANSACTION) {
    const slice = entryIds.slice(start, start + ENTRIES_PER_TRANSACTION);
    await db.transaction().execute(async (trx) => {
      for (const id of slice) await search.indexEntry(trx, id);
    });
    phase.advance(slice.length);
  }
}
