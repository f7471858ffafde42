import { z } from "zod";
import {
  isTimeOfDay,
  localDateTime,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  placeProblems,
  startsInFuture,
} from "../domain/engagement-rules";
import { isIsoDate, isLocalDateTime } from "../lib/dates";
import { DATE_EXAMPLE } from "../lib/date-hint";

/** Each audience level has its own number box, named after the level. */
export const plannedField = (audienceCode: string) => `planned-${audienceCode}`;
export const attendedField = (audienceCode: string) => `attended-${audienceCode}`;

export const MAX_PEOPLE = 10_000;

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const chooseAction = { errorMap: () => ({ message: "Choose what to do" }) };

const longText = (label: string, max = 4000) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .default("");
const requiredText = (message: string, label: string, max = 4000) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .min(1, message)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

const isCount = (v: string) => v === "" || (/^\d{1,5}$/.test(v) && Number(v) <= MAX_PEOPLE);

/** A number of people: empty means none. */
const people = z
  .string({ invalid_type_error: "Enter a whole number of people" })
  .trim()
  .optional()
  .default("")
  .refine(isCount, `Enter a whole number of people from 0 to ${MAX_PEOPLE.toLocaleString("en-GB")}`)
  .transform((v) => (v === "" ? 0 : Number(v)));

function countFields(codes: string[], field: (code: string) => string) {
  return Object.fromEntries(codes.map((code) => [field(code), people]));
}

function countsOf(
  values: Record<string, unknown>,
  codes: string[],
  field: (code: string) => string,
): Record<string, number> {
  return Object.fromEntries(codes.map((code) => [code, Number(values[field(code)] ?? 0)]));
}

/** Adds "at least one person" when every box is a valid number and they add up to nothing. */
function requireSomeone(
  values: Record<string, unknown>,
  codes: string[],
  field: (code: string) => string,
  ctx: z.RefinementCtx,
  message: string,
) {
  const raw = codes.map((code) => text(values[field(code)]));
  if (raw.every(isCount) && raw.reduce((sum, v) => sum + (v === "" ? 0 : Number(v)), 0) === 0) {
    ctx.addIssue({ code: "custom", path: ["attendance"], message });
  }
}

/** The new start must be a real date and time, after now in England; reported on the date field. */
function requireFutureStart(values: Record<string, unknown>, nowLocal: string, ctx: z.RefinementCtx) {
  const startsAt = localDateTime(text(values.date), text(values.time));
  if (isLocalDateTime(startsAt) && !startsInFuture(startsAt, nowLocal)) {
    ctx.addIssue({ code: "custom", path: ["date"], message: "The session must start in the future" });
  }
}

const date = z
  .string({ required_error: "Enter the date" })
  .trim()
  .min(1, "Enter the date")
  .refine(isIsoDate, `The date must be a real date, like ${DATE_EXAMPLE}`);
const time = z
  .string({ required_error: "Enter the start time" })
  .trim()
  .min(1, "Enter the start time")
  .refine(isTimeOfDay, "Enter the start time as hours and minutes, like 14:30");

export interface SessionFormChoices {
  formats: { code: string; isVirtual: boolean }[];
  audienceCodes: string[];
  /** Now in England, YYYY-MM-DDTHH:MM. */
  nowLocal: string;
}

export interface SessionPlan {
  startsAt: string;
  durationMinutes: number;
  formatCode: string;
  location: string;
  videoLink: string;
  agenda: string;
  /** Planned people per audience level code. */
  attendance: Record<string, number>;
}

