import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { approveProposal, rejectProposal } from "~/models/matching/decisions.server";
import { reproposeLateMatch } from "~/models/matching/repropose.server";
import { matchesInScope } from "~/models/matching/match-list.server";
import { matchRequestContext } from "~/models/matching/match-context.server";
import { matchingTimeline, progressOfRequest, progressOfRequests } from "~/models/request/progress.server";
import { endEngagement } from "~/models/engagement/engagements.server";
import { withdrawRequest } from "~/models/request/requests.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { recordSessionHeld } from "~/models/engagement/sessions.server";
import { answerAndResubmit, askForInformation } from "~/models/request/requests.server";
import { coordinatorTasks } from "~/models/tasks/coordinator-tasks.server";
import { clockAt, organisationTasks, type TaskClock } from "~/models/tasks/tasks.server";
import { dateInEngland } from "~/lib/dates";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import {
  audienceLevel,
  capability,
  capabilityDomain,
  coordinatingBody,
  icb,
  offer,
  offerFormat,
  organisation,
  region,
  request,
  user,
} from "../support/factories";

const NOW = "2026-11-02T09:00:00.000Z";

/** London: RF4 asks, RWK (a pioneer) offers. One round proposes r1 and r2 and leaves r3 unmatched. */
async function seed(db: Kysely<Database>) {
  await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
  await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
  await icb(db, { code: "QMF", name: "North East London ICB", region_code: "Y56" });
  const trust = { region_code: "Y56", icb_code: "QMF", created_at: NOW, updated_at: NOW };
  await organisation(db, { id: "RF4", name: "Barking Trust", ...trust });
  await organisation(db, { id: "RWK", name: "East London Trust", offers_outreach: 1, ...trust });
  await coordinatingBody(db, { id: "london", name: "London region", scope: "region", scope_code: "Y56" });
  await coordinatingBody(db, { id: "northwest", name: "North West region", scope: "region", scope_code: "Y62" });
  await user(db, { id: "coord", role: "coordinator", coordinating_body_id: "london", created_at: NOW });
  await user(db, { id: "nwcoord", role: "coordinator", coordinating_body_id: "northwest", created_at: NOW });
  await user(db, { id: "req", role: "org_admin", organisation_id: "RF4", created_at: NOW });
  await user(db, { id: "pio", role: "member", organisation_id: "RWK", created_at: NOW });
  await capabilityDomain(db, { id: "dom", name: "Improvement" });
  await capability(db, {
    id: "c1",
    code: "QSIR-MFI",
    name: "Measurement for improvement",
    domain_id: "dom",
    created_at: NOW,
  });
  await offerFormat(db, { code: "visit", name: "Site visit" });
  await audienceLevel(db, { code: "board", name: "Board" });
  await offer(db, {
    id: "offerA",
    organisation_id: "RWK",
    title: "Offer A",
    format_code: "visit",
    capacity_per_quarter: 3,
    created_by: "pio",
    created_at: NOW,
    updated_at: NOW,
  });
  for (const id of ["r1", "r2", "r3", "r4"]) {
    await request(db, {
      id,
      organisation_id: "RF4",
      title: `Request ${id}`,
      window_start: "2026-10-01",
      window_end: "2026-12-31",
      created_by: "req",
      created_at: NOW,
      updated_at: NOW,
      submitted_at: NOW,
    });
  }
  await db.insertInto("help_request_capability").values({ request_id: "r1", capability_id: "c1" }).execute();
  await db
    .insertInto("match_round")
    .values({
      id: "round1",
      scope: "region",
      scope_code: "Y56",
      quarter: "2026-Q4",
      run_by: "coord",
      weights_json: "{}",
      summary_json: "{}",
      created_at: NOW,
    })
    .execute();
  const proposal = (id: string, request_id: string, offer_id: string | null) => ({
    id,
    round_id: "round1",
    request_id,
    offer_id,
    score: offer_id ? 0.8 : null,
    explanation_json: "[]",
    alternatives_json: "[]",
    unmatched_reason: offer_id ? null : "No offer within the travel limit",
    status: offer_id ? ("proposed" as const) : ("unmatched" as const),
    decided_by: null,
    decided_at: null,
    decision_reason: null,
  });
  await db
    .insertInto("match_proposal")
    .values([proposal("p1", "r1", "offerA"), proposal("p2", "r2", "offerA"), proposal("p3", "r3", null)])
    .execute();
}

