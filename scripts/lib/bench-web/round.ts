import { connect } from "../../../db/connect";
import { runRound } from "../../../app/models/matching/rounds.server";
import { quarterOf, todayInEngland } from "../../../app/lib/dates";

/**
 * The scaled data set is seeded without matching rounds, so the round page would go unmeasured:
 * when the database has none, the London demo coordinator runs one for this quarter, as through
 * the matching page. Returns how long the round took, or null when one was already there.
 */
export async function ensureMatchingRound(databaseUrl: string, log: (line: string) => void): Promise<number | null> {
  const { db, close } = connect(databaseUrl);
  try {
    const existing = await db.selectFrom("match_round").select("id").limit(1).executeTakeFirst();
    if (existing) return null;
    const coordinator = await db
      .selectFrom("app_user")
      .innerJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
      .select(["app_user.id", "coordinating_body.scope", "coordinating_body.scope_code"])
      .where("app_user.email", "=", "london.coordinator@example.org")
      .executeTakeFirstOrThrow();
    log("Running a matching round as the London coordinator, so the round page can be measured…");
    const started = performance.now();
    const today = todayInEngland();
    const { summary } = await runRound(db, {
      coordinator: {
        id: coordinator.id,
        role: "coordinator",
        organisationId: null,
        scope: { kind: coordinator.scope, code: coordinator.scope_code },
      },
      quarter: quarterOf(today),
      today,
    });
    const seconds = (performance.now() - started) / 1000;
    log(
      `  round: ${summary.requests.toLocaleString("en-GB")} requests, ${summary.offers.toLocaleString("en-GB")} offers, ` +
        `${summary.proposed.toLocaleString("en-GB")} proposed, in ${seconds.toFixed(1)} s`,
    );
    return seconds;
  } finally {
    await close();
  }
}
