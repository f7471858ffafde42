import type { Kysely, Transaction } from "kysely";
import type { ActionStatus, Database, LearningVisibility } from "../../../db/schema";
import { can, engagementSide, type Actor, type EngagementRef } from "../../auth/policy";
import { engagementRef, getEngagement, type EngagementRow } from "../engagement/core.server";

// Reading the learning log: one entry in full, an engagement's entries, and the choices forms and filters offer.
type Db = Kysely<Database> | Transaction<Database>;

export interface LearningAction {
  id: string;
  description: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  updatedAt: string;
  updatedByName: string;
}

export interface LearningEntryDetail {
  id: string;
  engagementId: string;
  title: string;
  insight: string;
  visibility: LearningVisibility;
  createdAt: string;
  updatedAt: string;
  /** The side that wrote it. */
  organisationId: string;
  organisationName: string;
  authorName: string;
  requesterName: string;
  pioneerName: string;
  requestTitle: string;
  offerTitle: string;
  engagement: EngagementRef;
  capabilities: { id: string; code: string; name: string }[];
  links: { id: string; title: string; url: string }[];
  actions: LearningAction[];
}

/** An entry with everything on it, whoever asks: callers decide with readLearningEntry or the policy. */
export async function getLearningEntry(db: Db, id: string): Promise<LearningEntryDetail | undefined> {
  const entry = await db
    .selectFrom("learning_entry")
    .innerJoin("organisation", "organisation.id", "learning_entry.organisation_id")
    .innerJoin("app_user", "app_user.id", "learning_entry.author_id")
    .select([
      "learning_entry.id",
      "learning_entry.engagement_id",
      "learning_entry.title",
      "learning_entry.insight",
      "learning_entry.visibility",
      "learning_entry.created_at",
      "learning_entry.updated_at",
      "learning_entry.organisation_id",
      "organisation.name as organisation_name",
      "app_user.name as author_name",
    ])
    .where("learning_entry.id", "=", id)
    .executeTakeFirst();
  if (!entry) return undefined;
  const [engagement, capabilities, links, actions] = await Promise.all([
    getEngagement(db, entry.engagement_id),
    db
      .selectFrom("learning_capability")
      .innerJoin("capability", "capability.id", "learning_capability.capability_id")
      .select(["capability.id", "capability.code", "capability.name"])
      .where("learning_capability.entry_id", "=", id)
      .orderBy("capability.position")
      .orderBy("capability.name")
      .execute(),
    db
      .selectFrom("learning_link")
      .select(["id", "title", "url"])
      .where("entry_id", "=", id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("learning_action")
      .innerJoin("app_user", "app_user.id", "learning_action.updated_by")
      .select([
        "learning_action.id",
        "learning_action.description",
        "learning_action.owner",
        "learning_action.due_on",
        "learning_action.status",
        "learning_action.updated_at",
        "app_user.name as updated_by_name",
      ])
      .where("learning_action.entry_id", "=", id)
      .orderBy("learning_action.due_on")
      .orderBy("learning_action.id")
      .execute(),
  ]);
  if (!engagement) return undefined;
  return {
    id: entry.id,
    engagementId: entry.engagement_id,
    title: entry.title,
    insight: entry.insight,
    visibility: entry.visibility,
    createdAt: entry.created_at,
    updatedAt: entry.updated_at,
    organisationId: entry.organisation_id,
    organisationName: entry.organisation_name,
    authorName: entry.author_name,
    requesterName: engagement.requester_name,
    pioneerName: engagement.pioneer_name,
    requestTitle: engagement.request_title,
    offerTitle: engagement.offer_title,
    engagement: engagementRef(engagement),
    capabilities,
    links,
    actions: actions.map((a) => ({
      id: a.id,
      description: a.description,
      owner: a.owner,
      dueOn: a.due_on,
      status: a.status,
      updatedAt: a.updated_at,
      updatedByName: a.updated_by_name,
    })),
  };
}

/** The entry if the actor may read it; a private entry does not exist for anyone outside the two trusts. */
export async function readLearningEntry(db: Db, id: string, actor: Actor): Promise<LearningEntryDetail | undefined> {
  const entry = await getLearningEntry(db, id);
  if (!entry || !can(actor, { action: "learning:view", visibility: entry.visibility, engagement: entry.engagement }))
    return undefined;
  return entry;
}

/** What the actor may do with an entry they can read. */
export function learningPermissions(actor: Actor, entry: Pick<LearningEntryDetail, "engagement" | "organisationId">) {
  const works = can(actor, { action: "engagement:work", engagement: entry.engagement });
  return {
    /** Either trust keeps the actions up to date. */
    mayUpdateActions: works,
    /** Only the side that wrote the entry changes what it says. */
    mayEdit: can(actor, {
      action: "learning:edit",
      authorOrganisationId: entry.organisationId,
      engagement: entry.engagement,
    }),
    mayViewEngagement: can(actor, { action: "engagement:view", engagement: entry.engagement }),
  };
}

export interface EngagementLearningEntry {
  id: string;
  title: string;
  visibility: LearningVisibility;
  createdAt: string;
  organisationName: string;
  authorName: string;
  capabilities: string[];
  /** Actions still open or in progress, soonest due first. */
  openActions: { id: string; description: string; owner: string; dueOn: string; status: ActionStatus }[];
}

/** Props for the engagement page's learning section, as plain data. */
export interface EngagementLearningData {
  engagementId: string;
  mayRecord: boolean;
  entries: EngagementLearningEntry[];
}

/**
 * The entries of one engagement the actor may read, newest first: shared ones for anyone who sees
 * the engagement, private ones too for the two trusts. Four queries however many entries there are.
 */
export async function engagementLearning(
  db: Db,
  engagementOrId: string | EngagementRow,
  actor: Actor,
): Promise<EngagementLearningData> {
  // A page that has already read the engagement passes it, saving the read.
  const engagement = typeof engagementOrId === "string" ? await getEngagement(db, engagementOrId) : engagementOrId;
  if (!engagement) return { engagementId: engagementOrId as string, mayRecord: false, entries: [] };
  const engagementId = engagement.id;
  const ref = engagementRef(engagement);
  const insider = engagementSide(actor, ref) !== null;
  let query = db
    .selectFrom("learning_entry")
    .innerJoin("organisation", "organisation.id", "learning_entry.organisation_id")
    .innerJoin("app_user", "app_user.id", "learning_entry.author_id")
    .select([
      "learning_entry.id",
      "learning_entry.title",
      "learning_entry.visibility",
      "learning_entry.created_at",
      "organisation.name as organisation_name",
      "app_user.name as author_name",
    ])
    .where("learning_entry.engagement_id", "=", engagementId);
  if (!insider) query = query.where("learning_entry.visibility", "=", "shared");
  const entries = (
    await query.orderBy("learning_entry.created_at", "desc").orderBy("learning_entry.id").execute()
  ).filter((e) => can(actor, { action: "learning:view", visibility: e.visibility, engagement: ref }));
  const ids = entries.map((e) => e.id);
  const [capabilities, actions] = ids.length
    ? await Promise.all([
        db
          .selectFrom("learning_capability")
          .innerJoin("capability", "capability.id", "learning_capability.capability_id")
          .select(["learning_capability.entry_id", "capability.name"])
          .where("learning_capability.entry_id", "in", ids)
          .orderBy("capability.position")
          .orderBy("capability.name")
          .execute(),
        db
          .selectFrom("learning_action")
          .select(["id", "entry_id", "description", "owner", "due_on", "status"])
          .where("engagement_id", "=", engagementId)
          .where("status", "in", ["open", "in_progress"])
          .where("entry_id", "in", ids)
          .orderBy("due_on")
          .orderBy("id")
          .execute(),
      ])
    : [[], []];
  return {
    engagementId,
    mayRecord: can(actor, { action: "engagement:work", engagement: ref }),
    entries: entries.map((e) => ({
      id: e.id,
      title: e.title,
      visibility: e.visibility,
      createdAt: e.created_at,
      organisationName: e.organisation_name,
      authorName: e.author_name,
      capabilities: capabilities.filter((c) => c.entry_id === e.id).map((c) => c.name),
      openActions: actions
        .filter((a) => a.entry_id === e.id)
        .map((a) => ({ id: a.id, description: a.description, owner: a.owner, dueOn: a.due_on, status: a.status })),
    })),
  };
}

/** Capabilities a learning form offers: current ones, plus retired ones the entry already has. */
export function learningCapabilityChoices(db: Db, keep: string[] = []) {
  return db
    .selectFrom("capability")
    .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
    .select(["capability.id", "capability.name", "capability_domain.name as domain_name"])
    .where((eb) =>
      keep.length
        ? eb.or([eb("capability.retired_at", "is", null), eb("capability.id", "in", keep)])
        : eb("capability.retired_at", "is", null),
    )
    .orderBy("capability_domain.position")
    .orderBy("capability.position")
    .orderBy("capability.name")
    .execute();
}

/** What the library can be filtered by. Retired capabilities stay, since older entries carry them. */
export async function libraryFilterChoices(db: Db) {
  const [capabilities, formats, regions] = await Promise.all([
    db
      .selectFrom("capability")
      .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
      .select(["capability.id", "capability.name", "capability.retired_at"])
      .orderBy("capability_domain.position")
      .orderBy("capability.position")
      .orderBy("capability.name")
      .execute(),
    db.selectFrom("offer_format").select(["code", "name"]).orderBy("position").execute(),
    db.selectFrom("region").select(["code", "name"]).orderBy("name").execute(),
  ]);
  return {
    capabilities: capabilities.map((c) => ({ id: c.id, name: c.retired_at ? `${c.name} (retired)` : c.name })),
    formats,
    regions,
  };
}
