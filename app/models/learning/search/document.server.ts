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
  const entry = await trx
    .selectFrom("learning_entry")
    .select(["title", "insight", "visibility"])
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry) return undefined;
  const [links, actions, capabilities] = await Promise.all([
    trx.selectFrom("learning_link").select("title").where("entry_id", "=", entryId).orderBy("position").execute(),
    trx
      .selectFrom("learning_action")
      .select("description")
      .where("entry_id", "=", entryId)
      .orderBy("due_on")
      .orderBy("id")
      .execute(),
    trx
      .selectFrom("learning_capability")
      .innerJoin("capability", "capability.id", "learning_capability.capability_id")
      .select("capability.name")
      .where("learning_capability.entry_id", "=", entryId)
      .orderBy("capability.name")
      .execute(),
  ]);
  const body = [
    entry.insight,
    ...links.map((l) => l.title),
    ...actions.map((a) => a.description),
    ...capabilities.map((c) => c.name),
  ].join("\n");
  return { visibility: entry.visibility, title: entry.title, body };
}

/**
 * What the index holds for many entries at once, in four reads, for bulk loads; entries that are
 * gone are missing from the map. Each document is the same as searchDocument's.
 */
export async function searchDocuments(trx: Db, entryIds: readonly string[]): Promise<Map<string, SearchDocument>> {
  const documents = new Map<string, SearchDocument>();
  if (entryIds.length === 0) return documents;
  const ids = [...entryIds];
  const [entries, links, actions, capabilities] = await Promise.all([
    trx.selectFrom("learning_entry").select(["id", "title", "insight", "visibility"]).where("id", "in", ids).execute(),
    trx
      .selectFrom("learning_link")
      .select(["entry_id", "title"])
      .where("entry_id", "in", ids)
      .orderBy("entry_id")
      .orderBy("position")
      .execute(),
    trx
      .selectFrom("learning_action")
      .select(["entry_id", "description"])
      .where("entry_id", "in", ids)
      .orderBy("entry_id")
      .orderBy("due_on")
      .orderBy("id")
      .execute(),
    trx
      .selectFrom("learning_capability")
      .innerJoin("capability", "capability.id", "learning_capability.capability_id")
      .select(["learning_capability.entry_id", "capability.name"])
      .where("learning_capability.entry_id", "in", ids)
      .orderBy("learning_capability.entry_id")
      .orderBy("capability.name")
      .execute(),
  ]);
  const grouped = (rows: { entry_id: string; text: string }[]) => {
    const byEntry = new Map<string, string[]>();
    for (const row of rows) byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row.text]);
    return byEntry;
  };
  const linkTitles = grouped(links.map((l) => ({ entry_id: l.entry_id, text: l.title })));
  const actionTexts = grouped(actions.map((a) => ({ entry_id: a.entry_id, text: a.description })));
  const capabilityNames = grouped(capabilities.map((c) => ({ entry_id: c.entry_id, text: c.name })));
  for (const entry of entries) {
    const body = [
      entry.insight,
      ...(linkTitles.get(entry.id) ?? []),
      ...(actionTexts.get(entry.id) ?? []),
      ...(capabilityNames.get(entry.id) ?? []),
    ].join("\n");
    documents.set(entry.id, { visibility: entry.visibility, title: entry.title, body });
  }
  return documents;
}
