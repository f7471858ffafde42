import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { quarterOf } from "../../../app/lib/dates";
import { config } from "../../../app/config.server";
import { followUpDueOn } from "../../../app/domain/engagement-rules";
import { earliest, plusDays, stampAfter, stampOn } from "./calendar";
import type { EngagementPlan, OfferPlan, RequestPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { ENGAGED_COURSES, withdraw } from "./requests";
import { writeInChunks } from "./rows";
import { planSession, sessionDays } from "./sessions";
import { questionnaireText } from "./text";
import { STOP_REASONS } from "./vocabulary";

/** Places taken per offer and quarter; never more than the offer's capacity. */
export class QuarterLoad {
  private readonly taken = new Map<string, number>();

  hasRoom(offer: OfferPlan, quarter: string): boolean {
    return (this.taken.get(`${offer.id} ${quarter}`) ?? 0) < offer.capacity;
  }

  take(offer: OfferPlan, quarter: string): void {
    const key = `${offer.id} ${quarter}`;
    this.taken.set(key, (this.taken.get(key) ?? 0) + 1);
  }

  rows(): { offer_id: string; quarter: string; approved: number }[] {
    return [...this.taken].map(([key, approved]) => {
      const [offer_id, quarter] = key.split(" ");
      return { offer_id, quarter, approved };
    });
  }
}

/** Could this offer take this request on the day the coordinator approves? */
function available(offer: OfferPlan, request: RequestPlan, day: string, quarter: string, load: QuarterLoad): boolean {
  return (
    offer.organisation !== request.organisation &&
    offer.createdAt.slice(0, 10) <= day &&
    (offer.closedOn === null || day < offer.closedOn) &&
    (offer.pausedOn === null || day < offer.pausedOn) &&
    offer.windows.some((w) => w.start <= day && day <= w.end) &&
    load.hasRoom(offer, quarter)
  );
}

/**
 * An offer for the request: preferably one teaching a capability it asks for, in its own region
 * when it cannot travel far; failing that any offer with room that quarter; null when all are full.
 */
function chooseOffer(
  ctx: ScaleContext,
  request: RequestPlan,
  teaching: Map<number, OfferPlan[]>,
  all: OfferPlan[],
  load: QuarterLoad,
): OfferPlan | null {
  const { random } = ctx;
  const day = request.approvedOn!;
  const quarter = quarterOf(day);
  const pool = request.capabilities.flatMap((index) => teaching.get(index) ?? []);
  const tried: OfferPlan[] = [];
  for (let attempt = 0; attempt < 12 && pool.length > 0; attempt++) {
    const offer = random.pick(pool);
    if (available(offer, request, day, quarter, load)) tried.push(offer);
  }
  const local = tried.find(
    (o) => request.travel === "anywhere" || o.organisation.regionCode === request.organisation.regionCode,
  );
  if (local ?? tried[0]) return local ?? tried[0];
  for (const candidates of [pool, all]) {
    if (candidates.length === 0) continue;
    const from = random.int(0, candidates.length - 1);
    for (let k = 0; k < candidates.length; k++) {
      const offer = candidates[(from + k) % candidates.length];
      if (available(offer, request, day, quarter, load)) return offer;
    }
  }
  return null;
}

/**
 * Matches every request whose course reaches an engagement, in order of approval, under each
 * offer's capacity per quarter, then plans its sessions and how it ends. A request no offer can
 * take is withdrawn instead.
 */
export function planEngagements(
  ctx: ScaleContext,
  requests: RequestPlan[],
  offers: OfferPlan[],
): { engagements: EngagementPlan[]; load: QuarterLoad } {
  const teaching = new Map<number, OfferPlan[]>();
  for (const offer of offers)
    for (const index of offer.capabilities) teaching.set(index, [...(teaching.get(index) ?? []), offer]);
  const load = new QuarterLoad();
  const engagements: EngagementPlan[] = [];
  const waiting = requests
    .filter((r) => ENGAGED_COURSES.includes(r.course))
    .sort((a, b) => a.approvedOn!.localeCompare(b.approvedOn!));
  for (const request of waiting) {
    const offer = chooseOffer(ctx, request, teaching, offers, load);
    if (!offer) {
      const day = earliest(ctx.calendar.yesterday, plusDays(request.approvedOn!, 14));
      request.course = "withdrawn";
      request.approvedOn = null;
      request.acceptedOn = null;
      withdraw(ctx, request, day, "No peer had room this quarter; we will ask again later.");
      continue;
    }
    const quarter = quarterOf(request.approvedOn!);
    load.take(offer, quarter);
    const engagement = planEngagement(ctx, request, offer, quarter);
    request.engagement = engagement;
    engagements.push(engagement);
  }
  return { engagements, load };
}

function planEngagement(ctx: ScaleContext, request: RequestPlan, offer: OfferPlan, quarter: string): EngagementPlan {
  const { random, calendar } = ctx;
  const approvedAt = stampOn(request.approvedOn!, random);
  const openedAt = stampAfter(approvedAt, request.acceptedOn!, random);
  const engagement: EngagementPlan = {
    id: random.uuid(),
    matchId: random.uuid(),
    request,
    offer,
    quarter,
    approvedAt,
    openedAt,
    status: "active",
    endedAt: null,
    endedBy: null,
    endReason: null,
    followUpDueOn: null,
    sessions: [],
    gains: request.capabilities.map(() => 0),
  };
  const opened = request.acceptedOn!;
  const requesterLead = request.organisation.users[0].id;

  if (request.course === "matched") {
    // Just accepted: sessions are being arranged, none held yet.
    let day = plusDays(calendar.today, random.int(3, 30));
    for (let k = random.int(0, 2); k > 0; k--) {
      engagement.sessions.push(planSession(ctx, engagement, day));
      day = plusDays(day, random.int(14, 40));
    }
    return engagement;
  }

  if (request.course === "in_progress") {
    const days = sessionDays(ctx, opened, random.int(2, 5));
    if (days[0] >= calendar.today) days[0] = calendar.yesterday;
    engagement.sessions = days.map((day, k) => planSession(ctx, engagement, day, { forceHeld: k === 0 }));
    return engagement;
  }

  if (request.course === "completed") {
    const days = sessionDays(ctx, opened, random.int(1, 5)).filter(
      (day, k) => k === 0 || day < plusDays(calendar.today, -2),
    );
    engagement.sessions = days.map((day, k) => planSession(ctx, engagement, day, { forceHeld: k === 0 }));
    const last = engagement.sessions.at(-1)!;
    const endDay = earliest(calendar.yesterday, plusDays(last.startsOn, random.int(1, 21)));
    engagement.status = "completed";
    engagement.endedAt = stampAfter(last.recordedAt!, endDay, random);
    engagement.endedBy = random.chance(0.6) ? requesterLead : offer.organisation.users[0].id;
    engagement.endReason = "All planned sessions held and actions agreed.";
    engagement.followUpDueOn = followUpDueOn(endDay, config().FOLLOW_UP_MONTHS);
    // What the help did to the trust's underlying maturity on each capability it asked about.
    engagement.gains = request.capabilities.map(() => Math.max(-0.5, Math.min(2, 0.7 + random.normal() * 0.45)));
    return engagement;
  }

  // Stopped: some sessions held, then the requester ended it; sessions still to come were cancelled,
  // the match cancelled, and the request went back for matching, where about half were later withdrawn.
  const reason = random.pick(STOP_REASONS);
  const stopDay = earliest(calendar.yesterday, plusDays(opened, random.int(20, 120)));
  const days = sessionDays(ctx, opened, random.int(1, 3));
  const held = days.filter((day) => day < stopDay).map((day) => planSession(ctx, engagement, day));
  const lastRecorded =
    held
      .map((s) => s.recordedAt!)
      .sort()
      .at(-1) ?? openedAt;
  const endedAt = stampAfter(lastRecorded, stopDay, random);
  engagement.status = "stopped";
  engagement.endedAt = endedAt;
  engagement.endedBy = requesterLead;
  engagement.endReason = reason;
  // A stopped engagement is not followed up, as in the app.
  engagement.followUpDueOn = null;
  const calledOff = days
    .filter((day) => day >= stopDay)
    .map((day) => planSession(ctx, engagement, day, { cancelReason: "Engagement ended" }))
    .filter((s) => s.createdAt < endedAt)
    .map((s) => ({ ...s, recordedAt: endedAt }));
  engagement.sessions = [...held, ...calledOff];
  request.status = "submitted";
  request.returnedAt = new Date(new Date(endedAt).getTime() + 1_000).toISOString();
  if (random.chance(0.5))
    withdraw(
      ctx,
      request,
      earliest(calendar.yesterday, plusDays(stopDay, random.int(5, 60))),
      "No longer needed after the engagement stopped.",
    );
  return engagement;
}

export async function writeEngagements(
  db: Kysely<Database>,
  ctx: ScaleContext,
  engagements: EngagementPlan[],
  load: QuarterLoad,
  phase: PhaseRun,
): Promise<number> {
  const { random, reference } = ctx;
  const loadRows = await writeInChunks(
    db,
    load.rows(),
    5_000,
    (sink, row) => sink.add("offer_quarter_load", row),
    () => undefined,
  );
  const rows = await writeInChunks(
    db,
    engagements,
    1_000,
    async (sink, e) => {
      const requesterLead = e.request.organisation.users[0].id;
      const pioneerLead = e.offer.organisation.users[0].id;
      await sink.add("outreach_match", {
        id: e.matchId,
        request_id: e.request.id,
        offer_id: e.offer.id,
        quarter: e.quarter,
        proposal_id: null,
        // A stopped engagement's match is cancelled; its place that quarter was used and stays counted.
        status: e.status === "stopped" ? "cancelled" : "accepted",
        approved_by: reference.approverId,
        approved_at: e.approvedAt,
        approval_reason: "",
        responded_by: pioneerLead,
        responded_at: e.openedAt,
        response_reason: "",
      });
      await sink.add("engagement", {
        id: e.id,
        match_id: e.matchId,
        request_id: e.request.id,
        offer_id: e.offer.id,
        requester_organisation_id: e.request.organisation.id,
        pioneer_organisation_id: e.offer.organisation.id,
        status: e.status,
        opened_at: e.openedAt,
        ended_at: e.endedAt,
        ended_by: e.endedBy,
        end_reason: e.endReason,
        follow_up_due_on: e.followUpDueOn,
      });
      await sink.add("engagement_event", {
        id: random.uuid(),
        engagement_id: e.id,
        session_id: null,
        kind: "opened",
        note: "",
        actor_id: pioneerLead,
        created_at: e.openedAt,
      });
      if (random.chance(0.85)) {
        const answeredOn = earliest(ctx.calendar.yesterday, plusDays(e.openedAt.slice(0, 10), random.int(1, 10)));
        const answeredAt = stampAfter(e.openedAt, answeredOn, random);
        const text = questionnaireText(
          e.request.capabilities.map((index) => reference.capabilities[index].code),
          random,
        );
        await sink.add("engagement_questionnaire", {
          engagement_id: e.id,
          wants_to_see: text.wantsToSee,
          current_data: text.currentData,
          questions: text.questions,
          answered_by: requesterLead,
          answered_at: answeredAt,
        });
        await sink.add("engagement_event", {
          id: random.uuid(),
          engagement_id: e.id,
          session_id: null,
          kind: "questionnaire_answered",
          note: "",
          actor_id: requesterLead,
          created_at: answeredAt,
        });
      }
      if (e.endedAt) {
        await sink.add("engagement_event", {
          id: random.uuid(),
          engagement_id: e.id,
          session_id: null,
          kind: e.status === "stopped" ? "stopped" : "completed",
          note: e.endReason ?? "",
          actor_id: e.endedBy!,
          created_at: e.endedAt,
        });
      }
    },
    phase.advance,
  );
  return loadRows + rows;
}
