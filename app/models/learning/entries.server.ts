import type { Kysely, Transaction } from "kysely";
import type { ActionStatus, Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { isIsoDate, monotonicIso } from "../../lib/dates";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { newId } from "../../lib/ids";
import {
  actionStatusLabel,
  webAddress,
  type ActionInput,
  type LearningEntryFields,
  type NewLearningFields,
} from "../../schemas/learning";
import { engagementRef, getEngagement, recordEngagementEvent } from "../engagement/core.server";
import { learningLibraryChanged, markLearningLibraryChanged } from "./search/cache.server";
import { learningSearch } from "./search/index.server";
import { DATE_EXAMPLE } from "../../lib/date-hint";

// Writing the learning log: recording an entry, editing it, and keeping its actions up to date.
// Each write re-checks who is asking, and writes the entry, its parts, the timeline and the
// search index in one transaction.
type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export { engagementLearning } from "./queries.server";

/** Capabilities must exist and be current; a retired one stays on an entry that already had it. */
async function checkCapabilities(trx: Trx, ids: string[], kept: string[] = []): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0)
    throw new Refused("Select at least one capability this learning is about", { code: "capabilities" });
  const found = await trx.selectFrom("capability").select(["id", "retired_at"]).where("id", "in", unique).execute();
  if (found.length !== unique.length || !found.every((c) => c.retired_at === null || kept.includes(c.id))) {
    throw new Refused("Select capabilities from the list", { code: "capabilities" });
  }
  return unique;
}

function checkFields(fields: LearningEntryFields) {
  if (!fields.title.trim()) throw new Refused("Enter a title", { code: "title_missing" });
  if (!fields.insight.trim()) throw new Refused("Describe what was learned", { code: "insight_missing" });
  if (fields.visibility !== "shared" && fields.visibility !== "private")
    throw new Refused("Select who can read this entry", { code: "visibility" });
  for (const link of fields.links) {
    if (!link.title.trim() || !webAddress(link.url))
      throw new Refused("Each link needs a title and a full web address starting with https://");
  }
}

function checkActions(actions: ActionInput[]) {
  for (const action of actions) {
    if (!action.description.trim() || !action.owner.trim() || !isIsoDate(action.dueOn)) {
      throw new Refused("Each action needs a description, an owner and a real due date");
    }
  }
}

async function writeLinks(trx: Trx, entryId: string, links: LearningEntryFields["links"]) {
  await trx.deleteFrom("learning_link").where("entry_id", "=", entryId).execute();
  if (links.length === 0) return;
  await trx
    .insertInto("learning_link")
    .values(
      links.map((link, position) => ({
        id: newId(),
        entry_id: entryId,
        title: link.title.trim(),
        url: webAddress(link.url)!,
        position,
      })),
    )
    .execute();
}

async function writeCapabilities(trx: Trx, entryId: string, capabilityIds: string[]) {
  await trx.deleteFrom("learning_capability").where("entry_id", "=", entryId).execute();
  await trx
    .insertInto("learning_capability")
    .values(capabilityIds.map((capability_id) => ({ entry_id: entryId, capability_id })))
    .execute();
}

/** The engagement with its two trusts, if the actor works on it; otherwise a refusal that says why. */
async function workableEngagement(trx: Db | Trx, actor: Actor, engagementId: string) {
  const engagement = await getEngagement(trx, engagementId);
  if (!engagement) throw new NotFound("Engagement");
  if (!can(actor, { action: "engagement:work", engagement: engagementRef(engagement) })) throw new Forbidden();
  return engagement;
}

