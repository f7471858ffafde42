import { Link } from "@remix-run/react";
import type { EngagementEventKind } from "../../db/schema";
import type { TimelineEntry } from "~/models/engagement/engagements.server";
import { formatLocalDateTime } from "~/lib/dates";
import { Moment } from "~/components/request-time";
import { MultilineText } from "~/components/request-timeline";

const TITLES: Record<EngagementEventKind, string> = {
  opened: "Engagement opened",
  questionnaire_answered: "Pre-visit questionnaire answered",
  session_planned: "Session planned",
  session_held: "Session held",
  session_cancelled: "Session cancelled",
  session_moved: "Session moved",
  learning_recorded: "Learning recorded",
  action_updated: "Action updated",
  feedback_given: "Feedback given",
  completed: "Engagement completed",
  stopped: "Engagement stopped",
  impact_measured: "Impact measured",
};

/** Everything that happened in the engagement, oldest first, with who did it. */
export function EngagementTimeline({ engagementId, events }: { engagementId: string; events: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="nhsuk-list">
        {events.map((e) => (
          <li key={e.id} className="nhsuk-u-margin-bottom-4">
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
              {TITLES[e.kind] ?? e.kind}
              {e.session_id && e.session_starts_at ? (
                <>
                  {": "}
                  <Link to={`/engagements/${engagementId}/sessions/${e.session_id}`}>
                    session of {formatLocalDateTime(e.session_starts_at)}
                  </Link>
                </>
              ) : null}
            </h3>
            <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">
              {e.actor_name}
              {e.actor_organisation_name ? ` (${e.actor_organisation_name})` : ""}, <Moment at={e.created_at} />
            </p>
            {e.note ? (
              <p className="nhsuk-u-margin-bottom-0">
                <MultilineText text={e.note} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
