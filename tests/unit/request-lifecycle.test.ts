import { describe, expect, it } from "vitest";
import type { RequestStatus } from "../../db/schema";
import {
  canTransition,
  isEditable,
  REQUEST_STATUSES,
  refusalMessage,
  requestActions,
  STATUS_LABELS,
  statusTagClass,
} from "~/domain/request-lifecycle";
import { isIsoDate as isRealDate } from "~/lib/dates";
import { requestActionSchema, requestFormSchema } from "~/schemas/request";

describe("request lifecycle", () => {
  it("lets the trust submit a draft and resubmit after answering, but nobody else", () => {
    expect(canTransition("draft", "submitted", "requester")).toBe(true);
    expect(canTransition("needs_info", "submitted", "requester")).toBe(true);
    expect(canTransition("draft", "submitted", "coordinator")).toBe(false);
    expect(canTransition("draft", "submitted", "system")).toBe(false);
  });

  it("only a coordinator asks for more information, and only of a submitted request", () => {
    expect(canTransition("submitted", "needs_info", "coordinator")).toBe(true);
    expect(canTransition("submitted", "needs_info", "requester")).toBe(false);
    expect(canTransition("draft", "needs_info", "coordinator")).toBe(false);
    expect(canTransition("matched", "needs_info", "coordinator")).toBe(false);
  });

  it("matching, starting and completing follow each other and are the service's moves", () => {
    expect(canTransition("submitted", "matched", "system")).toBe(true);
    expect(canTransition("matched", "in_progress", "system")).toBe(true);
    expect(canTransition("in_progress", "completed", "system")).toBe(true);
    expect(canTransition("needs_info", "matched", "system")).toBe(false);
    expect(canTransition("draft", "matched", "system")).toBe(false);
    expect(canTransition("submitted", "completed", "system")).toBe(false);
    expect(canTransition("submitted", "matched", "coordinator")).toBe(false);
  });

  it("an engagement stopped early sends a matched or started request back to matching, as the service's move only", () => {
    expect(canTransition("matched", "submitted", "system")).toBe(true);
    expect(canTransition("in_progress", "submitted", "system")).toBe(true);
    expect(canTransition("matched", "submitted", "requester")).toBe(false);
    expect(canTransition("in_progress", "submitted", "coordinator")).toBe(false);
    expect(canTransition("completed", "submitted", "system")).toBe(false);
    // Sending it back is not the trust resubmitting: the page offers no answer or submit for it.
    expect(requestActions("matched", { owner: true, reviewer: false })).toEqual({
      edit: false,
      submit: false,
      withdraw: true,
      answer: false,
      ask: false,
    });
  });

  it("the trust may withdraw from every state that is not final", () => {
    const open: RequestStatus[] = ["draft", "submitted", "needs_info", "matched", "in_progress"];
    for (const from of open) expect(canTransition(from, "withdrawn", "requester"), from).toBe(true);
    expect(canTransition("completed", "withdrawn", "requester")).toBe(false);
    expect(canTransition("withdrawn", "withdrawn", "requester")).toBe(false);
    expect(canTransition("submitted", "withdrawn", "coordinator")).toBe(false);
  });

  it("nothing leaves a final state and nothing returns to draft", () => {
    for (const to of REQUEST_STATUSES) {
      for (const by of ["requester", "coordinator", "system"] as const) {
        expect(canTransition("completed", to, by)).toBe(false);
        expect(canTransition("withdrawn", to, by)).toBe(false);
        for (const from of REQUEST_STATUSES) expect(canTransition(from, "draft", by)).toBe(false);
      }
    }
  });

  it("is editable until it is matched", () => {
    expect(REQUEST_STATUSES.filter(isEditable)).toEqual(["draft", "submitted", "needs_info"]);
  });

  it("has a label and an NHS.UK tag colour for every status", () => {
    for (const status of REQUEST_STATUSES) expect(STATUS_LABELS[status].label).not.toBe("");
    expect(statusTagClass("needs_info")).toBe("nhsuk-tag nhsuk-tag--yellow");
    expect(refusalMessage("completed", "withdrawn")).toBe("This request is completed, so it cannot be withdrawn.");
  });

  it("offers the owner and a coordinator only the moves open to them now", () => {
    expect(requestActions("draft", { owner: true, reviewer: false })).toEqual({
      edit: true,
      submit: true,
      withdraw: true,
      answer: false,
      ask: false,
    });
    expect(requestActions("needs_info", { owner: true, reviewer: false })).toEqual({
      edit: true,
      submit: false,
      withdraw: true,
      answer: true,
      ask: false,
    });
    expect(requestActions("submitted", { owner: true, reviewer: false })).toEqual({
      edit: true,
      submit: false,
      withdraw: true,
      answer: false,
      ask: false,
    });
    expect(requestActions("submitted", { owner: false, reviewer: true })).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      answer: false,
      ask: true,
    });
    expect(requestActions("completed", { owner: true, reviewer: true })).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      answer: false,
      ask: false,
    });
  });
});

