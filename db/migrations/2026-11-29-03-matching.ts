import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("match_round")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("scope_code", "text")
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("run_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("weights_json", "text", (c) => c.notNull())
    .addColumn("summary_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // One row per request in a round: a proposal with its offer, or the reason it went unmatched.
  await db.schema
    .createTable("match_proposal")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("match_round.id").onDelete("cascade"))
    .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id"))
    .addColumn("offer_id", "text", (c) => c.references("offer.id"))
    .addColumn("score", "double precision")
    .addColumn("explanation_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("alternatives_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("unmatched_reason", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("proposed"))
    .addColumn("decided_by", "text", (c) => c.references("app_user.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .execute();
  await db.schema
    .createIndex("match_proposal_round_idx")
    .on("match_proposal")
    .columns(["round_id", "status"])
    .execute();

  await db.schema
    .createTable("outreach_match")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id"))
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id"))
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("proposal_id", "text", (c) => c.references("match_proposal.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("approved_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("approved_at", "text", (c) => c.notNull())
    .addColumn("approval_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("responded_by", "text", (c) => c.references("app_user.id"))
    .addColumn("responded_at", "text")
    .addColumn("response_reason", "text")
    .execute();
  await db.schema.createIndex("outreach_match_request_idx").on("outreach_match").column("request_id").execute();
  await db.schema
    .createIndex("outreach_match_offer_idx")
    .on("outreach_match")
    .columns(["offer_id", "quarter"])
    .execute();

  // Capacity is enforced here: approval increments `approved` with a guarded UPDATE that
  // only succeeds below the offer's capacity, so concurrent approvals cannot overshoot.
  await db.schema
    .createTable("offer_quarter_load")
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("approved", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("offer_quarter_load_pk", ["offer_id", "quarter"])
    .execute();

  // Coordinators pin a pair (it must be proposed) or block it (it must never be).
  await db.schema
    .createTable("match_pair_rule")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("help_request.id").onDelete("cascade"))
    .addColumn("offer_id", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("match_pair_rule_pair_uq", ["request_id", "offer_id"])
    .execute();

  // Who decided what, when and why, for every decision on proposals and matches.
  await db.schema
    .createTable("decision_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("decision_log_subject_idx")
    .on("decision_log")
    .columns(["subject_type", "subject_id"])
    .execute();

  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notification_user_idx").on("notification").columns(["user_id", "read_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "notification",
    "decision_log",
    "match_pair_rule",
    "offer_quarter_load",
    "outreach_match",
    "match_proposal",
    "match_round",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