const coordinator: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y56" },
};
const pioneer: Actor = { id: "pio", role: "member", organisationId: "RWK", scope: null, organisationIsPioneer: true };
const requester: Actor = { id: "req", role: "org_admin", organisationId: "RF4", scope: null };
const LONDON = { kind: "region" as const, code: "Y56" };
const NORTH_WEST = { kind: "region" as const, code: "Y62" };

/** The clock some days after now, for deadlines. */
const daysLater = (days: number): TaskClock => clockAt(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

describe.each(testEngines())("home page tasks on %s", (engine) => {
  let t: TestDatabase;
  /** Rounds run so far; the seed runs the first. */
  let rounds: number;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
    rounds = 1;
  });
  afterEach(async () => t.dispose());

  const kinds = (tasks: { kind: string; subjectId: string }[]) =>
    tasks.map((task) => `${task.kind}:${task.subjectId}`).sort();
  /**
   * A round in London run after every earlier one, proposing the offer to the request or leaving
   * it unmatched when there is none; returns the proposal's id.
   */
  const proposeInLaterRound = async (requestId: string, offerId: string | null) => {
    const roundId = `round${++rounds}`;
    await t.db
      .insertInto("match_round")
      .values({
        id: roundId,
        scope: "region",
        scope_code: "Y56",
        quarter: "2026-Q4",
        run_by: "coord",
        weights_json: "{}",
        summary_json: "{}",
        created_at: new Date(Date.now() + rounds * 1000).toISOString(),
      })
      .execute();
    await t.db
      .insertInto("match_proposal")
      .values({
        id: `${roundId}-p`,
        round_id: roundId,
        request_id: requestId,
        offer_id: offerId,
        score: offerId ? 0.9 : null,
        explanation_json: "[]",
        alternatives_json: "[]",
        unmatched_reason: offerId ? null : "Every eligible offer is full",
        status: offerId ? "proposed" : "unmatched",
        decided_by: null,
        decided_at: null,
        decision_reason: null,
      })
      .execute();
    return `${roundId}-p`;
  };

  it("a coordinator sees proposals to decide and unmatched requests in scope, and they go once decided", async () => {
    const tasks = await coordinatorTasks(t.db, LONDON, clockAt());
    expect(tasks).toContainEqual(
      expect.objectContaining({
        kind: "decide_proposals",
        subjectId: "round1",
        count: 2,
        href: "/matching/rounds/round1",
      }),
    );
    expect(tasks).toContainEqual(
      expect.objectContaining({ kind: "unmatched_request", subjectId: "r3", href: "/matching/rounds/round1" }),
    );
    expect(await coordinatorTasks(t.db, NORTH_WEST, clockAt())).toEqual([]);

    await approveProposal(t.db, { proposalId: "p1", coordinator });
    await rejectProposal(t.db, { proposalId: "p2", coordinator, reason: "Not a fit" });
    await t.db.updateTable("help_request").set({ status: "withdrawn" }).where("id", "=", "r3").execute();
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).toEqual([]);
  });

  it("the pioneer answers an approved match by its deadline; past it the coordinator may take it back, and the request waits to be matched again", async () => {
    const matchId = await approveProposal(t.db, { proposalId: "p1", coordinator });
    const match = await t.db
      .selectFrom("outreach_match")
      .select(["answer_due_at", "approved_at"])
      .where("id", "=", matchId)
      .executeTakeFirstOrThrow();
    expect(match.answer_due_at! > match.approved_at).toBe(true);

    const onTime = await organisationTasks(t.db, "RWK");
    expect(onTime.due).toEqual([
      expect.objectContaining({
        kind: "answer_match",
        subjectId: matchId,
        href: `/matches/${matchId}`,
        dueOn: dateInEngland(match.answer_due_at!),
        overdue: false,
      }),
    ]);
    expect(await organisationTasks(t.db, "RF4")).toEqual({ due: [], comingUp: [] });
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).not.toContain(`late_answer:${matchId}`);
    await expect(reproposeLateMatch(t.db, { matchId: matchId, coordinator, reason: "No answer" })).rejects.toThrow(
      "The pioneer still has time to answer this match",
    );

    const late = daysLater(30);
    expect((await organisationTasks(t.db, "RWK", late)).due[0]).toMatchObject({ kind: "answer_match", overdue: true });
    expect(kinds(await coordinatorTasks(t.db, LONDON, late))).toContain(`late_answer:${matchId}`);
    expect(kinds(await coordinatorTasks(t.db, NORTH_WEST, late))).toEqual([]);

    const outsider: Actor = { id: "nwcoord", role: "coordinator", organisationId: null, scope: NORTH_WEST };
    await expect(
      reproposeLateMatch(t.db, { matchId: matchId, coordinator: outsider, reason: "No answer", now: late.now }),
    ).rejects.toThrow("This request is outside your area");
    await reproposeLateMatch(t.db, { matchId: matchId, coordinator, reason: "No answer", now: late.now });

    expect((await organisationTasks(t.db, "RWK", late)).due).toEqual([]);
    const after = kinds(await coordinatorTasks(t.db, LONDON, late));
    expect(after).not.toContain(`late_answer:${matchId}`);
    expect(after).toContain("rematch_declined:r1");
    const rule = await t.db
      .selectFrom("match_pair_rule")
      .select(["kind"])
      .where("request_id", "=", "r1")
      .where("offer_id", "=", "offerA")
      .executeTakeFirstOrThrow();
    expect(rule.kind).toBe("block");
    expect(
      (
        await t.db
          .selectFrom("offer_quarter_load")
          .select("approved")
          .where("offer_id", "=", "offerA")
          .executeTakeFirstOrThrow()
      ).approved,
    ).toBe(0);
  });

  it("a declined match waits for a new offer until a later round proposes the request", async () => {
    const matchId = await approveProposal(t.db, { proposalId: "p1", coordinator });
    await respondToMatch(t.db, { matchId: matchId, user: pioneer, accept: false, reason: "No capacity" });
    expect((await organisationTasks(t.db, "RWK")).due).toEqual([]);
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).toContain("rematch_declined:r1");

    await proposeInLaterRound("r1", null);
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).not.toContain("rematch_declined:r1");
  });

  it("after acceptance the requester answers the questionnaire and the pioneer records a session whose time has passed", async () => {
    const matchId = await approveProposal(t.db, { proposalId: "p1", coordinator });
    await respondToMatch(t.db, { matchId: matchId, user: pioneer, accept: true });
    const engagement = await t.db
      .selectFrom("engagement")
      .select("id")
      .where("match_id", "=", matchId)
      .executeTakeFirstOrThrow();
    expect((await organisationTasks(t.db, "RF4")).due).toEqual([
      expect.objectContaining({ kind: "questionnaire", subjectId: engagement.id }),
    ]);

    const session = (id: string, starts_at: string) => ({
      id,
      engagement_id: engagement.id,
      starts_at,
      duration_minutes: 60,
      format_code: "visit",
      location: "Ward 4",
      video_link: "",
      agenda: "",
      status: "planned" as const,
      outcome_note: "",
      recorded_by: null,
      recorded_at: null,
      created_by: "pio",
      created_at: NOW,
      updated_at: NOW,
    });
    await t.db
      .insertInto("outreach_session")
      .values([session("s-past", "2026-11-10T10:00"), session("s-future", "2099-01-01T10:00")])
      .execute();
    const pioneerTasks = (await organisationTasks(t.db, "RWK")).due;
    expect(pioneerTasks).toEqual([
      expect.objectContaining({
        kind: "record_session",
        subjectId: "s-past",
        href: `/engagements/${engagement.id}/sessions/s-past`,
        since: "2026-11-10",
      }),
    ]);

    await recordSessionHeld(t.db, {
      engagementId: engagement.id,
      sessionId: "s-past",
      actor: pioneer,
      attendance: { board: 3 },
    });
    expect((await organisationTasks(t.db, "RWK")).due).toEqual([]);
    // A held session makes the questionnaire moot.
    expect((await organisationTasks(t.db, "RF4")).due).toEqual([]);
  });

  it("a coordinator's question is the requester's task until answered, then the coordinator's to review", async () => {
    await askForInformation(t.db, { requestId: "r4", coordinator, question: "Which wards?" });
    expect((await organisationTasks(t.db, "RF4")).due).toEqual([
      expect.objectContaining({ kind: "answer_question", subjectId: "r4", href: "/requests/r4" }),
    ]);
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).not.toContain("review_answer:r4");

    await answerAndResubmit(t.db, { requestId: "r4", actor: requester, answer: "Wards 4 and 5" });
    expect((await organisationTasks(t.db, "RF4")).due).toEqual([]);
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).toContain("review_answer:r4");

    await proposeInLaterRound("r4", "offerA");
    expect(kinds(await coordinatorTasks(t.db, LONDON, clockAt()))).not.toContain("review_answer:r4");
  });

  it("the follow-up re-assessment is coming up before its date and a task from it, with feedback meanwhile", async () => {
    const matchId = await approveProposal(t.db, { proposalId: "p1", coordinator });
    await respondToMatch(t.db, { matchId: matchId, user: pioneer, accept: true });
    const engagement = await t.db
      .selectFrom("engagement")
      .select("id")
      .where("match_id", "=", matchId)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("engagement")
      .set({ status: "completed", ended_at: NOW, follow_up_due_on: "2027-05-02" })
      .where("id", "=", engagement.id)
      .execute();

    const before = await organisationTasks(t.db, "RF4", { ...clockAt(), today: "2027-05-01" });
    expect(before.due).toEqual([expect.objectContaining({ kind: "feedback", subjectId: engagement.id })]);
    expect(before.comingUp).toEqual([
      expect.objectContaining({ kind: "reassessment", dueOn: "2027-05-02", overdue: false }),
    ]);

    const onTheDay = await organisationTasks(t.db, "RF4", { ...clockAt(), today: "2027-05-02" });
    expect(kinds(onTheDay.due)).toEqual([`feedback:${engagement.id}`, `reassessment:${engagement.id}`]);
    expect(onTheDay.comingUp).toEqual([]);
    expect((await organisationTasks(t.db, "RF4", { ...clockAt(), today: "2027-06-01" })).due).toContainEqual(
      expect.objectContaining({ kind: "reassessment", overdue: true }),
    );
    // The pioneer owes feedback too, but no re-assessment.
    expect(kinds((await organisationTasks(t.db, "RWK")).due)).toEqual([`feedback:${engagement.id}`]);
  });

  it("coordinators list the matches in their area by state, and the match shows the request, its levels and its author", async () => {
    await t.db
      .insertInto("assessment")
      .values({
        id: "a1",
        organisation_id: "RF4",
        assessed_by: "req",
        assessed_on: "2026-10-01",
        note: "",
        created_at: NOW,
      })
      .execute();
    await t.db
      .insertInto("assessment_score")
      .values({ assessment_id: "a1", capability_id: "c1", maturity: 2, evidence: "" })
      .execute();
    await t.db
      .updateTable("match_proposal")
      .set({
        explanation_json: JSON.stringify([
          {
            key: "capability",
            label: "Capability fit",
            weight: 1,
            value: 1,
            points: 1,
            text: "Pioneer is established in Measurement for improvement; you assessed yourself as emerging",
          },
        ]),
      })
      .where("id", "=", "p1")
      .execute();
    const first = await approveProposal(t.db, { proposalId: "p1", coordinator });
    const second = await approveProposal(t.db, { proposalId: "p2", coordinator });
    await respondToMatch(t.db, { matchId: second, user: pioneer, accept: false, reason: "No capacity" });

    const now = await matchesInScope(t.db, LONDON, clockAt().now);
    expect(now.waiting.map((m) => m.id)).toEqual([first]);
    expect(now.declined.map((m) => m.id)).toEqual([second]);
    expect(now.late).toEqual([]);
    expect((await matchesInScope(t.db, LONDON, daysLater(30).now)).late.map((m) => m.id)).toEqual([first]);
    const elsewhere = await matchesInScope(t.db, NORTH_WEST, clockAt().now);
    expect([...elsewhere.waiting, ...elsewhere.late, ...elsewhere.accepted, ...elsewhere.declined]).toEqual([]);

    const matchFacts = { request_id: "r1", proposal_id: "p1", request_organisation_name: "Royal Free London" };
    const context = await matchRequestContext(t.db, matchFacts, "pioneer");
    expect(context?.author).toEqual({ name: "req", email: "req@example.org" });
    expect(context?.request.capabilities.map((c) => c.name)).toEqual([
      "Measurement for improvement: their team assessed itself as emerging",
    ]);
    expect(context?.factors).toEqual([
      {
        label: "Capability fit",
        text: "You are established in Measurement for improvement; their team assessed itself as emerging",
      },
    ]);
    expect((await matchRequestContext(t.db, matchFacts, "coordinator"))?.factors[0].text).toBe(
      "The pioneer is established in Measurement for improvement; Royal Free London assessed itself as emerging",
    );
    expect((await matchRequestContext(t.db, matchFacts, "requester"))?.factors[0].text).toBe(
      "Pioneer is established in Measurement for improvement; you assessed yourself as emerging",
    );
  });

  it("a request's status tells where it is at every step, with the reason when a round leaves it unmatched", async () => {
    const progress = async () => (await progressOfRequest(t.db, "r1")).progress;
    await t.db.updateTable("match_proposal").set({ status: "superseded" }).where("request_id", "=", "r1").execute();
    expect(await progress()).toBe("submitted");
    await askForInformation(t.db, { requestId: "r1", coordinator, question: "Which wards?" });
    expect(await progress()).toBe("needs_info");
    await answerAndResubmit(t.db, { requestId: "r1", actor: requester, answer: "Ward 4" });
    expect(await progress()).toBe("submitted");

    const first = await proposeInLaterRound("r1", "offerA");
    expect(await progress()).toBe("proposed");
    const declined = await approveProposal(t.db, { proposalId: first, coordinator });
    expect(await progress()).toBe("waiting_for_pioneer");
    await respondToMatch(t.db, { matchId: declined, user: pioneer, accept: false, reason: "No capacity this quarter" });
    expect(await progress()).toBe("back_in_matching");

    // A declined pair is never proposed again, so the next round finds the pioneer's other offer.
    await offer(t.db, {
      id: "offerB",
      organisation_id: "RWK",
      title: "Offer B",
      format_code: "visit",
      capacity_per_quarter: 3,
      created_by: "pio",
      created_at: NOW,
      updated_at: NOW,
    });
    const second = await proposeInLaterRound("r1", "offerB");
    expect(await progress()).toBe("proposed");
    const accepted = await approveProposal(t.db, { proposalId: second, coordinator });
    await respondToMatch(t.db, { matchId: accepted, user: pioneer, accept: true });
    expect(await progress()).toBe("accepted");
    const engagement = await t.db
      .selectFrom("engagement")
      .select("id")
      .where("match_id", "=", accepted)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("outreach_session")
      .values({
        id: "s1",
        engagement_id: engagement.id,
        starts_at: "2026-11-10T10:00",
        duration_minutes: 60,
        format_code: "visit",
        location: "",
        video_link: "",
        agenda: "",
        status: "planned",
        outcome_note: "",
        recorded_by: null,
        recorded_at: null,
        created_by: "pio",
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await recordSessionHeld(t.db, {
      engagementId: engagement.id,
      sessionId: "s1",
      actor: pioneer,
      attendance: { board: 2 },
    });
    expect(await progress()).toBe("in_progress");
    await endEngagement(t.db, { engagementId: engagement.id, actor: pioneer, kind: "completed" });
    expect(await progress()).toBe("completed");

    const timeline = (await matchingTimeline(t.db, "r1")).map((e) => e.title);
    expect(timeline).toEqual(
      expect.arrayContaining([
        "Proposed for a match in the 2026-Q4 matching round",
        "Match with East London Trust approved, waiting for their answer",
        "Declined by East London Trust, back in matching",
      ]),
    );

    await withdrawRequest(t.db, { requestId: "r4", actor: requester, reason: "No longer needed" });
    const others = await progressOfRequests(t.db, ["r2", "r3", "r4"]);
    expect(others.r2).toEqual({ progress: "proposed", unmatchedReason: null, whatIf: null });
    expect(others.r3).toEqual({
      progress: "unmatched",
      unmatchedReason:
        "No offer within the travel limit. A coordinator will look again in the next round; changing your request may widen the choice.",
      whatIf: null,
    });
    expect(others.r4.progress).toBe("withdrawn");
  });
});
