import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import type { Task } from "~/models/tasks/tasks.server";

function taskLink(task: Task): { href: string; text: string; detail: string } {
  switch (task.kind) {
    case "questionnaire":
      return { href: `/engagements/${task.engagementId}/questionnaire`, text: "Answer the pre-visit questionnaire", detail: `${task.title}, with ${task.otherName}` };
    case "feedback":
      return { href: `/engagements/${task.engagementId}/feedback`, text: "Give feedback on an engagement", detail: `${task.title}, with ${task.otherName}` };
    case "reassessment":
      return {
        href: "/assessment/new",
        text: "Re-assess your improvement capability",
        detail: `Follow-up to ${task.title}, with ${task.otherName}: ${task.overdue ? "was due" : "due"} by ${formatDate(task.dueOn)}`,
      };
  }
}

/** The organisation's open tasks from its engagements, most pressing kinds first. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  if (tasks.length === 0) return <p>You have no tasks from engagements at the moment.</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {tasks.map((task) => {
        const link = taskLink(task);
        return (
          <li key={`${task.kind}-${task.engagementId}`}>
            <Link to={link.href}>{link.text}</Link>
            {task.kind === "reassessment" && task.overdue ? (
              <>
                {" "}
                <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>
              </>
            ) : null}
            <br />
            <span className="nhsuk-body-s">{link.detail}</span>
          </li>
        );
      })}
    </ul>
  );
}
