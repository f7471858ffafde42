import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../lib/dates";
import { Forbidden, NotFound } from "../../lib/errors";
import type { FormValues } from "../../lib/forms";
import { can, type Actor } from "../../auth/policy";
import { organisationRef } from "../organisation/organisations.server";

// An unfinished self-assessment, kept as the form was left: one per organisation. It lives in its
// own table, so nothing that counts assessments (dashboards, matching, comparisons) can see it.

type Db = Kysely<Database> | Transaction<Database>;

/** The form's own fields; anything else a browser sends is not kept. */
const DRAFT_FIELD = /^(maturity-|evidence-|readiness-)[A-Za-z0-9_-]{1,100}$|^note$/;
/** Longer than any box on the form accepts, so a draft never loses what was typed. */
const DRAFT_VALUE_MAX = 5000;
const DRAFT_FIELDS_MAX = 1000;

export interface AssessmentDraft {
  values: Record<string, string>;
  savedAt: string;
}

async function assertMayRecord(db: Db, actor: Actor, organisationId: string) {
  const organisation = await organisationRef(db, organisationId);
  if (!organisation) throw new NotFound("Organisation");
  if (!can(actor, { action: "assessment:record", organisation }))
    throw new Forbidden("Only the organisation's own people record its assessments");
}

/** What of the sent form a draft keeps: the form's fields, as single trimmed strings. */
export function draftValues(values: FormValues): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (Object.keys(kept).length >= DRAFT_FIELDS_MAX) break;
    if (!DRAFT_FIELD.test(name)) continue;
    const text = (Array.isArray(value) ? (value[0] ?? "") : value).trim().slice(0, DRAFT_VALUE_MAX);
    if (text) kept[name] = text;
  }
  return kept;
}

/** Keeps the form as it is, replacing the organisation's earlier draft. */
export async function saveAssessmentDraft(
  db: Kysely<Database>,
  actor: Actor,
  input: { organisationId: string; values: FormValues },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMayRecord(trx, actor, input.organisationId);
    await trx.deleteFrom("assessment_draft").where("organisation_id", "=", input.organisationId).execute();
    await trx
      .insertInto("assessment_draft")
      .values({
        organisation_id: input.organisationId,
        values_json: JSON.stringify(draftValues(input.values)),
        saved_by: actor.id,
        saved_at: nowIso(),
      })
      .execute();
  });
}

/** The organisation's draft, for its own people; null when there is none. */
export async function readAssessmentDraft(
  db: Db,
  actor: Actor,
  organisationId: string,
): Promise<AssessmentDraft | null> {
  await assertMayRecord(db, actor, organisationId);
  const row = await db
    .selectFrom("assessment_draft")
    .select(["values_json", "saved_at"])
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!row) return null;
  const parsed: unknown = JSON.parse(row.values_json);
  const values = parsed && typeof parsed === "object" ? draftValues(parsed as FormValues) : {};
  return { values, savedAt: row.saved_at };
}

/** Called when the assessment is recorded, in the same transaction: the draft has become it. */
export async function removeAssessmentDraft(trx: Db, organisationId: string): Promise<void> {
  await trx.deleteFrom("assessment_draft").where("organisation_id", "=", organisationId).execute();
}
