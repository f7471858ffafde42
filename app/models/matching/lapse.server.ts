import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { LAPSE_AFTER_WORKING_DAYS, lapsesAt } from "../../domain/answer-deadline";
import { formatDateInEngland, nowIso } from "../../lib/dates";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { coordinatorsCovering } from "../account/coordinators.server";
import { notifyOrganisation, notifyUser } from "../notification/notifications.server";
import { logDecision } from "./decision-log.server";
import { releasePlace } from "./decisions.server";
import { matchQuery } from "./responses.server";

// A match the pioneer never answered lapses: by itself some working days past its answer deadline,
// or at once when a coordinator releases it. Either way the guarded write decides who does it, so two
// processes (or a coordinator and the job) lapse a match once, and everything else follows in its
// transaction: the place freed, the request back in matching (only an accepted match moves it on),
// the pair kept out of later rounds (loadPairRules counts lapsed matches), and everyone told once.
type Trx = Transaction<Database>;
type MatchRow = NonNullable<Awaited<ReturnType<ReturnType<typeof matchQuery>["executeTakeFirst"]>>>;

const AUTOMATIC_REASON = `Not answered within ${LAPSE_AFTER_WORKING_DAYS} working days of the answer deadline`;

/** Coordinators whose scope covers either trust of the match, each once. */
const coordinatorsFor = (trx: Trx, match: MatchRow) =>
  coordinatorsCovering(trx, [
    { regionCode: match.request_region_code, icbCode: match.request_icb_code },
    { regionCode: match.offer_region_code, icbCode: match.offer_icb_code },
  ]);

/** Everything after the guarded write: place, record, notifications. */
async function followLapse(trx: Trx, match: MatchRow, input: { by: Actor | null; reason: string }) {
  await releasePlace(trx, match.offer_id, match.quarter);
  if (input.by)
    await logDecision(trx, {
      subjectType: "outreach_match",
      subjectId: match.id,
      action: "release",
      actorId: input.by.id,
      reason: input.reason,
    });
  const content = {
    kind: "match_cancelled" as const,
    title: `Match lapsed: ${match.request_title}`,
    body: `${match.offer_organisation_name} did not answer the match with "${match.offer_title}" by ${formatDateInEngland(match.answer_due_at!)}, so it has lapsed: ${input.reason}. The place is free again and the request goes back into matching without this offer.`,
    link: `/matches/${match.id}`,
  };
  await notifyOrganisation(trx, match.request_organisation_id, content);
  await notifyOrganisation(trx, match.offer_organisation_id, content);
  for (const coordinator of await coordinatorsFor(trx, match)) await notifyUser(trx, coordinator, content);
}

/** The write only one caller can win: approved, past its deadline, and (for the job) past its lapse time. */
const lapseWrite = (trx: Trx, matchId: string, input: { by: Actor | null; reason: string; now: string }) =>
  trx
    .updateTable("outreach_match")
    .set({
      status: "lapsed",
      responded_by: input.by?.id ?? null,
      responded_at: input.now,
      response_reason: input.reason,
    })
    .where("id", "=", matchId)
    .where("status", "=", "approved")
    .where("answer_due_at", "<", input.now)
    .executeTakeFirst();

/**
 * The scheduler's job: lapses every approved match whose lapse time has come, one transaction each,
 * and returns how many it lapsed itself (a match another process got to first is not counted).
 */
export async function lapseOverdueMatches(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  const overdue = await db
    .selectFrom("outreach_match")
    .select(["id", "answer_due_at"])
    .where("status", "=", "approved")
    .where("answer_due_at", "<", at)
    .orderBy("id")
    .execute();
  let lapsed = 0;
  for (const candidate of overdue) {
    if (lapsesAt(candidate.answer_due_at!) > at) continue;
    const won = await db.transaction().execute(async (trx) => {
      const written = await lapseWrite(trx, candidate.id, { by: null, reason: AUTOMATIC_REASON, now: at });
      if (Number(written.numUpdatedRows) === 0) return false;
      const match = await matchQuery(trx).where("outreach_match.id", "=", candidate.id).executeTakeFirstOrThrow();
      await followLapse(trx, match, { by: null, reason: AUTOMATIC_REASON });
      return true;
    });
    if (won) lapsed++;
  }
  return lapsed;
}

/** A coordinator in scope of the requesting trust releases a late match now, without waiting for it to lapse. */
export async function releaseLateMatch(
  db: Kysely<Database>,
  input: { matchId: string; coordinator: Actor; now?: string },
): Promise<string> {
  const now = input.now ?? nowIso();
  const reason = "Released by a coordinator as it was not answered in time";
  return db.transaction().execute(async (trx) => {
    const written = await lapseWrite(trx, input.matchId, { by: input.coordinator, reason, now });
    const match = await matchQuery(trx).where("outreach_match.id", "=", input.matchId).executeTakeFirst();
    if (!match) throw new NotFound("Match");
    const requestOrganisation = {
      id: match.request_organisation_id,
      regionCode: match.request_region_code,
      icbCode: match.request_icb_code,
    };
    if (!can(input.coordinator, { action: "match:decide", organisation: requestOrganisation }))
      throw new Forbidden("This request is outside your area");
    if (Number(written.numUpdatedRows) === 0) {
      if (match.status === "approved") throw new Refused("The pioneer still has time to answer this match");
      throw new Refused(`This match is already ${match.status}`);
    }
    await followLapse(trx, match, { by: input.coordinator, reason });
    return match.id;
  });
}
