import type { Kysely } from "kysely";
import type { CostModel, Database, Priority, RequestStatus, TravelLimit } from "../../../db/schema";
import { FIRST_ASSESSMENT_DAYS } from "./assessments";
import { dayBetween, plusDays, stampAfter, stampOn } from "./calendar";
import type { OrganisationPlan, RequestCourse, RequestPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { writeInChunks } from "./rows";
import { weightedPicker, type Random } from "./random";
import { requestOutcome, requestTitle } from "./text";
import { INFO_ANSWERS, INFO_QUESTIONS, WITHDRAW_REASONS } from "./vocabulary";

/** Shares of requests by where their story goes, over two years of service: most have finished. */
const COURSE_SHARES: Record<RequestCourse, number> = {
  draft: 0.05,
  submitted: 0.12,
  needs_info: 0.04,
  withdrawn: 0.1,
  matched: 0.06,
  in_progress: 0.13,
  completed: 0.45,
  stopped: 0.05,
};

export const ENGAGED_COURSES: readonly RequestCourse[] = ["matched", "in_progress", "completed", "stopped"];

// A stopped engagement sends its request back for matching.
const statusOf = (course: RequestCourse): RequestStatus => (course === "stopped" ? "submitted" : course);

const pickTravel = weightedPicker<TravelLimit>(["icb", "region", "anywhere"], [20, 50, 30]);
const pickBudget = weightedPicker<CostModel>(["free", "cost_recovery", "fee"], [55, 35, 10]);
const pickPriority = weightedPicker<Priority>(["low", "medium", "high"], [25, 50, 25]);

/** Exactly the shares of `total`, largest remainders first, in random order. */
function courses(total: number, random: Random): RequestCourse[] {
  const entries = Object.entries(COURSE_SHARES) as [RequestCourse, number][];
  const counts = entries.map(([course, share]) => ({
    course,
    count: Math.floor(share * total),
    rest: share * total - Math.floor(share * total),
  }));
  let missing = total - counts.reduce((sum, c) => sum + c.count, 0);
  for (const c of [...counts].sort((a, b) => b.rest - a.rest)) {
    if (missing-- <= 0) break;
    c.count++;
  }
  return random.shuffle(counts.flatMap((c) => Array<RequestCourse>(c.count).fill(c.course)));
}

/** The capabilities a trust asks for: one to three among its six weakest. */
function weakest(organisation: OrganisationPlan, random: Random): number[] {
  const order = organisation.base.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  return random.sample(
    order.slice(0, 6).map((o) => o.index),
    random.int(1, 3),
  );
}

/**
 * Plans `count` requests from organisations that seek help (busier trusts file more), with a
 * course through the lifecycle and dates that fit it. With `needEngagement`, at least one goes on
 * to an engagement, since learning entries need one.
 */
export function planRequests(
  ctx: ScaleContext,
  organisations: readonly OrganisationPlan[],
  count: number,
  needEngagement: boolean,
): RequestPlan[] {
  const { random, reference } = ctx;
  const seekers = organisations.filter((o) => o.seeksHelp);
  if (count > 0 && seekers.length === 0) throw new Error("No organisation seeks help, so none can file requests");
  const pickSeeker = weightedPicker(
    seekers,
    seekers.map(() => 0.5 + random.next() * 1.5),
  );
  const plan = courses(count, random);
  if (
    needEngagement &&
    plan.length > 0 &&
    !plan.some((c) => c === "matched" || c === "in_progress" || c === "completed")
  )
    plan[0] = "completed";
  return plan.map((course) => {
    const organisation = pickSeeker(random);
    const capabilities = weakest(organisation, random);
    const words = capabilities.map((index) => reference.capabilities[index]);
    const request: RequestPlan = {
      id: random.uuid(),
      organisation,
      title: requestTitle(words, random),
      outcome: requestOutcome(words, random),
      capabilities,
      audiences: random.sample(reference.audiences, random.int(1, 3)),
      formats: random.sample(
        reference.formats.map((f) => f.code),
        random.int(1, 3),
      ),
      windowStart: "",
      windowEnd: "",
      virtualOk: random.chance(0.6),
      travel: pickTravel(random),
      budget: pickBudget(random),
      priority: pickPriority(random),
      course,
      status: statusOf(course),
      createdAt: "",
      draftFirst: random.chance(0.6),
      submittedAt: null,
      infoAskedAt: null,
      infoAnsweredAt: null,
      returnedAt: null,
      withdrawnAt: null,
      withdrawReason: "",
      approvedOn: null,
      acceptedOn: null,
      engagement: null,
    };
    schedule(ctx, request);
    return request;
  });
}

function schedule(ctx: ScaleContext, r: RequestPlan): void {
  const { random, calendar } = ctx;
  const { today, yesterday } = calendar;
  // Every trust has assessed itself before its first request.
  const earliestDay = plusDays(calendar.start, FIRST_ASSESSMENT_DAYS + 1);
  const upToYesterday = (day: string) => (day > yesterday ? yesterday : day);
  const submits = r.course !== "draft" && !(r.course === "withdrawn" && random.chance(0.25));
  if (!submits) r.draftFirst = true;

  let createdOn: string;
  let submittedOn: string | null;
  if (r.course === "draft" || r.course === "submitted" || r.course === "needs_info" || r.course === "withdrawn") {
    createdOn =
      r.course === "withdrawn"
        ? dayBetween(earliestDay, plusDays(today, -10), random)
        : dayBetween(plusDays(today, r.course === "draft" ? -60 : -75), yesterday, random);
    submittedOn = !submits ? null : r.draftFirst ? upToYesterday(plusDays(createdOn, random.int(0, 5))) : createdOn;
  } else {
    const accepted =
      r.course === "matched"
        ? dayBetween(plusDays(today, -45), yesterday, random)
        : r.course === "in_progress"
          ? dayBetween(plusDays(today, -240), plusDays(today, -21), random)
          : r.course === "completed"
            ? dayBetween(plusDays(earliestDay, 70), plusDays(today, -150), random)
            : dayBetween(plusDays(earliestDay, 70), plusDays(today, -30), random);
    r.acceptedOn = accepted;
    r.approvedOn = plusDays(accepted, -random.int(1, 10));
    submittedOn = plusDays(r.approvedOn, -random.int(7, 45));
    createdOn = r.draftFirst ? plusDays(submittedOn, -random.int(0, 7)) : submittedOn;
  }

  r.createdAt = stampOn(createdOn, random);
  r.submittedAt =
    submittedOn === null ? null : r.draftFirst ? stampAfter(r.createdAt, submittedOn, random) : r.createdAt;

  const windowFrom = submittedOn ?? createdOn;
  r.windowStart = plusDays(windowFrom, random.int(r.course === "draft" ? 30 : 14, 60));
  r.windowEnd = plusDays(r.windowStart, random.int(120, 365));

  // A coordinator asks for more: still waiting, or answered and resubmitted before any match.
  if (submittedOn && r.submittedAt && (r.course === "needs_info" || random.chance(0.15))) {
    const limit = r.approvedOn ? plusDays(r.approvedOn, -1) : yesterday;
    const asked = upToYesterday(plusDays(submittedOn, random.int(2, 7)));
    if (r.course === "needs_info") {
      r.infoAskedAt = stampAfter(r.submittedAt, asked, random);
    } else {
      const answered = plusDays(asked, random.int(1, 5));
      if (answered <= limit) {
        r.infoAskedAt = stampAfter(r.submittedAt, asked, random);
        r.infoAnsweredAt = stampAfter(r.infoAskedAt, answered, random);
      }
    }
  }

  if (r.course === "withdrawn")
    withdraw(
      ctx,
      r,
      upToYesterday(plusDays(submittedOn ?? createdOn, random.int(5, 120))),
      random.pick(WITHDRAW_REASONS),
    );
}

/** Withdraws the request on `day` (or just after its last event that day). */
export function withdraw(ctx: ScaleContext, r: RequestPlan, day: string, reason: string): void {
  const last = r.returnedAt ?? r.infoAnsweredAt ?? r.infoAskedAt ?? r.submittedAt ?? r.createdAt;
  r.status = "withdrawn";
  r.withdrawnAt = stampAfter(last, day, ctx.random);
  r.withdrawReason = reason;
}

/** The status changes of a request in order, as the request's timeline stores them. */
export function requestEvents(
  r: RequestPlan,
  approverId: string,
  random: Random,
): { from: RequestStatus | null; to: RequestStatus; actor: string; note: string; at: string }[] {
  const lead = r.organisation.users[0].id;
  const events: { from: RequestStatus | null; to: RequestStatus; actor: string; note: string; at: string }[] = [];
  let current: RequestStatus | null = null;
  const move = (to: RequestStatus, actor: string, note: string, at: string) => {
    events.push({ from: current, to, actor, note, at });
    current = to;
  };
  if (r.draftFirst) move("draft", lead, "", r.createdAt);
  if (r.submittedAt) move("submitted", lead, "", r.submittedAt);
  const question = random.int(0, INFO_QUESTIONS.length - 1);
  if (r.infoAskedAt) move("needs_info", approverId, INFO_QUESTIONS[question], r.infoAskedAt);
  if (r.infoAnsweredAt) move("submitted", lead, INFO_ANSWERS[question % INFO_ANSWERS.length], r.infoAnsweredAt);
  const e = r.engagement;
  if (e) {
    const pioneerLead = e.offer.organisation.users[0].id;
    move("matched", pioneerLead, "", e.openedAt);
    const firstHeld = e.sessions.find((s) => s.status === "held");
    if (firstHeld?.recordedAt) move("in_progress", pioneerLead, "", firstHeld.recordedAt);
    if (e.status === "completed") move("completed", e.endedBy ?? lead, "", e.endedAt!);
    if (e.status === "stopped")
      move(
        "submitted",
        e.endedBy ?? lead,
        `The engagement with ${e.offer.organisation.name} stopped: ${e.endReason}`,
        r.returnedAt!,
      );
  }
  if (r.withdrawnAt) move("withdrawn", lead, r.withdrawReason, r.withdrawnAt);
  return events;
}

export async function writeRequests(
  db: Kysely<Database>,
  ctx: ScaleContext,
  requests: RequestPlan[],
  phase: PhaseRun,
): Promise<number> {
  const { random, reference } = ctx;
  return writeInChunks(
    db,
    requests,
    1_000,
    async (sink, r) => {
      const events = requestEvents(r, reference.approverId, random);
      await sink.add("help_request", {
        id: r.id,
        organisation_id: r.organisation.id,
        title: r.title,
        outcome: r.outcome,
        window_start: r.windowStart,
        window_end: r.windowEnd,
        virtual_ok: r.virtualOk ? 1 : 0,
        travel_limit: r.travel,
        budget: r.budget,
        priority: r.priority,
        status: r.status,
        created_by: r.organisation.users[0].id,
        created_at: r.createdAt,
        updated_at: events.at(-1)?.at ?? r.createdAt,
        submitted_at: r.submittedAt,
      });
      for (const index of r.capabilities)
        await sink.add("help_request_capability", {
          request_id: r.id,
          capability_id: reference.capabilities[index].id,
        });
      for (const code of r.audiences)
        await sink.add("help_request_audience", { request_id: r.id, audience_code: code });
      for (const code of r.formats) await sink.add("help_request_format", { request_id: r.id, format_code: code });
      for (const event of events) {
        await sink.add("help_request_event", {
          id: random.uuid(),
          request_id: r.id,
          from_status: event.from,
          to_status: event.to,
          actor_id: event.actor,
          note: event.note,
          created_at: event.at,
        });
      }
    },
    phase.advance,
  );
}
