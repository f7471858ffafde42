import { config } from "../config.server";
import type { MailTransport } from "../mail/transport.server";
import { lapseOverdueMatches } from "../models/matching/lapse.server";
import { deliverDueMail } from "../models/notification/delivery.server";
import { queueDigests } from "../models/notification/digest.server";
import {
  remindFeedback,
  remindFollowUps,
  remindQuestionnaires,
  remindSessionsTomorrow,
  remindUnansweredMatches,
  resumeOffersAndTell,
} from "../models/notification/reminders.server";
import { dailyInEngland, everySeconds } from "./schedule";
import type { Job } from "./scheduler.server";

/** England times at which daily work runs. */
export const DIGEST_HOUR = 7;
export const REMINDER_HOUR = 8;

const counted = (n: number, what: string) => (n > 0 ? `${n} ${what}` : "");

/** Every timed job of the service. Mail delivery is included only when a transport is configured. */
export function serviceJobs(input: { transport: MailTransport | null; workerId: string; now?: () => Date }): Job[] {
  const jobs: Job[] = [];
  if (input.transport) {
    const transport = input.transport;
    jobs.push({
      name: "outbox",
      schedule: everySeconds(config().OUTBOX_POLL_SECONDS),
      leaseMs: 5 * 60_000,
      run: async ({ db }) => {
        const run = await deliverDueMail(db, transport, { workerId: input.workerId, now: input.now });
        return [counted(run.sent, "sent"), counted(run.retrying, "to retry"), counted(run.failed, "failed")]
          .filter(Boolean)
          .join(", ");
      },
    });
  }
  jobs.push(
    {
      name: "daily-digest",
      schedule: dailyInEngland(DIGEST_HOUR),
      run: async ({ db }) => counted(await queueDigests(db), "digests queued"),
    },
    {
      name: "offers-resume",
      schedule: dailyInEngland(0, 5),
      run: async ({ db, now }) => counted(await resumeOffersAndTell(db, now), "people told of resumed offers"),
    },
    {
      name: "session-reminders",
      schedule: dailyInEngland(REMINDER_HOUR),
      run: async ({ db, now }) => counted(await remindSessionsTomorrow(db, now), "session reminders"),
    },
    {
      name: "questionnaire-reminders",
      schedule: dailyInEngland(REMINDER_HOUR),
      run: async ({ db, now }) => counted(await remindQuestionnaires(db, now), "questionnaire reminders"),
    },
    {
      name: "feedback-reminders",
      schedule: dailyInEngland(REMINDER_HOUR),
      run: async ({ db, now }) => counted(await remindFeedback(db, now), "feedback reminders"),
    },
    {
      name: "follow-up-reminders",
      schedule: dailyInEngland(REMINDER_HOUR),
      run: async ({ db, now }) => counted(await remindFollowUps(db, now), "follow-up reminders"),
    },
    {
      name: "match-answer-reminders",
      schedule: dailyInEngland(REMINDER_HOUR),
      run: async ({ db, now }) => counted(await remindUnansweredMatches(db, now), "overdue-answer reminders"),
    },
    {
      name: "lapse-unanswered-matches",
      schedule: dailyInEngland(REMINDER_HOUR),
      run: async ({ db, now }) => counted(await lapseOverdueMatches(db, now), "matches lapsed"),
    },
  );
  return jobs;
}
