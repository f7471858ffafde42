import type { Kysely } from "kysely";

/** Ten working days, the default answer time when this migration runs, counted Monday to Friday. */
const BACKFILL_WORKING_DAYS = 10;

function addWorkingDays(approvedAt: string, workingDays: number): string {
  const at = new Date(approvedAt);
  for (let counted = 0; counted < workingDays;) {
    at.setTime(at.getTime() + 24 * 60 * 60 * 1000);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return at.toISOString();
}

// Each approved match carries when the pioneer's answer is due, so coordinators see which are late.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outreach_match").addColumn("answer_due_at", "text").execute();
  const waiting = await db
    .selectFrom("outreach_match")
    .select(["id", "approved_at"])
    .where("status", "=", "approved")
    .execute();
  for (const match of waiting as { id: string; approved_at: string }[]) {
    await db
      .updateTable("outreach_match")
      .set({ answer_due_at: addWorkingDays(match.approved_at, BACKFILL_WORKING_DAYS) })
      .where("id", "=", match.id)
      .execute();
  }
  await db.schema
    .createIndex("outreach_match_waiting_idx")
    .on("outreach_match")
    .columns(["status", "answer_due_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outreach_match_waiting_idx").execute();
  await db.schema.alterTable("outreach_match").dropColumn("answer_due_at").execute();
}
