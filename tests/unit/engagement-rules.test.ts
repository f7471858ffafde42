import { describe, expect, it } from "vitest";
import {
  endingProblem,
  followUpDueOn,
  isHttpsLink,
  nextSession,
  placeProblems,
  questionnaireOpen,
  sessionActionProblem,
  sessionActions,
  sessionDisplayStatus,
} from "~/domain/engagement-rules";
import {
  nowInEngland as englandNow,
  todayInEngland as englandToday,
  formatLocalDateTime as formatSessionTime,
  isLocalDateTime,
} from "~/lib/dates";
import { sessionOutcomeSchema, sessionPlanSchema } from "~/schemas/engagement";

describe("time in England", () => {
  it("reads the wall clock in London, summer time included", () => {
    expect(englandNow(new Date("2027-01-15T09:30:00Z"))).toBe("2027-01-15T09:30");
    expect(englandNow(new Date("2027-07-15T09:30:00Z"))).toBe("2027-07-15T10:30");
    // Just before midnight UTC in summer it is already tomorrow in England.
    expect(englandToday(new Date("2027-07-15T23:30:00Z"))).toBe("2027-07-16");
    expect(englandNow(new Date("2027-07-15T23:00:00Z"))).toBe("2027-07-16T00:00");
  });

  it("accepts only real dates and times", () => {
    expect(isLocalDateTime("2028-02-29T23:59")).toBe(true);
    expect(isLocalDateTime("2027-02-29T10:00")).toBe(false);
    expect(isLocalDateTime("2027-03-01T24:00")).toBe(false);
    expect(isLocalDateTime("2027-03-01 10:00")).toBe(false);
  });

  it("writes a session's time the way people read it", () => {
    expect(formatSessionTime("2027-03-04T09:05")).toBe("4 March 2027 at 09:05");
    expect(formatSessionTime("not a time")).toBe("not a time");
  });
});

describe("session actions", () => {
  const planned = { status: "planned" as const, starts_at: "2027-03-04T10:00" };

  it("a planned session can be moved or cancelled at any time, and held only once it has started", () => {
    expect(sessionActions(planned, "active", "2027-03-04T09:59")).toEqual({ hold: false, cancel: true, move: true });
    expect(sessionActions(planned, "active", "2027-03-04T10:00")).toEqual({ hold: true, cancel: true, move: true });
    expect(sessionActionProblem("hold", planned, "active", "2027-03-04T09:59")).toBe(
      "A session can be recorded as held once it has started.",
    );
    expect(sessionActionProblem("hold", planned, "active", "2027-03-05T09:00")).toBeNull();
  });

  it("a held or cancelled session is final, and nothing changes after the engagement ends", () => {
    for (const status of ["held", "cancelled"] as const) {
      expect(sessionActions({ ...planned, status }, "active", "2027-04-01T00:00")).toEqual({
        hold: false,
        cancel: false,
        move: false,
      });
      expect(sessionActionProblem("cancel", { ...planned, status }, "active", "2027-04-01T00:00")).toBe(
        `This session was already recorded as ${status}.`,
      );
    }
    expect(sessionActions(planned, "stopped", "2027-04-01T00:00")).toEqual({ hold: false, cancel: false, move: false });
    expect(sessionActionProblem("move", planned, "completed", "2027-01-01T00:00")).toMatch(/has ended/);
  });

  it("shows a planned session whose time has passed as waiting to be recorded, and finds the next one to come", () => {
    expect(sessionDisplayStatus(planned, "2027-03-04T11:00")).toBe("to_record");
    expect(sessionDisplayStatus(planned, "2027-03-04T08:00")).toBe("planned");
    const sessions = [
      { id: "late", status: "planned" as const, starts_at: "2027-05-01T10:00" },
      { id: "past", status: "planned" as const, starts_at: "2027-02-01T10:00" },
      { id: "gone", status: "cancelled" as const, starts_at: "2027-03-01T10:00" },
      { id: "soon", status: "planned" as const, starts_at: "2027-04-01T10:00" },
    ];
    expect(nextSession(sessions, "2027-03-04T00:00")?.id).toBe("soon");
    expect(nextSession(sessions, "2027-06-01T00:00")).toBeNull();
  });
});

describe("where a session takes place", () => {
  it("needs a place in person and an https link online", () => {
    expect(placeProblems({ isVirtual: false, location: " ", videoLink: "" })).toEqual({
      location: "Enter where the session takes place",
    });
    expect(placeProblems({ isVirtual: false, location: "Main hall", videoLink: "" })).toEqual({});
    expect(placeProblems({ isVirtual: true, location: "", videoLink: "" })).toEqual({
      videoLink: "Enter the video link for this virtual session",
    });
    expect(placeProblems({ isVirtual: true, location: "", videoLink: "http://meet.example.org/abc" })).toEqual({
      videoLink: "Enter a video link starting with https://",
    });
    expect(placeProblems({ isVirtual: true, location: "", videoLink: "https://meet.example.org/abc" })).toEqual({});
    // A link for remote joiners of an in-person session must be safe too.
    expect(placeProblems({ isVirtual: false, location: "Main hall", videoLink: "javascript:alert(1)" })).toEqual({
      videoLink: "Enter a video link starting with https://",
    });
    expect(isHttpsLink("https://")).toBe(false);
  });
});

