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

/** How many tasks of one kind the home page lists; the rest are counted, with a link to their full list. */
export const TASKS_LISTED_PER_KIND = 10;

export interface MoreTasks {
  kind: TaskKind;
  /** Tasks of this kind beyond those listed. */
  count: number;
}

/**
 * The oldest few of each kind, in the order given, and how many of each kind are left out: a
 * national coordinator can have thousands of requests waiting, which no one reads as a list.
 */
export function oldestOfEachKind(
  tasks: Task[],
  perKind: number = TASKS_LISTED_PER_KIND,
): { listed: Task[]; more: MoreTasks[] } {
  const seen = new Map<TaskKind, number>();
  const listed: Task[] = [];
  for (const task of tasks) {
    const count = (seen.get(task.kind) ?? 0) + 1;
    seen.set(task.kind, count);
    if (count <= perKind) listed.push(task);
  }
  const more = [...seen]
    .filter(([, count]) => count > perKind)
    .map(([kind, count]) => ({ kind, count: count - perKind }));
  return { listed, more };
}
