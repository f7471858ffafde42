import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerDueAt } from "~/domain/answer-deadline";
import {
  remindFeedback,
  remindFollowUps,
  remindQuestionnaires,
  remindSessionsTomorrow,
  remindUnansweredMatches,
  resumeOffersAndTell,
} from "~/models/notification/reminders.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { match, request } from "../support/factories";
import { SEEDED, seedLearning } from "../support/learning-fixture";

const at = (iso: string) => new Date(iso);
const addDaysTo = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000);

describe.each(testEngines())("reminders on %s", (engine) => {
  let t: TestDatabase;
  let e: { e1: string; e2: string; e3: string };

  beforeEach(async () => {
    t = await freshDatabase(engine);
    e = await seedLearning(t.db);
  });
  afterEach(async () => t.dispose());

  const reminded = async (kind: string) =>
    (await t.db.selectFrom("notification").select("user_id").where("kind", "=", kind).orderBy("user_id").execute()).map(
      (n) => n.user_id,
    );
  const mailsTo = async (subjectPart: string) =>
    (await t.db.selectFrom("outbox").select(["to_address", "subject"]).orderBy("to_address").execute())
      .filter((m) => m.subject.includes(subjectPart))
      .map((m) => m.to_address);

  const session = (id: string, engagementId: string, startsAt: string, status: "planned" | "cancelled" = "planned") =>
    t.db
      .insertInto("outreach_session")
      .values({
        id,
        engagement_id: engagementId,
        starts_at: startsAt,
        duration_minutes: 60,
        format_code: "visit",
        location: "Ward 4",
        video_link: "",
        agenda: "Huddles",
        status,
        outcome_note: "",
        recorded_by: null,
        recorded_at: null,
        created_by: "pio",
        created_at: SEEDED,
        updated_at: SEEDED,
      })
      .execute();

  const end = (engagementId: string, endedAt: string, followUpDueOn: string | null = null) =>
    t.db
      .updateTable("engagement")
      .set({
        status: "completed",
        ended_at: endedAt,
        ended_by: "pio",
        end_reason: "Done",
        follow_up_due_on: followUpDueOn,
      })
      .where("id", "=", engagementId)
      .execute();

  it("tells both trusts' members the day before a planned session, in England's dates, once", async () => {
    await session("s-tomorrow", e.e1, "2027-03-28T10:00");
    await session("s-later", e.e1, "2027-03-29T10:00");
    await session("s-cancelled", e.e2, "2027-03-28T11:00", "cancelled");
    // 23:30 UTC on 26 March is still 26 March in England (GMT): tomorrow is the 27th, nothing planned.
    expect(await remindSessionsTomorrow(t.db, at("2027-03-26T23:30:00Z"))).toBe(0);
    expect(await remindSessionsTomorrow(t.db, at("2027-03-27T08:00:00Z"))).toBe(3);
    expect(await remindSessionsTomorrow(t.db, at("2027-03-27T09:00:00Z"))).toBe(0);
    expect(await reminded("session_tomorrow")).toEqual(["pio", "req", "reqm"]);
    expect(await mailsTo("Prepare for tomorrow's session at 10:00")).toEqual([
      "pio@example.org",
      "req@example.org",
      "reqm@example.org",
    ]);
  });

  it("chases the requester for an unanswered questionnaire three days before the first session, once", async () => {
    await session("s1", e.e1, "2027-03-10T10:00");
    await session("s2", e.e2, "2027-03-20T10:00");
    expect(await remindQuestionnaires(t.db, at("2027-03-06T08:00:00Z"))).toBe(0);
    expect(await remindQuestionnaires(t.db, at("2027-03-07T08:00:00Z"))).toBe(2);
    expect(await remindQuestionnaires(t.db, at("2027-03-08T08:00:00Z"))).toBe(0);
    expect(await reminded("questionnaire_due")).toEqual(["req", "reqm"]);
    // An answered questionnaire is not chased.
    await t.db
      .insertInto("engagement_questionnaire")
      .values({
        engagement_id: e.e2,
        wants_to_see: "x",
        current_data: "y",
        questions: "z",
        answered_by: "req",
        answered_at: SEEDED,
      })
      .execute();
    expect(await remindQuestionnaires(t.db, at("2027-03-18T08:00:00Z"))).toBe(0);
  });

  it("asks each side that has not given feedback when the engagement ends and a week before it opens", async () => {
    const endedAt = "2027-03-01T12:00:00.000Z";
    await end(e.e1, endedAt);
    await t.db
      .insertInto("engagement_feedback")
      .values({
        engagement_id: e.e1,
        organisation_id: "RWK",
        usefulness: 5,
        preparation: 5,
        would_recommend: 1,
        comment: "",
        given_by: "pio",
        given_at: endedAt,
      })
      .execute();
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 1))).toBe(2);
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 2))).toBe(0);
    expect(await reminded("feedback_open")).toEqual(["req", "reqm"]);
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 22))).toBe(0);
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 23.5))).toBe(2);
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 25))).toBe(0);
    expect(await reminded("feedback_closing")).toEqual(["req", "reqm"]);
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 31))).toBe(0);
    // Once feedback has opened by time nobody is chased, not even someone never reminded before.
    await t.db.deleteFrom("reminder_sent").execute();
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 31))).toBe(0);
    expect(await remindFeedback(t.db, addDaysTo(endedAt, 29))).toBe(2);
  });

  it("asks for the follow-up re-assessment when due and again when overdue, once each", async () => {
    await end(e.e1, "2026-09-01T12:00:00.000Z", "2027-03-01");
    expect(await remindFollowUps(t.db, at("2027-02-28T08:00:00Z"))).toBe(0);
    expect(await remindFollowUps(t.db, at("2027-03-01T08:00:00Z"))).toBe(2);
    expect(await remindFollowUps(t.db, at("2027-03-02T08:00:00Z"))).toBe(0);
    expect(await remindFollowUps(t.db, at("2027-03-15T08:00:00Z"))).toBe(2);
    expect(await remindFollowUps(t.db, at("2027-03-16T08:00:00Z"))).toBe(0);
    expect(await reminded("follow_up_due")).toEqual(["req", "reqm"]);
    expect(await reminded("follow_up_overdue")).toEqual(["req", "reqm"]);
  });

  it("publishes a paused offer on its return date and tells its trust once", async () => {
    await t.db
      .updateTable("offer")
      .set({ status: "paused", paused_until: "2027-03-10" })
      .where("id", "=", "offerA")
      .execute();
    expect(await resumeOffersAndTell(t.db, at("2027-03-09T23:00:00Z"))).toBe(0);
    expect(await resumeOffersAndTell(t.db, at("2027-03-10T00:05:00Z"))).toBe(1);
    expect(await resumeOffersAndTell(t.db, at("2027-03-11T00:05:00Z"))).toBe(0);
    expect(
      (await t.db.selectFrom("offer").select("status").where("id", "=", "offerA").executeTakeFirstOrThrow()).status,
    ).toBe("published");
    expect(await reminded("offer_resumed")).toEqual(["pio"]);
  });

  it("tells the coordinators in scope of the pioneer when a match is unanswered past its deadline, once", async () => {
    const approvedAt = "2027-03-19T10:00:00.000Z";
    // The deadline approval stores with the match: ten working days on, across Good Friday and Easter Monday.
    const deadline = answerDueAt(approvedAt, 10);
    expect(deadline).toBe("2027-04-06T09:00:00.000Z");
    // Two matches approved but not yet answered, one for each region's pioneer.
    const unanswered = async (matchId: string, requestId: string, offerId: string) => {
      await request(t.db, {
        id: requestId,
        organisation_id: "RTG",
        title: `Request ${requestId}`,
        window_start: "2027-01-01",
        window_end: "2027-06-30",
        status: "matched",
        created_by: "rtg",
        created_at: SEEDED,
        updated_at: SEEDED,
        submitted_at: SEEDED,
      });
      await match(t.db, {
        id: matchId,
        request_id: requestId,
        offer_id: offerId,
        quarter: "2027-Q1",
        approved_by: "coord",
        approved_at: approvedAt,
        answer_due_at: deadline,
      });
    };
    await unanswered("m-london", "r-london", "offerA");
    await unanswered("m-north", "r-north", "offerB");
    expect(await remindUnansweredMatches(t.db, new Date(new Date(deadline).getTime() - 60_000))).toBe(0);
    // London's pioneer has the national and the London coordinator; the North West's only the national one.
    expect(await remindUnansweredMatches(t.db, at(deadline))).toBe(3);
    expect(await remindUnansweredMatches(t.db, addDaysTo(deadline, 1))).toBe(0);
    const rows = await t.db
      .selectFrom("reminder_sent")
      .select(["subject_id", "recipient"])
      .where("kind", "=", "match_answer_overdue")
      .orderBy("subject_id")
      .orderBy("recipient")
      .execute();
    expect(rows).toEqual([
      { subject_id: "m-london", recipient: "coord" },
      { subject_id: "m-london", recipient: "lon" },
      { subject_id: "m-north", recipient: "coord" },
    ]);
    expect(await mailsTo("Follow up with East London Trust")).toEqual(["coord@example.org", "lon@example.org"]);
  });
});
