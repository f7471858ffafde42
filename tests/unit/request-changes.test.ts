import { describe, expect, it } from "vitest";
import { requestChanges, type EditableRequest } from "~/domain/request-changes";

const before: EditableRequest = {
  title: "Flow",
  outcome: "Shorter waits",
  capabilityIds: ["a", "b"],
  audienceCodes: ["board"],
  formatCodes: ["site_visit"],
  windowStart: "2030-01-01",
  windowEnd: "2030-06-30",
  virtualOk: true,
  travelLimit: "region",
  budget: "free",
  priority: "medium",
};

describe("what an edit of a request changed", () => {
  it("names the changed parts in the form's order", () => {
    expect(requestChanges(before, { ...before, formatCodes: ["virtual"], windowEnd: "2030-07-31" })).toEqual([
      "formats",
      "dates",
    ]);
    expect(requestChanges(before, { ...before, title: "Flow again", virtualOk: false, priority: "high" })).toEqual([
      "title",
      "virtual sessions",
      "priority",
    ]);
  });
  it("ignores the order of choices and reports nothing when nothing changed", () => {
    expect(requestChanges(before, { ...before, capabilityIds: ["b", "a"] })).toEqual([]);
  });
});