describe("ending and follow-up", () => {
  it("completing needs a held session; stopping needs a reason", () => {
    expect(endingProblem("completed", 0, "")).toMatch(/at least one session/);
    expect(endingProblem("completed", 1, "")).toBeNull();
    expect(endingProblem("stopped", 0, "  ")).toBe("Enter why the engagement is stopping");
    expect(endingProblem("stopped", 0, "Pioneer team disbanded")).toBeNull();
  });

  it("sets the follow-up the configured months after the end, clamped to the month's last day", () => {
    expect(followUpDueOn("2027-03-15", 6)).toBe("2027-09-15");
    expect(followUpDueOn("2027-08-31", 6)).toBe("2028-02-29");
    expect(followUpDueOn("2027-11-30", 3)).toBe("2028-02-29");
    expect(followUpDueOn("2027-10-31", 12)).toBe("2028-10-31");
  });

  it("keeps the questionnaire open only on an active engagement before any session is held", () => {
    expect(questionnaireOpen("active", 0)).toBe(true);
    expect(questionnaireOpen("active", 1)).toBe(false);
    expect(questionnaireOpen("stopped", 0)).toBe(false);
  });
});

describe("session forms", () => {
  const choices = {
    formats: [
      { code: "site_visit", isVirtual: false },
      { code: "virtual", isVirtual: true },
    ],
    audienceCodes: ["board", "all_staff"],
    nowLocal: "2027-03-01T09:00",
  };
  const errorsOf = (
    schema: ReturnType<typeof sessionPlanSchema> | ReturnType<typeof sessionOutcomeSchema>,
    values: Record<string, string>,
  ) => {
    const result = schema.safeParse(values);
    const errors: Record<string, string> = {};
    if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return errors;
  };

  it("turns a complete plan into a session, counting people per audience level", () => {
    const plan = sessionPlanSchema(choices).parse({
      date: "2027-03-10",
      time: "14:30",
      durationMinutes: "90",
      formatCode: "virtual",
      videoLink: "https://meet.example.org/x",
      "planned-board": "3",
      "planned-all_staff": "",
    });
    expect(plan).toEqual({
      startsAt: "2027-03-10T14:30",
      durationMinutes: 90,
      formatCode: "virtual",
      location: "",
      videoLink: "https://meet.example.org/x",
      agenda: "",
      attendance: { board: 3, all_staff: 0 },
    });
  });

  it("reports every problem at once: the past, the place, nobody attending", () => {
    expect(
      errorsOf(sessionPlanSchema(choices), {
        date: "2027-03-01",
        time: "08:59",
        durationMinutes: "5",
        formatCode: "site_visit",
      }),
    ).toEqual({
      date: "The session must start in the future",
      location: "Enter where the session takes place",
      attendance: "Enter how many people will attend from at least one group",
      durationMinutes: "Enter a length from 15 to 1440 minutes",
    });
    expect(
      errorsOf(sessionPlanSchema(choices), {
        date: "2027-02-30",
        time: "25:00",
        durationMinutes: "60",
        formatCode: "other",
        "planned-board": "-1",
      }),
    ).toMatchObject({
      date: "The date must be a real date, like 14/03/2027",
      time: "Enter the start time as hours and minutes, like 14:30",
      formatCode: "Select the format of the session",
      "planned-board": "Enter a whole number of people from 0 to 10,000",
    });
  });

  it("reads held, cancelled and moved by intent, with their own checks", () => {
    const outcome = sessionOutcomeSchema(choices);
    expect(outcome.parse({ intent: "held", "attended-board": "2", note: " Good " })).toEqual({
      intent: "held",
      attendance: { board: 2, all_staff: 0 },
      note: "Good",
    });
    expect(errorsOf(outcome, { intent: "held" })).toEqual({
      attendance: "Enter how many people attended from at least one group",
    });
    expect(errorsOf(outcome, { intent: "cancel", reason: " " })).toEqual({
      reason: "Enter why the session was cancelled",
    });
    expect(errorsOf(outcome, { intent: "move", date: "2027-02-28", time: "10:00", reason: "" })).toEqual({
      date: "The session must start in the future",
      reason: "Enter why the session is moving",
    });
    expect(outcome.parse({ intent: "move", date: "2027-03-02", time: "10:00", reason: "Ward pressures" })).toEqual({
      intent: "move",
      startsAt: "2027-03-02T10:00",
      reason: "Ward pressures",
    });
    expect(errorsOf(outcome, {})).toEqual({ intent: "Choose what to do" });
  });
});
