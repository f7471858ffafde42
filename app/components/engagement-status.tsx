import type { EngagementStatus } from "../../db/schema";
import type { SessionDisplayStatus } from "~/domain/engagement-rules";

const ENGAGEMENT_TAGS: Record<EngagementStatus, { label: string; colour: string }> = {
  active: { label: "Active", colour: "blue" },
  completed: { label: "Completed", colour: "green" },
  stopped: { label: "Stopped", colour: "grey" },
};

const SESSION_TAGS: Record<SessionDisplayStatus, { label: string; colour: string }> = {
  planned: { label: "Planned", colour: "blue" },
  to_record: { label: "Waiting to be recorded", colour: "yellow" },
  held: { label: "Held", colour: "green" },
  cancelled: { label: "Cancelled", colour: "grey" },
};

export function EngagementStatusTag({ status }: { status: EngagementStatus }) {
  const tag = ENGAGEMENT_TAGS[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}

export function SessionStatusTag({ status }: { status: SessionDisplayStatus }) {
  const tag = SESSION_TAGS[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}
