import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/policy";
import { pairKey } from "~/matching/types";
import { engagementIdForMatch, getEngagement } from "~/models/engagement/core.server";
import {
  answerQuestionnaire,
  endEngagement,
  engagementTimeline,
  getQuestionnaire,
  listEngagements,
} from "~/models/engagement/engagements.server";
import {
  cancelSession,
  getSession,
  listSessions,
  moveSession,
  planSession,
  recordSessionHeld,
} from "~/models/engagement/sessions.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { loadPairRules } from "~/models/matching/facts.server";
import type { SessionPlan } from "~/schemas/engagement";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Forbidden, NotFound, Refused } from "~/lib/errors";
import {
  admin,
  coordinator,
  MARCH_1,
  otherCoordinator,
  pioneer,
  requester,
  requesterMember,
  seedEngagementFixture,
  thirdTrust,
  visit,
} from "../support/engagement-fixture";

describe.each(testEngines())("engagements on %s", (engine) => {
  let t: TestDatabase;
  let engagementId: string;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedEngagementFixture(t.db);
    await respondToMatch(t.db, { matchId: "m1", user: pioneer, accept: true });
    engagementId = (await engagementIdForMatch(t.db, "m1"))!;
  });
  afterEach(async () => t.dispose());

  const requestStatus = async () =>
    (await t.db.selectFrom("help_request").select("status").where("id", "=", "r1").executeTakeFirstOrThrow()).status;
  const sessionRow = (id: string) =>
    t.db.selectFrom("outreach_session").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const kinds = async () => (await engagementTimeline(t.db, engagementId)).map((e) => e.kind);
  const notified = (userId: string) =>
    t.db
      .selectFrom("notification")
      .select(["kind", "link", "body"])
      .where("user_id", "=", userId)
      .where("kind", "like", "session%")
      .orderBy("created_at")
      .execute();
  const count = async (table: "outreach_session" | "session_attendance" | "engagement_event" | "notification") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const plan = (actor: Actor = requester, overrides: Partial<SessionPlan> = {}, now = MARCH_1) =>
    planSession(t.db, { engagementId, actor, plan: visit(overrides), now });

  it("accepting a match opens an engagement the two trusts, coordinators in scope and admins can list", async () => {
    const engagement = await getEngagement(t.db, engagementId);
    expect(engagement).toMatchObject({
      match_id: "m1",
      request_id: "r1",
      offer_id: "offerA",
      requester_id: "RF4",
      pioneer_id: "RWK",
      status: "active",
      ended_at: null,
      follow_up_due_on: null,
    });
    expect(await kinds()).toEqual(["opened"]);
    const listed = async (actor: Actor) =>
      (await listEngagements(t.db, { actor, page: 1, nowLocal: "2027-03-01T10:00" })).rows.map((r) => [r.id, r.side]);
    expect(await listed(requester)).toEqual([[engagementId, "requester"]]);
    expect(await listed(pioneer)).toEqual([[engagementId, "pioneer"]]);
    expect(await listed(coordinator)).toEqual([[engagementId, null]]);
    expect(await listed(admin)).toEqual([[engagementId, null]]);
    expect(await listed(thirdTrust)).toEqual([]);
    expect(await listed(otherCoordinator)).toEqual([]);
  });

  it("either side plans a session; the other trust is told and attendance is kept per audience level", async () => {
    const id = await plan(pioneer);
    expect(await sessionRow(id)).toMatchObject({
      starts_at: "2027-03-05T10:00",
      duration_minutes: 120,
      format_code: "visit",
      status: "planned",
      created_by: "pio",
    });
    expect((await getSession(t.db, engagementId, id))?.attendance).toEqual([
      { code: "board", name: "Board", planned: 2, attended: null },
      { code: "all_staff", name: "All staff", planned: 8, attended: null },
    ]);
    expect(await notified("req1")).toEqual([
      {
        kind: "session_planned",
        link: `/engagements/${engagementId}/sessions/${id}`,
        body: "East London Trust planned a session for 5 March 2027 at 10:00 (Site visit).",
      },
    ]);
    expect(await notified("pio")).toEqual([]);
    const virtual = await plan(requesterMember, {
      startsAt: "2027-03-12T15:00",
      formatCode: "virtual",
      location: "",
      videoLink: "https://meet.example.org/abc",
      attendance: { board: 1 },
    });
    expect((await listSessions(t.db, engagementId)).map((s) => [s.id, s.format_name, s.planned_people])).toEqual([
      [id, "Site visit", 10],
      [virtual, "Virtual session", 1],
    ]);
    expect(await kinds()).toEqual(["opened", "session_planned", "session_planned"]);
    // A session of one engagement is not found through another.
    expect(await getSession(t.db, "another-engagement", id)).toBeUndefined();
  });

  it("refuses a plan in the past, without its place, or with nobody attending, and writes nothing", async () => {
    const before = await Promise.all([count("outreach_session"), count("engagement_event"), count("notification")]);
    await expect(plan(requester, { startsAt: "2027-03-01T10:00" })).rejects.toMatchObject({
      code: "session_start",
      message: "The session must start in the future",
    });
    await expect(plan(requester, { startsAt: "2027-02-30T10:00" })).rejects.toMatchObject({ code: "session_start" });
    await expect(plan(requester, { location: " " })).rejects.toMatchObject({ code: "location" });
    await expect(
      plan(requester, { formatCode: "virtual", location: "", videoLink: "http://meet.example.org" }),
    ).rejects.toMatchObject({ code: "videoLink" });
    await expect(plan(requester, { attendance: { board: 0 } })).rejects.toMatchObject({ code: "attendance" });
    await expect(plan(requester, { attendance: { trustees: 3 } })).rejects.toMatchObject({ code: "attendance" });
    await expect(plan(requester, { formatCode: "nonsense" })).rejects.toMatchObject({ code: "format" });
    await expect(plan(requester, { durationMinutes: 5 })).rejects.toMatchObject({ code: "duration" });
    expect(await Promise.all([count("outreach_session"), count("engagement_event"), count("notification")])).toEqual(
      before,
    );
  });

  it("a third trust is told nothing exists; coordinators may follow but not write", async () => {
    await expect(plan(thirdTrust)).rejects.toBeInstanceOf(NotFound);
    await expect(plan(otherCoordinator)).rejects.toBeInstanceOf(NotFound);
    await expect(plan(coordinator)).rejects.toBeInstanceOf(Forbidden);
    await expect(plan(admin)).rejects.toBeInstanceOf(Forbidden);
    const id = await plan();
    const after = new Date("2027-03-05T12:00:00Z");
    await expect(
      recordSessionHeld(t.db, {
        engagementId,
        sessionId: id,
        actor: coordinator,
        attendance: { board: 1 },
        now: after,
      }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      cancelSession(t.db, { engagementId, sessionId: id, actor: thirdTrust, reason: "No" }),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      endEngagement(t.db, { engagementId, actor: coordinator, kind: "stopped", reason: "No" }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      endEngagement(t.db, { engagementId, actor: thirdTrust, kind: "stopped", reason: "No" }),
    ).rejects.toBeInstanceOf(NotFound);
    expect((await sessionRow(id)).status).toBe("planned");
    expect((await getEngagement(t.db, engagementId))?.status).toBe("active");
  });

  it("moves a session to a new time, keeping both times on the timeline; never into the past", async () => {
    const id = await plan();
    await expect(
      moveSession(t.db, {
        engagementId,
        sessionId: id,
        actor: pioneer,
        startsAt: "2027-02-28T10:00",
        reason: "Strike",
        now: MARCH_1,
      }),
    ).rejects.toMatchObject({ code: "session_start" });
    await expect(
      moveSession(t.db, {
        engagementId,
        sessionId: id,
        actor: pioneer,
        startsAt: "2027-03-08T09:30",
        reason: " ",
        now: MARCH_1,
      }),
    ).rejects.toMatchObject({ code: "reason_missing" });
    await moveSession(t.db, {
      engagementId,
      sessionId: id,
      actor: pioneer,
      startsAt: "2027-03-08T09:30",
      reason: "Ward pressures",
      now: MARCH_1,
    });
    expect(await sessionRow(id)).toMatchObject({ starts_at: "2027-03-08T09:30", status: "planned" });
    const moved = (await engagementTimeline(t.db, engagementId)).find((e) => e.kind === "session_moved");
    expect(moved).toMatchObject({
      session_id: id,
      actor_name: "pio",
      actor_organisation_name: "East London Trust",
      note: "Moved from 5 March 2027 at 10:00 to 8 March 2027 at 09:30. Reason: Ward pressures",
    });
    expect((await notified("req1")).map((n) => n.kind)).toEqual(["session_moved"]);
  });

  it("cancels with a reason, after which the session cannot be recorded again", async () => {
    const id = await plan();
    await expect(
      cancelSession(t.db, { engagementId, sessionId: id, actor: requester, reason: "", now: MARCH_1 }),
    ).rejects.toMatchObject({ code: "reason_missing" });
    await cancelSession(t.db, {
      engagementId,
      sessionId: id,
      actor: requester,
      reason: "Board meeting clash",
      now: MARCH_1,
    });
    expect(await sessionRow(id)).toMatchObject({
      status: "cancelled",
      outcome_note: "Board meeting clash",
      recorded_by: "req1",
    });
    const later = new Date("2027-03-06T10:00:00Z");
    await expect(
      recordSessionHeld(t.db, { engagementId, sessionId: id, actor: requester, attendance: { board: 2 }, now: later }),
    ).rejects.toThrow("This session was already recorded as cancelled.");
    await expect(
      cancelSession(t.db, { engagementId, sessionId: id, actor: pioneer, reason: "Again", now: later }),
    ).rejects.toBeInstanceOf(Refused);
    await expect(
      moveSession(t.db, {
        engagementId,
        sessionId: id,
        actor: pioneer,
        startsAt: "2027-04-01T10:00",
        reason: "Again",
        now: later,
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect((await notified("pio")).map((n) => n.kind)).toEqual(["session_planned", "session_cancelled"]);
  });

  it("records a session held only once it has started; the first moves the request to in progress, once", async () => {
    const first = await plan();
    const second = await plan(pioneer, { startsAt: "2027-03-20T10:00" });
    await expect(
      recordSessionHeld(t.db, {
        engagementId,
        sessionId: first,
        actor: pioneer,
        attendance: { board: 2 },
        now: new Date("2027-03-05T09:59:00Z"),
      }),
    ).rejects.toThrow("A session can be recorded as held once it has started.");
    expect(await requestStatus()).toBe("matched");

    await recordSessionHeld(t.db, {
      engagementId,
      sessionId: first,
      actor: pioneer,
      attendance: { board: 1, all_staff: 0, patients: 0 },
      note: "Good questions",
      now: new Date("2027-03-05T12:00:00Z"),
    });
    expect(await sessionRow(first)).toMatchObject({
      status: "held",
      outcome_note: "Good questions",
      recorded_by: "pio",
    });
    expect(
      (await getSession(t.db, engagementId, first))?.attendance.map((a) => [a.code, a.planned, a.attended]),
    ).toEqual([
      ["board", 2, 1],
      ["all_staff", 8, 0],
    ]);
    expect(await requestStatus()).toBe("in_progress");
    await expect(
      recordSessionHeld(t.db, {
        engagementId,
        sessionId: first,
        actor: requester,
        attendance: { board: 2 },
        now: new Date("2027-03-06T12:00:00Z"),
      }),
    ).rejects.toThrow("This session was already recorded as held.");

    await recordSessionHeld(t.db, {
      engagementId,
      sessionId: second,
      actor: requester,
      attendance: { all_staff: 4 },
      now: new Date("2027-03-21T12:00:00Z"),
    });
    expect(await requestStatus()).toBe("in_progress");
    const moves = await t.db
      .selectFrom("help_request_event")
      .select(["from_status", "to_status"])
      .where("request_id", "=", "r1")
      .orderBy("created_at")
      .execute();
    expect(moves).toEqual([
      { from_status: "submitted", to_status: "matched" },
      { from_status: "matched", to_status: "in_progress" },
    ]);
    expect(
      (await engagementTimeline(t.db, engagementId)).filter((e) => e.kind === "session_held").map((e) => e.note),
    ).toEqual(["1 person attended. Good questions", "4 people attended"]);
  });

  it("completes only after a session was held: request completed, follow-up due six months after the end, open sessions cancelled", async () => {
    const held = await plan();
    const open = await plan(requester, { startsAt: "2027-04-01T10:00" });
    await expect(
      endEngagement(t.db, { engagementId, actor: requester, kind: "completed", now: new Date("2027-03-02T10:00:00Z") }),
    ).rejects.toThrow(/at least one session/);
    expect((await getEngagement(t.db, engagementId))?.status).toBe("active");

    await recordSessionHeld(t.db, {
      engagementId,
      sessionId: held,
      actor: requester,
      attendance: { board: 2 },
      now: new Date("2027-03-05T12:00:00Z"),
    });
    // 23:30 UTC on 31 August is already 1 September in England.
    await endEngagement(t.db, {
      engagementId,
      actor: pioneer,
      kind: "completed",
      reason: "All done",
      now: new Date("2027-08-31T23:30:00Z"),
    });
    expect(await getEngagement(t.db, engagementId)).toMatchObject({
      status: "completed",
      ended_at: "2027-08-31T23:30:00.000Z",
      end_reason: "All done",
      follow_up_due_on: "2028-03-01",
    });
    expect((await t.db.selectFrom("engagement").select("ended_by").executeTakeFirstOrThrow()).ended_by).toBe("pio");
    expect(await requestStatus()).toBe("completed");
    expect(await sessionRow(open)).toMatchObject({ status: "cancelled", outcome_note: "Engagement ended" });
    expect((await kinds()).slice(-2)).toEqual(["session_cancelled", "completed"]);
    expect(
      await t.db
        .selectFrom("notification")
        .select(["user_id", "kind"])
        .where("kind", "=", "engagement_ended")
        .orderBy("user_id")
        .execute(),
    ).toEqual([
      { user_id: "req1", kind: "engagement_ended" },
      { user_id: "req2", kind: "engagement_ended" },
    ]);
    // Nothing more happens in an ended engagement.
    await expect(plan(requester, { startsAt: "2027-12-01T10:00" }, new Date("2027-09-01T10:00:00Z"))).rejects.toThrow(
      /has ended/,
    );
    await expect(
      endEngagement(t.db, { engagementId, actor: requester, kind: "stopped", reason: "Again" }),
    ).rejects.toThrow("This engagement has already ended.");
  });

  it("stopping needs a reason, cancels the match, returns the request to matching and keeps the pair apart", async () => {
    await plan();
    await expect(
      endEngagement(t.db, { engagementId, actor: requester, kind: "stopped", reason: " " }),
    ).rejects.toMatchObject({ code: "reason_missing" });
    await endEngagement(t.db, {
      engagementId,
      actor: requester,
      kind: "stopped",
      reason: "Pioneer team disbanded",
      now: MARCH_1,
    });
    expect(await getEngagement(t.db, engagementId)).toMatchObject({
      status: "stopped",
      end_reason: "Pioneer team disbanded",
      follow_up_due_on: null,
    });
    expect(
      (await t.db.selectFrom("outreach_match").select("status").where("id", "=", "m1").executeTakeFirstOrThrow())
        .status,
    ).toBe("cancelled");
    expect(await requestStatus()).toBe("submitted");
    const back = await t.db
      .selectFrom("help_request_event")
      .select(["from_status", "to_status", "note"])
      .where("request_id", "=", "r1")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(back).toEqual({
      from_status: "matched",
      to_status: "submitted",
      note: "The engagement with East London Trust stopped: Pioneer team disbanded",
    });
    expect((await loadPairRules(t.db, ["r1"])).excluded.has(pairKey("r1", "offerA"))).toBe(true);
    expect((await listSessions(t.db, engagementId)).map((s) => s.status)).toEqual(["cancelled"]);
    await expect(plan(pioneer, { startsAt: "2027-05-01T10:00" })).rejects.toThrow(
      "This engagement has ended, so nothing more can be planned or recorded in it.",
    );
  });

  it("of two ends at the same moment only one succeeds", async () => {
    const results = await Promise.allSettled([
      endEngagement(t.db, { engagementId, actor: requester, kind: "stopped", reason: "From the requester" }),
      endEngagement(t.db, { engagementId, actor: pioneer, kind: "stopped", reason: "From the pioneer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(Refused);
    expect((await kinds()).filter((k) => k === "stopped")).toHaveLength(1);
    const returned = await t.db
      .selectFrom("help_request_event")
      .select("id")
      .where("request_id", "=", "r1")
      .where("to_status", "=", "submitted")
      .where("from_status", "=", "matched")
      .execute();
    expect(returned).toHaveLength(1);
  });

  it("the requester answers the questionnaire and may change it until the first session is held", async () => {
    const answers = {
      wantsToSee: "How wards use run charts",
      currentData: "Falls per 1,000 bed days: 6.2",
      questions: "Who owns the charts?",
    };
    await expect(answerQuestionnaire(t.db, { engagementId, actor: pioneer, answers })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(answerQuestionnaire(t.db, { engagementId, actor: coordinator, answers })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(answerQuestionnaire(t.db, { engagementId, actor: thirdTrust, answers })).rejects.toBeInstanceOf(
      NotFound,
    );
    expect(await getQuestionnaire(t.db, engagementId)).toBeUndefined();

    await answerQuestionnaire(t.db, { engagementId, actor: requesterMember, answers });
    await answerQuestionnaire(t.db, { engagementId, actor: requester, answers: { ...answers, questions: "" } });
    expect(await getQuestionnaire(t.db, engagementId)).toMatchObject({
      wants_to_see: "How wards use run charts",
      current_data: "Falls per 1,000 bed days: 6.2",
      questions: "",
      answered_by_name: "req1",
    });
    expect(
      (await engagementTimeline(t.db, engagementId))
        .filter((e) => e.kind === "questionnaire_answered")
        .map((e) => e.note),
    ).toEqual(["", "Answers updated"]);

    const id = await plan();
    await recordSessionHeld(t.db, {
      engagementId,
      sessionId: id,
      actor: pioneer,
      attendance: { board: 2 },
      now: new Date("2027-03-05T12:00:00Z"),
    });
    await expect(answerQuestionnaire(t.db, { engagementId, actor: requester, answers })).rejects.toThrow(
      "The first session has taken place, so the questionnaire can no longer change.",
    );
    expect((await getQuestionnaire(t.db, engagementId))?.questions).toBe("");
  });
});
