import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import type { MoreTasks, Task, TaskKind } from "~/models/tasks/task";

function describe(task: Task): { text: string; detail: string } {
  const withOther = task.otherName ? `${task.title}, with ${task.otherName}` : task.title;
  switch (task.kind) {
    case "answer_match":
      return {
        text: "Accept or decline a match",
        detail: `${task.otherName ?? "A trust"} asked for help: ${task.title}`,
      };
    case "record_session":
      return { text: "Record how a session went", detail: `Planned for ${formatDate(task.since)}: ${withOther}` };
    case "answer_question":
      return { text: "Answer a coordinator's question", detail: task.title };
    case "questionnaire":
      return { text: "Answer the pre-visit questionnaire", detail: withOther };
    case "feedback":
      return { text: "Give feedback on an engagement", detail: withOther };
    case "reassessment":
      return { text: "Re-assess your improvement capability", detail: `Follow-up to ${withOther}` };
    case "decide_proposals":
      return {
        text: `Decide ${task.count ?? 0} proposed ${task.count === 1 ? "match" : "matches"}`,
        detail: task.title,
      };
    case "late_answer":
      return { text: "Chase or re-propose a match the pioneer has not answered", detail: withOther };
    case "rematch_declined":
      return {
        text: "Find another offer for a declined match",
        detail: `${task.title}, declined by ${task.otherName ?? "the pioneer"}`,
      };
    case "unmatched_request":
      return {
        text: "Find an offer for an unmatched request",
        detail: `${task.title}, from ${task.otherName ?? "a trust"}`,
      };
    case "review_answer":
      return {
        text: "Review a trust's answer to your question",
        detail: `${task.title}, from ${task.otherName ?? "a trust"}`,
      };
  }
}

function When({ task }: { task: Task }) {
  if (task.dueOn) {
    return (
      <>
        {task.overdue ? "Was due" : "Due"} by {formatDate(task.dueOn)}
        {task.overdue ? (
          <>
            {" "}
            <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>
          </>
        ) : null}
      </>
    );
  }
  return <>Waiting since {formatDate(task.since)}</>;
}

/** Where every task of a kind can be found, for the ones the home page leaves out. */
const FULL_LIST: Record<TaskKind, { href: string; label: string }> = {
  answer_match: { href: "/matches", label: "matches" },
  record_session: { href: "/engagements", label: "engagements" },
  answer_question: { href: "/requests", label: "your requests" },
  questionnaire: { href: "/engagements", label: "engagements" },
  feedback: { href: "/engagements", label: "engagements" },
  reassessment: { href: "/assessment", label: "assessments" },
  decide_proposals: { href: "/matching", label: "matching rounds" },
  late_answer: { href: "/matches", label: "matches" },
  rematch_declined: { href: "/requests/open", label: "open requests" },
  unmatched_request: { href: "/requests/open", label: "open requests" },
  review_answer: { href: "/requests/open", label: "open requests" },
};

function MoreOfKind({ more }: { more: MoreTasks }) {
  const { text } = describe({ kind: more.kind } as Task);
  const { href, label } = FULL_LIST[more.kind];
  return (
    <li>
      {more.count.toLocaleString("en-GB")} more {more.count === 1 ? "task" : "tasks"} to &ldquo;{text}&rdquo;: see{" "}
      <Link to={href}>{label}</Link>
    </li>
  );
}

/**
 * Open tasks, each a link to where it is done, with its due date or how long it has waited; the
 * kinds with too many to list say how many more there are and where they are.
 */
export function TaskList({
  tasks,
  more = [],
  empty = "You have no tasks at the moment.",
}: {
  tasks: Task[];
  more?: MoreTasks[];
  empty?: string;
}) {
  if (tasks.length === 0) return <p>{empty}</p>;
  return (
    <>
      <ul className="nhsuk-list nhsuk-list--border" data-testid="tasks">
        {tasks.map((task) => {
          const { text, detail } = describe(task);
          return (
            <li key={`${task.kind}-${task.subjectId}`}>
              <Link to={task.href}>{text}</Link>
              <br />
              <span className="nhsuk-body-s">
                {detail}. <When task={task} />
              </span>
            </li>
          );
        })}
      </ul>
      {more.length > 0 ? (
        <ul className="nhsuk-list" data-testid="more-tasks">
          {more.map((m) => (
            <MoreOfKind key={m.kind} more={m} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
