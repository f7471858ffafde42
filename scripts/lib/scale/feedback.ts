import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { earliest, plusDays, stampAfter } from "./calendar";
import type { EngagementPlan, OrganisationPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { writeInChunks } from "./rows";
import { FEEDBACK_COMMENTS } from "./vocabulary";

/** Chance that each side rates an engagement that ended: most do after a completed one, fewer after a stop. */
const RATED = { completed: { requester: 0.85, pioneer: 0.75 }, stopped: { requester: 0.4, pioneer: 0.3 } } as const;

/** Ratings from both sides of ended engagements, within a month of the end. */
export async function writeFeedback(
  db: Kysely<Database>,
  ctx: ScaleContext,
  engagements: EngagementPlan[],
  phase: PhaseRun,
): Promise<number> {
  const { random, calendar } = ctx;
  const ended = engagements.filter((e) => e.status !== "active");
  return writeInChunks(
    db,
    ended,
    1_000,
    async (sink, e) => {
      const chances = RATED[e.status as "completed" | "stopped"];
      const sides: [OrganisationPlan, number][] = [
        [e.request.organisation, chances.requester],
        [e.offer.organisation, chances.pioneer],
      ];
      for (const [organisation, chance] of sides) {
        if (!random.chance(chance)) continue;
        const givenAt = stampAfter(
          e.endedAt!,
          earliest(calendar.yesterday, plusDays(e.endedAt!.slice(0, 10), random.int(0, 30))),
          random,
        );
        const usefulness = e.status === "completed" ? random.pick([3, 4, 4, 5, 5, 5]) : random.int(1, 4);
        const author = random.pick(organisation.users).id;
        await sink.add("engagement_feedback", {
          engagement_id: e.id,
          organisation_id: organisation.id,
          usefulness,
          preparation: Math.max(1, Math.min(5, usefulness + random.int(-1, 1))),
          would_recommend: random.chance(usefulness >= 4 ? 0.9 : 0.3) ? 1 : 0,
          comment: random.pick(FEEDBACK_COMMENTS),
          given_by: author,
          given_at: givenAt,
        });
        await sink.add("engagement_event", {
          id: random.uuid(),
          engagement_id: e.id,
          session_id: null,
          kind: "feedback_given",
          note: `Feedback from ${organisation.name}`,
          actor_id: author,
          created_at: givenAt,
        });
      }
    },
    phase.advance,
  );
}
