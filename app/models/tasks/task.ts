/** One thing someone should do, shown on the home page as a link to where it is done. */
export type TaskKind =
  // pioneer
  | "answer_match"
  | "record_session"
  // requester
  | "answer_question"
  | "questionnaire"
  | "reassessment"
  // either trust
  | "feedback"
  // coordinator
  | "decide_proposals"
  | "late_answer"
  | "rematch_declined"
  | "unmatched_request"
  | "review_answer";

export interface Task {
  kind: TaskKind;
  /** The engagement, match, request or round the task is about. */
  subjectId: string;
  href: string;
  /** The request's title, or the round's name. */
  title: string;
  /** The other trust, or the requesting trust for coordinators. */
  otherName: string | null;
  /** YYYY-MM-DD the task has been waiting since; tasks are listed oldest first. */
  since: string;
  /** YYYY-MM-DD it is due by, when it has a deadline. */
  dueOn: string | null;
  overdue: boolean;
  /** A count, for tasks that gather several items (proposals in a round). */
  count?: number;
}

/** Oldest first: by due date when there is one, otherwise by how long the task has waited. */
export const oldestFirst = (tasks: Task[]) =>
  [...tasks].sort(
    (a, b) =>
      (a.dueOn ?? a.since).localeCompare(b.dueOn ?? b.since) ||
      a.since.localeCompare(b.since) ||
      a.subjectId.localeCompare(b.subjectId),
  );
