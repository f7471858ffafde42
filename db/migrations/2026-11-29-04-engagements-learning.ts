import { PostgresAdapter, sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // An accepted match becomes an engagement between the two trusts. The organisations are copied
  // from the match so access checks and dashboards need no four-table join.
  await db.schema
    .createTable("engagement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("match_id", "text", (c) => c.notNull().unique().references("outreach_match.id"))
    .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id"))
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id"))
    .addColumn("requester_organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("pioneer_organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("ended_by", "text", (c) => c.references("app_user.id"))
    .addColumn("end_reason", "text")
    .addColumn("follow_up_due_on", "text")
    .execute();
  await db.schema
    .createIndex("engagement_requester_idx")
    .on("engagement")
    .columns(["requester_organisation_id", "status"])
    .execute();
  await db.schema
    .createIndex("engagement_pioneer_idx")
    .on("engagement")
    .columns(["pioneer_organisation_id", "status"])
    .execute();
  await db.schema.createIndex("engagement_offer_idx").on("engagement").column("offer_id").execute();

  // What happened, in order: sessions planned, held, cancelled or moved, the engagement ending.
  await db.schema
    .createTable("engagement_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("session_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("actor_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("engagement_event_idx")
    .on("engagement_event")
    .columns(["engagement_id", "created_at"])
    .execute();

  // The requester's pre-visit questionnaire, one per engagement, read by the pioneer.
  await db.schema
    .createTable("engagement_questionnaire")
    .addColumn("engagement_id", "text", (c) => c.primaryKey().references("engagement.id").onDelete("cascade"))
    .addColumn("wants_to_see", "text", (c) => c.notNull())
    .addColumn("current_data", "text", (c) => c.notNull())
    .addColumn("questions", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("answered_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("answered_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("outreach_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    // Local time in England, YYYY-MM-DDTHH:MM: what people agreed, not an instant to convert.
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("format_code", "text", (c) => c.notNull().references("offer_format.code"))
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("video_link", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("outcome_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("recorded_by", "text", (c) => c.references("app_user.id"))
    .addColumn("recorded_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outreach_session_engagement_idx")
    .on("outreach_session")
    .columns(["engagement_id", "starts_at"])
    .execute();

  // Who is expected per audience level, and who came once the session is recorded as held.
  await db.schema
    .createTable("session_attendance")
    .addColumn("session_id", "text", (c) => c.notNull().references("outreach_session.id").onDelete("cascade"))
    .addColumn("audience_code", "text", (c) => c.notNull().references("audience_level.code"))
    .addColumn("planned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attended", "integer")
    .addPrimaryKeyConstraint("session_attendance_pk", ["session_id", "audience_code"])
    .execute();

  await db.schema
    .createTable("learning_entry")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("insight", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("learning_entry_engagement_idx").on("learning_entry").column("engagement_id").execute();
  await db.schema
    .createIndex("learning_entry_shared_idx")
    .on("learning_entry")
    .columns(["visibility", "created_at"])
    .execute();

  await db.schema
    .createTable("learning_capability")
    .addColumn("entry_id", "text", (c) => c.notNull().references("learning_entry.id").onDelete("cascade"))
    .addColumn("capability_id", "text", (c) => c.notNull().references("capability.id"))
    .addPrimaryKeyConstraint("learning_capability_pk", ["entry_id", "capability_id"])
    .execute();
  await db.schema
    .createIndex("learning_capability_capability_idx")
    .on("learning_capability")
    .columns(["capability_id", "entry_id"])
    .execute();

  // Tools and documents shared, as links.
  await db.schema
    .createTable("learning_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("learning_entry.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("learning_link_entry_idx").on("learning_link").column("entry_id").execute();

  // Actions agreed, each with an owner, a due date and a status updated as work goes on.
  await db.schema
    .createTable("learning_action")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("learning_entry.id").onDelete("cascade"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("updated_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("learning_action_engagement_idx")
    .on("learning_action")
    .columns(["engagement_id", "status"])
    .execute();
  await db.schema.createIndex("learning_action_entry_idx").on("learning_action").column("entry_id").execute();

  // One rating per side once the engagement has ended.
  await db.schema
    .createTable("engagement_feedback")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("usefulness", "integer", (c) => c.notNull())
    .addColumn("preparation", "integer", (c) => c.notNull())
    .addColumn("would_recommend", "integer", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("given_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("given_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("engagement_feedback_pk", ["engagement_id", "organisation_id"])
    .execute();

  // Impact, measured when the requester re-assesses: the change in maturity on the capabilities
  // the request targeted, between the assessment before the engagement and the first one after.
  await db.schema
    .createTable("engagement_impact")
    .addColumn("engagement_id", "text", (c) => c.primaryKey().references("engagement.id").onDelete("cascade"))
    .addColumn("before_assessment_id", "text", (c) => c.notNull().references("assessment.id"))
    .addColumn("after_assessment_id", "text", (c) => c.notNull().references("assessment.id"))
    .addColumn("mean_change", "double precision", (c) => c.notNull())
    .addColumn("capabilities_measured", "integer", (c) => c.notNull())
    .addColumn("measured_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("engagement_impact_capability")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagement.id").onDelete("cascade"))
    .addColumn("capability_id", "text", (c) => c.notNull().references("capability.id"))
    .addColumn("before_maturity", "integer", (c) => c.notNull())
    .addColumn("after_maturity", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("engagement_impact_capability_pk", ["engagement_id", "capability_id"])
    .execute();

  await createLearningSearch(db);
}

/**
 * The full-text index over learning entries: one table name, two shapes. SQLite gets an FTS5
 * table (porter stemming, so "visits" finds "visit"); PostgreSQL a tsvector with a GIN index.
 * Rows are written by the learning model in the same transaction as the entry.
 */
async function createLearningSearch(db: Kysely<any>) {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create table learning_search (
      entry_id text primary key references learning_entry(id) on delete cascade,
      title text not null,
      body text not null,
      document tsvector not null
    )`.execute(db);
    await sql`create index learning_search_document_idx on learning_search using gin (document)`.execute(db);
  } else {
    // FTS5 rows are keyed by integer; this table gives each entry a stable one (an implicit rowid
    // may change on VACUUM), so an entry's row can be replaced without scanning the index.
    await sql`create table learning_search_key (
      id integer primary key,
      entry_id text not null unique references learning_entry(id) on delete cascade
    )`.execute(db);
    await sql`create virtual table learning_search using fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "learning_search",
    ...(db.getExecutor().adapter instanceof PostgresAdapter ? [] : ["learning_search_key"]),
    "engagement_impact_capability",
    "engagement_impact",
    "engagement_feedback",
    "learning_action",
    "learning_link",
    "learning_capability",
    "learning_entry",
    "session_attendance",
    "outreach_session",
    "engagement_questionnaire",
    "engagement_event",
    "engagement",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
