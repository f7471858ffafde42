import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { learningSearch } from "../../../app/models/learning/search/index.server";
import type { PhaseRun } from "./progress";

const ENTRIES_PER_TRANSACTION = 2_000;
/** Entries per batch of statements: ids and rows stay well under both engines' bound-value limits. */
const ENTRIES_PER_BATCH = 500;

/**
 * Indexes the entries through the learning search module, the one place that knows what the
 * index holds (and that private entries stay out of it), a few thousand per transaction, written
 * a few hundred at a time.
 */
export async function indexLearning(db: Kysely<Database>, entryIds: readonly string[], phase: PhaseRun): Promise<void> {
  const search = learningSearch(db);
  for (let start = 0; start < entryIds.length; start += ENTRIES_PER_TRANSACTION) {
    const slice = entryIds.slice(start, start + ENTRIES_PER_TRANSACTION);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < slice.length; i += ENTRIES_PER_BATCH)
        await search.indexEntries(trx, slice.slice(i, i + ENTRIES_PER_BATCH));
    });
    phase.advance(slice.length);
  }
}
