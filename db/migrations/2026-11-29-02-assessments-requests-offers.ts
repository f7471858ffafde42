import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The capability framework, audience levels, formats and readiness factors are data an admin can change.
  await db.schema
    .createTable("capability_domain")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("retired_at", "text")
    .execute();

  await db.schema
    .createTable("capability")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("domain_id", "text", (c) => c.notNull().references("capability_domain.id"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("retired_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  for (const table of ["audience_level", "offer_format", "readiness_factor"]) {
    let builder = db.schema
      .createTable(table)
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("retired_at", "text");
    if (table === "offer_format") builder = builder.addColumn("is_virtual", "integer", (c) => c.notNull().defaultTo(0));
    await builder.execute();
  }

  // An assessment is never edited after it is recorded: a re-assessment is a new row, so history is kept.
  await db.schema
    .createTable("assessment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("assessed_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("assessed_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_org_idx")
    .on("assessment")
    .columns(["organisation_id", "created_at"])
    .execute();

  await db.schema
    .createTable("assessment_score")
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessment.id").onDelete("cascade"))
    .addColumn("capability_id", "text", (c) => c.notNull().references("capability.id"))
    .addColumn("maturity", "integer", (c) => c.notNull().check(sql`maturity between 1 and 5`))
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("assessment_score_pk", ["assessment_id", "capability_id"])
    .execute();

  await db.schema
    .createTable("assessment_readiness")
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessment.id").onDelete("cascade"))
    .addColumn("factor_code", "text", (c) => c.notNull().references("readiness_factor.code"))
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 1 and 5`))
    .addPrimaryKeyConstraint("assessment_readiness_pk", ["assessment_id", "factor_code"])
    .execute();

  await db.schema
    .createTable("help_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("window_end", "text", (c) => c.notNull())
    .addColumn("virtual_ok", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("travel_limit", "text", (c) => c.notNull().defaultTo("anywhere"))
    .addColumn("budget", "text", (c) => c.notNull().defaultTo("free"))
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("medium"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .execute();
  await db.schema
    .createIndex("help_request_org_idx")
    .on("help_request")
    .columns(["organisation_id", "status"])
    .execute();
  await db.schema
    .createIndex("help_request_status_idx")
    .on("help_request")
    .columns(["status", "submitted_at"])
    .execute();

  for (const [table, column, target] of [
    ["help_request_capability", "capability_id", "capability.id"],
    ["help_request_audience", "audience_code", "audience_level.code"],
    ["help_request_format", "format_code", "offer_format.code"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id").onDelete("cascade"))
      .addColumn(column, "text", (c) => c.notNull().references(target))
      .addPrimaryKeyConstraint(`${table}_pk`, ["request_id", column])
      .execute();
  }
  await db.schema
    .createIndex("help_request_capability_cap_idx")
    .on("help_request_capability")
    .column("capability_id")
    .execute();

  // Every status change, question and answer on a request, with who and when.
  await db.schema
    .createTable("help_request_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("help_request_event_req_idx")
    .on("help_request_event")
    .columns(["request_id", "created_at"])
    .execute();

  await db.schema
    .createTable("offer")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("format_code", "text", (c) => c.notNull().references("offer_format.code"))
    .addColumn("capacity_per_quarter", "integer", (c) => c.notNull().check(sql`capacity_per_quarter >= 0`))
    .addColumn("cost_model", "text", (c) => c.notNull().defaultTo("free"))
    .addColumn("virtual_ok", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .addColumn("paused_until", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("offer_org_idx").on("offer").columns(["organisation_id", "status"]).execute();
  await db.schema.createIndex("offer_status_idx").on("offer").column("status").execute();

  await db.schema
    .createTable("offer_capability")
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("capability_id", "text", (c) => c.notNull().references("capability.id"))
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("offer_capability_pk", ["offer_id", "capability_id"])
    .execute();
  await db.schema.createIndex("offer_capability_cap_idx").on("offer_capability").column("capability_id").execute();

  await db.schema
    .createTable("offer_audience")
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("audience_code", "text", (c) => c.notNull().references("audience_level.code"))
    .addPrimaryKeyConstraint("offer_audience_pk", ["offer_id", "audience_code"])
    .execute();

  await db.schema
    .createTable("offer_window")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("offer_window_offer_idx").on("offer_window").column("offer_id").execute();

  await db.schema
    .createTable("offer_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("app_user.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "offer_event",
    "offer_window",
    "offer_audience",
    "offer_capability",
    "offer",
    "help_request_event",
    "help_request_format",
    "help_request_audience",
    "help_request_capability",
    "help_request",
    "assessment_readiness",
    "assessment_score",
    "assessment",
    "readiness_factor",
    "offer_format",
    "audience_level",
    "capability",
    "capability_domain",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