/** Records what one side learned, with its capabilities, links and actions, while the engagement runs or after it ended. */
export async function recordLearning(
  db: Db,
  input: { actor: Actor; engagementId: string; fields: NewLearningFields },
): Promise<string> {
  const { actor, fields } = input;
  checkFields(fields);
  checkActions(fields.actions);
  const entryId = await db.transaction().execute(async (trx) => {
    const engagement = await workableEngagement(trx, actor, input.engagementId);
    const capabilityIds = await checkCapabilities(trx, fields.capabilityIds);
    const id = newId();
    const now = monotonicIso();
    await trx
      .insertInto("learning_entry")
      .values({
        id,
        engagement_id: engagement.id,
        // The side the author speaks for; the policy has just confirmed it is one of the two trusts.
        organisation_id: actor.organisationId!,
        author_id: actor.id,
        title: fields.title.trim(),
        insight: fields.insight.trim(),
        visibility: fields.visibility,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeCapabilities(trx, id, capabilityIds);
    await writeLinks(trx, id, fields.links);
    if (fields.actions.length) {
      await trx
        .insertInto("learning_action")
        .values(
          fields.actions.map((a) => ({
            id: newId(),
            entry_id: id,
            engagement_id: engagement.id,
            description: a.description.trim(),
            owner: a.owner.trim(),
            due_on: a.dueOn,
            status: "open" as const,
            updated_by: actor.id,
            updated_at: now,
          })),
        )
        .execute();
    }
    // The timeline is read by coordinators too, so a private entry is not named there.
    const note =
      fields.visibility === "shared"
        ? `Learning recorded: ${fields.title.trim()}`
        : "A private learning entry was recorded";
    await recordEngagementEvent(trx, {
      engagementId: engagement.id,
      kind: "learning_recorded",
      actorId: actor.id,
      note,
      createdAt: now,
    });
    await learningSearch(trx).indexEntry(trx, id);
    if (fields.visibility === "shared") await markLearningLibraryChanged(trx);
    return id;
  });
  learningLibraryChanged(db);
  return entryId;
}

async function entryOf(trx: Trx, entryId: string) {
  const entry = await trx
    .selectFrom("learning_entry")
    .select(["id", "engagement_id", "organisation_id", "visibility"])
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry) throw new NotFound("Learning entry");
  return entry;
}

/** Changes an entry's title, insight, capabilities, visibility and links: only its author's side may. */
export async function updateLearning(
  db: Db,
  input: { actor: Actor; entryId: string; fields: LearningEntryFields },
): Promise<void> {
  const { actor, fields } = input;
  checkFields(fields);
  await db.transaction().execute(async (trx) => {
    const entry = await entryOf(trx, input.entryId);
    const engagement = await workableEngagement(trx, actor, entry.engagement_id);
    if (
      !can(actor, {
        action: "learning:edit",
        authorOrganisationId: entry.organisation_id,
        engagement: engagementRef(engagement),
      })
    )
      throw new Forbidden();
    const current = await trx
      .selectFrom("learning_capability")
      .select("capability_id")
      .where("entry_id", "=", entry.id)
      .execute();
    const capabilityIds = await checkCapabilities(
      trx,
      fields.capabilityIds,
      current.map((c) => c.capability_id),
    );
    await trx
      .updateTable("learning_entry")
      .set({
        title: fields.title.trim(),
        insight: fields.insight.trim(),
        visibility: fields.visibility,
        updated_at: monotonicIso(),
      })
      .where("id", "=", entry.id)
      .execute();
    await writeCapabilities(trx, entry.id, capabilityIds);
    await writeLinks(trx, entry.id, fields.links);
    await learningSearch(trx).indexEntry(trx, entry.id);
    await markLearningLibraryChanged(trx);
  });
  learningLibraryChanged(db);
}

export interface ActionChange {
  status: ActionStatus;
  owner: string;
  dueOn: string;
}

/** What changed, in words, for the timeline. */
function describeChange(before: ActionChange, after: ActionChange): string[] {
  const changes: string[] = [];
  if (before.status !== after.status)
    changes.push(`status ${actionStatusLabel(before.status)} to ${actionStatusLabel(after.status)}`);
  if (before.owner !== after.owner) changes.push(`owner ${before.owner} to ${after.owner}`);
  if (before.dueOn !== after.dueOn) changes.push(`due date ${before.dueOn} to ${after.dueOn}`);
  return changes;
}

/**
 * Either trust updates an action's status, owner or due date as work goes on; each change goes on
 * the engagement's timeline. Returns false when nothing differed, and then writes nothing.
 */
export async function updateLearningAction(
  db: Db,
  input: { actor: Actor; actionId: string; change: ActionChange },
): Promise<boolean> {
  const { actor, change } = input;
  const after = { status: change.status, owner: change.owner.trim(), dueOn: change.dueOn };
  if (!after.owner) throw new Refused("Enter who owns the action", { code: "action_owner" });
  if (!isIsoDate(after.dueOn))
    throw new Refused(`The due date must be a real date, like ${DATE_EXAMPLE}`, { code: "action_due" });
  if (!["open", "in_progress", "done", "dropped"].includes(after.status))
    throw new Refused("Select the status of the action", { code: "action_status" });
  return db.transaction().execute(async (trx) => {
    const action = await trx
      .selectFrom("learning_action")
      .innerJoin("learning_entry", "learning_entry.id", "learning_action.entry_id")
      .select([
        "learning_action.id",
        "learning_action.engagement_id",
        "learning_action.description",
        "learning_action.status",
        "learning_action.owner",
        "learning_action.due_on",
        "learning_entry.visibility",
      ])
      .where("learning_action.id", "=", input.actionId)
      .executeTakeFirst();
    if (!action) throw new NotFound("Action");
    await workableEngagement(trx, actor, action.engagement_id);
    const changes = describeChange({ status: action.status, owner: action.owner, dueOn: action.due_on }, after);
    if (changes.length === 0) return false;
    const now = monotonicIso();
    await trx
      .updateTable("learning_action")
      .set({ status: after.status, owner: after.owner, due_on: after.dueOn, updated_by: actor.id, updated_at: now })
      .where("id", "=", action.id)
      .execute();
    // As with recording, the timeline does not repeat what a private entry says.
    const note =
      action.visibility === "shared"
        ? `Action "${action.description}": ${changes.join("; ")}`
        : "An action on a private learning entry was updated";
    await recordEngagementEvent(trx, {
      engagementId: action.engagement_id,
      kind: "action_updated",
      actorId: actor.id,
      note,
      createdAt: now,
    });
    return true;
  });
}
