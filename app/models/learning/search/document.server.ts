import type { LearningVisibility } from "../../../../db/schema";
import type { Db } from "./types";

export interface SearchDocument {
  visibility: LearningVisibility;
  title: string;
  /** The insight, then link titles, action descriptions and capability names, so any of them finds the entry. */
  body: string;
}

/** What the index holds for one entry, read inside the writer's transaction; undefined if the entry is gone. */
export async function searchDocument(trx: Db, entryId: string): Promise<SearchDocument | undefined> {
  const entry = await trx.selectFrom("learning_entry").select(["title", "insight", "visibility"]).where("id", "=", entryId).executeTakeFirst();
  if (!entry) return undefined;
  const [links, actions, capabilities] = await Promise.all([
    trx.selectFrom("learning_link").select("title").where("entry_id", "=", entryId).orderBy("position").execute(),
    trx.selectFrom("learning_action").select("description").where("entry_id", "=", entryId).orderBy("due_on").orderBy("id").execute(),
    trx
      .selectFrom("learning_capability")
      .innerJoin("capability", "capability.id", "learning_capability.capability_id")
      .select("capability.name")
      .where("learning_capability.entry_id", "=", entryId)
      .orderBy("capability.name")
      .execute(),
  ]);
  const body = [entry.insight, ...links.map((l) => l.title), ...actions.map((a) => a.description), ...capabilities.map((c) => c.name)].join("\n");
  return { visibility: entry.visibility, title: entry.title, body };
}
