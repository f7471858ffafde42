import { describe, expect, it } from "vitest";
import { oldestOfEachKind, type Task, type TaskKind } from "~/models/tasks/task";

const task = (kind: TaskKind, n: number): Task => ({
  kind,
  subjectId: `${kind}-${n}`,
  href: `/requests/${n}`,
  title: `Request ${n}`,
  otherName: null,
  since: `2026-01-${String(n).padStart(2, "0")}`,
  dueOn: null,
  overdue: false,
});

describe("tasks listed on the home page", () => {
  it("lists every task when no kind has more than the limit", () => {
    const tasks = [task("review_answer", 1), task("rematch_declined", 2), task("review_answer", 3)];
    expect(oldestOfEachKind(tasks, 2)).toEqual({ listed: tasks, more: [] });
  });

  it("keeps the first few of each kind in the order given and counts the rest per kind", () => {
    const tasks = [
      task("rematch_declined", 1),
      task("review_answer", 2),
      task("rematch_declined", 3),
      task("rematch_declined", 4),
      task("review_answer", 5),
      task("rematch_declined", 6),
      task("late_answer", 7),
    ];
    const { listed, more } = oldestOfEachKind(tasks, 2);
    expect(listed.map((t) => t.subjectId)).toEqual([
      "rematch_declined-1",
      "review_answer-2",
      "rematch_declined-3",
      "review_answer-5",
      "late_answer-7",
    ]);
    expect(more).toEqual([{ kind: "rematch_declined", count: 2 }]);
  });
});
