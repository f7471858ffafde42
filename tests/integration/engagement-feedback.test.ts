import { sql, type Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { getEngagement, openEngagement } from "~/models/engagement/core.server";
import { endEngagement } from "~/models/engagement/engagements.server";
import { feedbackForViewer, giveFeedback } from "~/models/engagement/feedback.server";
import type { FeedbackAnswers } from "~/schemas/engagement";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Forbidden, NotFound, Refused } from "~/lib/errors";
import {
  coordinator,
  pioneer,
  requester,
  SEEDED,
  seedEngagementFixture,
  thirdTrust,
} from "../support/engagement-fixture";

const ENDED = new Date("2027-03-10T12:00:00.000Z");
const DAY = 86_400_000;

/**
 * The engagement fixture's match, accepted by the pioneer, with everyone named "<id> name" and
 * one person (req1) on the asking side, so each side's notices go to one person.
 */
async function seed(db: Kysely<Database>) {
  await seedEngagementFixture(db);
  await db.deleteFrom("app_user").where("id", "=", "req2").execute();
  await db
    .updateTable("app_user")
    .set({ name: sql<string>`id || ' name'` })
    .execute();
  await db.updateTable("help_request").set({ status: "matched" }).where("id", "=", "r1").execute();
  await db
    .updateTable("outreach_match")
    .set({ status: "accepted", responded_by: "pio", responded_at: SEEDED, response_reason: "" })
    .where("id", "=", "m1")
    .execute();
  return openEngagement(db, { matchId: "m1", actorId: "pio", openedAt: SEEDED });
}

const useful: FeedbackAnswers = {
  usefulness: 5,
  preparation: 4,
  wouldRecommend: true,
  comment: "Seeing the huddles changed our plans",
};
const lukewarm: FeedbackAnswers = {
  usefulness: 3,
  preparation: 2,
  wouldRecommend: false,
  comment: "Data pack arrived late",
};

describe.each(testEngines())("engagement feedback on %s", (engine) => {
  let t: TestDatabase;
  let engagementId: string;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    engagementId = await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const end = () =>
    endEngagement(t.db, { engagementId, actor: requester, kind: "stopped", reason: "Budget withdrawn", now: ENDED });
  const view = async (actor: Actor, now = new Date(ENDED.getTime() + DAY)) =>
    feedbackForViewer(t.db, actor, (await getEngagement(t.db, engagementId))!, now);

  it("is not given before the engagement has ended", async () => {
    await expect(giveFeedback(t.db, { engagementId, actor: requester, answers: useful })).rejects.toThrow(
      "Feedback can be given once the engagement has ended.",
    );
    expect(await view(requester)).toMatchObject({
      ended: false,
      canGive: false,
      visible: false,
      entries: { requester: null, pioneer: null },
    });
  });

  it("stays hidden from the other side and coordinators until both sides have given it", async () => {
    await end();
    await giveFeedback(t.db, { engagementId, actor: requester, answers: useful });

    const mine = await view(requester);
    expect(mine).toMatchObject({
      ended: true,
      visible: false,
      viewerSide: "requester",
      canGive: false,
      given: { requester: true, pioneer: false },
      revealsAt: "2027-04-09T12:00:00.000Z",
    });
    expect(mine.entries.requester).toMatchObject({
      usefulness: 5,
      preparation: 4,
      wouldRecommend: true,
      comment: "Seeing the huddles changed our plans",
      givenByName: "req1 name",
    });
    expect(mine.entries.pioneer).toBeNull();

    const theirs = await view(pioneer);
    expect(theirs).toMatchObject({
      visible: false,
      viewerSide: "pioneer",
      canGive: true,
      given: { requester: true, pioneer: false },
    });
    expect(theirs.entries).toEqual({ requester: null, pioneer: null });
    expect((await view(coordinator)).entries).toEqual({ requester: null, pioneer: null });

    await giveFeedback(t.db, { engagementId, actor: pioneer, answers: lukewarm });
    const both = await view(pioneer);
    expect(both).toMatchObject({ visible: true, revealsAt: null, canGive: false });
    expect(both.entries.requester?.comment).toBe("Seeing the huddles changed our plans");
    expect(both.entries.pioneer).toMatchObject({ usefulness: 3, preparation: 2, wouldRecommend: false });
    expect((await view(requester)).entries.pioneer?.comment).toBe("Data pack arrived late");
    const followed = await view(coordinator);
    expect(followed).toMatchObject({ viewerSide: null, canGive: false, visible: true });
    expect([followed.entries.requester?.usefulness, followed.entries.pioneer?.usefulness]).toEqual([5, 3]);

    // The first side hears that both are open; the second saw it at once.
    expect(
      await t.db
        .selectFrom("notification")
        .select(["user_id", "link"])
        .where("kind", "=", "feedback_visible")
        .execute(),
    ).toEqual([{ user_id: "req1", link: `/engagements/${engagementId}/feedback` }]);
  });

  it("opens one side's feedback to everyone 30 days after the end, even if the other never gives theirs", async () => {
    await end();
    await giveFeedback(t.db, { engagementId, actor: pioneer, answers: lukewarm });
    const justBefore = new Date(ENDED.getTime() + 30 * DAY - 1);
    const thirtyDays = new Date(ENDED.getTime() + 30 * DAY);
    expect((await view(requester, justBefore)).entries.pioneer).toBeNull();
    expect((await view(coordinator, justBefore)).entries.pioneer).toBeNull();
    expect((await view(requester, thirtyDays)).entries.pioneer?.comment).toBe("Data pack arrived late");
    expect(await view(coordinator, thirtyDays)).toMatchObject({
      visible: true,
      entries: { requester: null, pioneer: { usefulness: 3 } },
    });
    // The requester may still give its own, late.
    expect((await view(requester, thirtyDays)).canGive).toBe(true);
  });

  it("is given once per side and cannot be changed", async () => {
    await end();
    await giveFeedback(t.db, { engagementId, actor: requester, answers: useful });
    await expect(giveFeedback(t.db, { engagementId, actor: requester, answers: lukewarm })).rejects.toBeInstanceOf(
      Refused,
    );
    const stored = await t.db
      .selectFrom("engagement_feedback")
      .select(["organisation_id", "usefulness", "comment", "given_by"])
      .execute();
    expect(stored).toEqual([
      { organisation_id: "RF4", usefulness: 5, comment: "Seeing the huddles changed our plans", given_by: "req1" },
    ]);
    expect(
      await t.db.selectFrom("engagement_event").select("kind").where("kind", "=", "feedback_given").execute(),
    ).toHaveLength(1);
  });

  it("comes only from the two trusts", async () => {
    await end();
    await expect(giveFeedback(t.db, { engagementId, actor: coordinator, answers: useful })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(giveFeedback(t.db, { engagementId, actor: thirdTrust, answers: useful })).rejects.toBeInstanceOf(
      NotFound,
    );
    expect(await t.db.selectFrom("engagement_feedback").select("organisation_id").execute()).toEqual([]);
  });
});
