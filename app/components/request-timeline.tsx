import type { RequestStatus } from "../../db/schema";
import { Moment } from "~/components/request-time";

export interface TimelineEvent {
  id: string;
  from_status: RequestStatus | null;
  to_status: RequestStatus;
  note: string;
  created_at: string;
  actor_name: string;
  /** Set for what matching did, which is not a change of the request's own status. */
  title?: string;
}

function describe(from: RequestStatus | null, to: RequestStatus): { title: string; noteLabel: string } {
  if (from === null)
    return { title: to === "draft" ? "Started as a draft" : "Created and submitted", noteLabel: "Note" };
  if (from === to) return { title: "Request changed", noteLabel: "Changed" };
  if (to === "needs_info") return { title: "More information asked for", noteLabel: "Question" };
  if (to === "submitted")
    return from === "needs_info"
      ? { title: "Answered and resubmitted", noteLabel: "Answer" }
      : { title: "Submitted", noteLabel: "Note" };
  if (to === "withdrawn") return { title: "Withdrawn", noteLabel: "Reason" };
  if (to === "matched") return { title: "Accepted by the pioneer", noteLabel: "Note" };
  if (to === "in_progress") return { title: "Work started", noteLabel: "Note" };
  return { title: "Completed", noteLabel: "Note" };
}

/** Keeps the writer's line breaks; inline styles are refused by the content security policy. */
export function MultilineText({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </>
  );
}

/** Every change to the request, oldest first, with who made it and what they said. */
export function RequestTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="nhsuk-list">
      {events.map((e) => {
        const { title, noteLabel } = e.title
          ? { title: e.title, noteLabel: "Note" }
          : describe(e.from_status, e.to_status);
        return (
          <li key={e.id} className="nhsuk-u-margin-bottom-4">
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{title}</h3>
            <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">
              {e.actor_name}, <Moment at={e.created_at} />
            </p>
            {e.note ? (
              <p className="nhsuk-u-margin-bottom-0">
                <span className="nhsuk-u-font-weight-bold">{noteLabel}: </span>
                <MultilineText text={e.note} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
