import type { RequestStatus } from "../../db/schema";

/** Who moves a request on: the requesting trust, a coordinator, or the service itself (matching, engagements). */
export type TransitionActor = "requester" | "coordinator" | "system";

export interface Transition {
  from: RequestStatus;
  to: RequestStatus;
  by: TransitionActor;
}

export const REQUEST_STATUSES: RequestStatus[] = [
  "draft",
  "submitted",
  "needs_info",
  "matched",
  "in_progress",
  "completed",
  "withdrawn",
];

export const FINAL_STATUSES: readonly RequestStatus[] = ["completed", "withdrawn"];

/**
 * The trust may change its request until it is matched; a submitted request with an approved
 * match is refused by the model, which can see the match.
 */
export const EDITABLE_STATUSES: readonly RequestStatus[] = ["draft", "submitted", "needs_info"];

export const isFinal = (status: RequestStatus) => FINAL_STATUSES.includes(status);
export const isEditable = (status: RequestStatus) => EDITABLE_STATUSES.includes(status);

export const TRANSITIONS: readonly Transition[] = [
  { from: "draft", to: "submitted", by: "requester" },
  { from: "submitted", to: "needs_info", by: "coordinator" },
  { from: "needs_info", to: "submitted", by: "requester" },
  { from: "submitted", to: "matched", by: "system" },
  { from: "matched", to: "in_progress", by: "system" },
  { from: "in_progress", to: "completed", by: "system" },
  // An engagement stopped early sends its request back so coordinators can match it again.
  { from: "matched", to: "submitted", by: "system" },
  { from: "in_progress", to: "submitted", by: "system" },
  ...REQUEST_STATUSES.filter((s) => !isFinal(s)).map((from): Transition => ({
    from,
    to: "withdrawn",
    by: "requester",
  })),
];

export function canTransition(from: RequestStatus, to: RequestStatus, by: TransitionActor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

/** What the person looking at a request may do with it now; the policy has already said who they are. */
export interface RequestActions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  answer: boolean;
  ask: boolean;
}

export function requestActions(status: RequestStatus, viewer: { owner: boolean; reviewer: boolean }): RequestActions {
  const owner = (to: RequestStatus) => viewer.owner && canTransition(status, to, "requester");
  return {
    edit: viewer.owner && isEditable(status),
    submit: owner("submitted") && status === "draft",
    withdraw: owner("withdrawn"),
    answer: owner("submitted") && status === "needs_info",
    ask: viewer.reviewer && canTransition(status, "needs_info", "coordinator"),
  };
}

type TagColour = "white" | "grey" | "green" | "aqua-green" | "blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export const STATUS_LABELS: Record<RequestStatus, { label: string; colour: TagColour }> = {
  draft: { label: "Draft", colour: "white" },
  submitted: { label: "Submitted", colour: "blue" },
  needs_info: { label: "More information needed", colour: "yellow" },
  matched: { label: "Matched", colour: "purple" },
  in_progress: { label: "In progress", colour: "aqua-green" },
  completed: { label: "Completed", colour: "green" },
  withdrawn: { label: "Withdrawn", colour: "grey" },
};

export const statusTagClass = (status: RequestStatus) => `nhsuk-tag nhsuk-tag--${STATUS_LABELS[status].colour}`;

/** A window must start today or later when it is first submitted; YYYY-MM-DD text compares in date order. */
export const startsInPast = (windowStart: string, today: string) => windowStart < today;

/** How a status reads in "This request is …". */
const STATUS_PHRASES: Record<RequestStatus, string> = {
  draft: "a draft",
  submitted: "submitted",
  needs_info: "waiting for more information",
  matched: "matched",
  in_progress: "in progress",
  completed: "completed",
  withdrawn: "withdrawn",
};

const MOVE_PHRASES: Record<RequestStatus, string> = {
  draft: "made a draft again",
  submitted: "submitted",
  needs_info: "sent back for more information",
  matched: "matched",
  in_progress: "started",
  completed: "completed",
  withdrawn: "withdrawn",
};

export const refusalMessage = (from: RequestStatus, to: RequestStatus) =>
  `This request is ${STATUS_PHRASES[from]}, so it cannot be ${MOVE_PHRASES[to]}.`;

export const notEditableMessage = (status: RequestStatus) =>
  `This request is ${STATUS_PHRASES[status]}, so it can no longer be changed.`;