describe("request form", () => {
  const valid = {
    title: "Start measuring for improvement",
    capabilityIds: ["cap-1"],
    outcome: "Every ward reads its own run charts",
    audienceCodes: ["board", "managers"],
    formatCodes: "site_visit",
    windowStart: "2030-03-01",
    windowEnd: "2030-06-30",
    virtualOk: "yes",
    travelLimit: "region",
    budget: "free",
    priority: "high",
    intent: "submit",
  };
  const errorsOf = (values: Record<string, unknown>, today: string | null = "2030-01-01") => {
    const result = requestFormSchema({ today }).safeParse(values);
    const errors: Record<string, string> = {};
    // The first message per field is the one shown, as in parseForm.
    if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return errors;
  };

  it("accepts a complete request and turns checkboxes and radios into typed fields", () => {
    const result = requestFormSchema({ today: "2030-01-01" }).parse(valid);
    expect(result).toMatchObject({ formatCodes: ["site_visit"], virtualOk: true, intent: "submit" });
  });

  it("says what is missing, all at once", () => {
    const errors = errorsOf({ windowStart: "2030-05-01", windowEnd: "2030-04-01" });
    expect(errors).toMatchObject({
      title: "Enter a title",
      capabilityIds: "Select at least one capability",
      audienceCodes: "Select at least one audience",
      formatCodes: "Select at least one format you would accept",
      windowEnd: "The end date must be after the start date",
      virtualOk: "Select whether a virtual session is acceptable",
      travelLimit: "Select how far you can travel",
      budget: "Select the most you can pay",
      priority: "Select a priority",
    });
  });

  it("wants real dates, an end after the start, and a start not in the past for new submissions", () => {
    expect(errorsOf({ ...valid, windowStart: "2030-02-30" }).windowStart).toBe("The start date must be a real date");
    expect(errorsOf({ ...valid, windowStart: "" }).windowStart).toBe("Enter a start date");
    expect(errorsOf({ ...valid, windowEnd: "" }).windowEnd).toBe("Enter an end date");
    expect(errorsOf({ ...valid, windowEnd: "2030-03-01" }).windowEnd).toBe("The end date must be after the start date");
    expect(errorsOf({ ...valid, windowStart: "2029-12-31" }).windowStart).toBe(
      "The start date must be today or in the future",
    );
    expect(errorsOf({ ...valid, windowStart: "2029-12-31" }, null)).toEqual({});
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("2027-02-29")).toBe(false);
    expect(isRealDate("1/2/2027")).toBe(false);
  });

  it("reads each action on a request by its intent", () => {
    expect(requestActionSchema.safeParse({ intent: "ask", question: " " }).success).toBe(false);
    expect(requestActionSchema.parse({ intent: "withdraw" })).toEqual({ intent: "withdraw", reason: "" });
    expect(requestActionSchema.safeParse({ intent: "delete" }).success).toBe(false);
  });
});