/** Planning a session. Checks that span fields look at the raw values so every message shows at once. */
export function sessionPlanSchema({ formats, audienceCodes, nowLocal }: SessionFormChoices) {
  return z.preprocess(
    (raw, ctx) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      requireFutureStart(values, nowLocal, ctx);
      const format = formats.find((f) => f.code === text(values.formatCode));
      if (format) {
        const problems = placeProblems({
          isVirtual: format.isVirtual,
          location: text(values.location),
          videoLink: text(values.videoLink),
        });
        for (const [field, message] of Object.entries(problems))
          ctx.addIssue({ code: "custom", path: [field], message });
      }
      requireSomeone(
        values,
        audienceCodes,
        plannedField,
        ctx,
        "Enter how many people will attend from at least one group",
      );
      return raw;
    },
    z
      .object({
        date,
        time,
        durationMinutes: z
          .string({ required_error: "Enter how long the session lasts, in minutes" })
          .trim()
          .min(1, "Enter how long the session lasts, in minutes")
          .refine(
            (v) => /^\d{1,4}$/.test(v) && Number(v) >= MIN_DURATION_MINUTES && Number(v) <= MAX_DURATION_MINUTES,
            `Enter a length from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} minutes`,
          )
          .transform(Number),
        formatCode: z.enum(formats.map((f) => f.code) as [string, ...string[]], {
          errorMap: () => ({ message: "Select the format of the session" }),
        }),
        location: longText("The place", 500),
        videoLink: longText("The video link", 500),
        agenda: longText("The agenda"),
        ...countFields(audienceCodes, plannedField),
      })
      .transform((v): SessionPlan => ({
        startsAt: localDateTime(v.date, v.time),
        durationMinutes: v.durationMinutes,
        formatCode: v.formatCode,
        location: v.location,
        videoLink: v.videoLink,
        agenda: v.agenda,
        attendance: countsOf(v, audienceCodes, plannedField),
      })),
  );
}

export type SessionOutcome =
  | { intent: "held"; attendance: Record<string, number>; note: string }
  | { intent: "cancel"; reason: string }
  | { intent: "move"; startsAt: string; reason: string };

/** Recording what became of a session: it took place, it was cancelled, or it moved. */
export function sessionOutcomeSchema({ audienceCodes, nowLocal }: Omit<SessionFormChoices, "formats">) {
  return z.preprocess(
    (raw, ctx) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      if (values.intent === "move") requireFutureStart(values, nowLocal, ctx);
      if (values.intent === "held")
        requireSomeone(
          values,
          audienceCodes,
          attendedField,
          ctx,
          "Enter how many people attended from at least one group",
        );
      return raw;
    },
    z
      .discriminatedUnion(
        "intent",
        [
          z.object({
            intent: z.literal("held"),
            note: longText("The notes"),
            ...countFields(audienceCodes, attendedField),
          }),
          z.object({
            intent: z.literal("cancel"),
            reason: requiredText("Enter why the session was cancelled", "The reason", 2000),
          }),
          z.object({
            intent: z.literal("move"),
            date,
            time,
            reason: requiredText("Enter why the session is moving", "The reason", 2000),
          }),
        ],
        chooseAction,
      )
      .transform((v): SessionOutcome => {
        if (v.intent === "held")
          return { intent: "held", note: v.note, attendance: countsOf(v, audienceCodes, attendedField) };
        if (v.intent === "cancel") return { intent: "cancel", reason: v.reason };
        return { intent: "move", startsAt: localDateTime(v.date, v.time), reason: v.reason };
      }),
  );
}

/** Ending an engagement: completed as agreed, or stopped early with a reason. */
export const endingSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("complete"), note: longText("The note", 2000) }),
    z.object({
      intent: z.literal("stop"),
      reason: requiredText("Enter why the engagement is stopping", "The reason", 2000),
    }),
  ],
  chooseAction,
);

export const questionnaireSchema = z.object({
  wantsToSee: requiredText("Enter what you want to see", "What you want to see"),
  currentData: requiredText(
    "Enter your current data, such as key measures and where they are now",
    "Your current data",
  ),
  questions: longText("Your questions"),
});

export type QuestionnaireAnswers = z.infer<typeof questionnaireSchema>;

export const RATINGS = [
  { value: "1", label: "1 (poor)" },
  { value: "2", label: "2" },
  { value: "3", label: "3" },
  { value: "4", label: "4" },
  { value: "5", label: "5 (excellent)" },
];

const rating = (message: string) =>
  z.enum(["1", "2", "3", "4", "5"], { errorMap: () => ({ message }) }).transform(Number);

export const feedbackSchema = z.object({
  usefulness: rating("Select how useful the engagement was"),
  preparation: rating("Select how well prepared the engagement was"),
  wouldRecommend: z
    .enum(["yes", "no"], { errorMap: () => ({ message: "Select whether you would recommend it" }) })
    .transform((v) => v === "yes"),
  comment: longText("The comment"),
});

export type FeedbackAnswers = z.infer<typeof feedbackSchema>;

/** The engagement forms' fields for each refusal code the engagement models give. */
export const engagementRefusalFields: Record<string, string> = {
  attendance: "attendance",
  session_start: "date",
  duration: "durationMinutes",
  format: "formatCode",
  location: "location",
  videoLink: "videoLink",
  reason_missing: "reason",
};
