import { z } from "zod";
import { isIsoDate } from "../lib/dates";
import type { CostModel, Priority, RequestStatus, TravelLimit } from "../../db/schema";
import { REQUEST_STATUSES } from "../domain/request-lifecycle";
import { pageNumber } from "./page";

export const TRAVEL_LIMITS: { value: TravelLimit; label: string }[] = [
  { value: "icb", label: "Within our integrated care board" },
  { value: "region", label: "Within our NHS England region" },
  { value: "anywhere", label: "Anywhere in England" },
];

export const BUDGETS: { value: CostModel; label: string }[] = [
  { value: "free", label: "Free only" },
  { value: "cost_recovery", label: "We can cover costs (cost recovery)" },
  { value: "fee", label: "We can pay a fee" },
];

export const PRIORITIES: { value: Priority; label: string }[] = [
  { value: "high", label: "High" },
  { value: "medium", label: "Medium" },
  { value: "low", label: "Low" },
];

const values = <T extends string>(options: { value: T }[]) => options.map((o) => o.value) as [T, ...T[]];

/** Checkboxes arrive as nothing, one string or a list. */
const list = (message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : ([] as unknown[]).concat(v)),
    z.array(z.string().trim().min(1)).min(1, message).max(50),
  );

const choice = <T extends string>(options: { value: T }[], message: string) =>
  z.enum(values(options), { errorMap: () => ({ message }) });

const ENTER_DATE = { start: "Enter a start date", end: "Enter an end date" } as const;

const date = (which: "start" | "end") =>
  z
    .string({ required_error: ENTER_DATE[which] })
    .trim()
    .min(1, ENTER_DATE[which])
    .refine(isIsoDate, `The ${which} date must be a real date`);

export const requestFieldsSchema = z.object({
  title: z
    .string({ required_error: "Enter a title" })
    .trim()
    .min(1, "Enter a title")
    .max(200, "The title must be 200 characters or fewer"),
  capabilityIds: list("Select at least one capability"),
  outcome: z
    .string({ required_error: "Describe what good would look like" })
    .trim()
    .min(1, "Describe what good would look like")
    .max(4000, "What good would look like must be 4,000 characters or fewer"),
  audienceCodes: list("Select at least one audience"),
  formatCodes: list("Select at least one format you would accept"),
  windowStart: date("start"),
  windowEnd: date("end"),
  virtualOk: z
    .enum(["yes", "no"], { errorMap: () => ({ message: "Select whether a virtual session is acceptable" }) })
    .transform((v) => v === "yes"),
  travelLimit: choice(TRAVEL_LIMITS, "Select how far you can travel"),
  budget: choice(BUDGETS, "Select the most you can pay"),
  priority: choice(PRIORITIES, "Select a priority"),
});

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/**
 * The request form. `today` is set when the window must not start in the past (a new request, or
 * a draft about to be submitted); a request sent back for more information may already have started.
 * The date checks look at the raw values first so they are reported together with every other error.
 */
export function requestFormSchema({ today }: { today: string | null }) {
  return z.preprocess(
    (raw, ctx) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      const start = text(values.windowStart);
      const end = text(values.windowEnd);
      if (isIsoDate(start) && isIsoDate(end) && end <= start) {
        ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "The end date must be after the start date" });
      }
      if (today && isIsoDate(start) && start < today) {
        ctx.addIssue({
          code: "custom",
          path: ["windowStart"],
          message: "The start date must be today or in the future",
        });
      }
      return raw;
    },
    requestFieldsSchema.extend({ intent: z.enum(["save", "submit"]).catch("save") }),
  );
}

export const REQUEST_FIELD_ORDER = [
  "title",
  "capabilityIds",
  "outcome",
  "audienceCodes",
  "formatCodes",
  "windowStart",
  "windowEnd",
  "virtualOk",
  "travelLimit",
  "budget",
  "priority",
];

/** What a person can do on a request's page, one form per intent. */
export const requestActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({
    intent: z.literal("withdraw"),
    reason: z.string().trim().max(2000, "The reason must be 2,000 characters or fewer").default(""),
  }),
  z.object({
    intent: z.literal("ask"),
    question: z
      .string()
      .trim()
      .min(1, "Enter your question")
      .max(2000, "The question must be 2,000 characters or fewer"),
  }),
  z.object({
    intent: z.literal("answer"),
    answer: z.string().trim().min(1, "Enter your answer").max(4000, "The answer must be 4,000 characters or fewer"),
  }),
]);

/** A pioneer's "We are interested in helping" mark on another trust's open request. */
export const interestSchema = z.object({ intent: z.enum(["mark-interest", "unmark-interest"]) });

export const BROWSE_SORTS = [
  { value: "newest", label: "Newest first" },
  { value: "priority", label: "Highest priority first" },
  { value: "window", label: "Soonest start first" },
] as const;

export type BrowseSort = (typeof BROWSE_SORTS)[number]["value"];

const optionalCode = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => (v ? v : undefined))
  .catch(undefined);

/** Words to search for, from the address bar: blank or too long reads as no search. */
const searchWords = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

/** Our own requests: a page, and words to search for. */
export const ownListSchema = z.object({ q: searchWords, page: pageNumber });

/** Filters read from the URL: anything malformed falls back to "no filter" rather than an error page. */
export const browseFiltersSchema = z.object({
  q: searchWords,
  capability: optionalCode,
  region: optionalCode,
  icb: optionalCode,
  format: optionalCode,
  priority: z.enum(values(PRIORITIES)).optional().catch(undefined),
  // Drafts are private to their organisation, so they are never a browse status.
  status: z
    .enum(REQUEST_STATUSES.filter((s) => s !== "draft") as [RequestStatus, ...RequestStatus[]])
    .catch("submitted"),
  ours: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => v !== undefined && v !== "")
    .catch(false),
  sort: z.enum(["newest", "priority", "window"]).catch("newest"),
  page: pageNumber,
});

export type BrowseFilterValues = z.infer<typeof browseFiltersSchema>;

export { pageSchema } from "./page";

/** The request form's fields for each refusal code the request model gives. */
export const requestFormRefusalFields: Record<string, string> = {
  window_order: "windowEnd",
  capabilities: "capabilityIds",
  audiences: "audienceCodes",
  formats: "formatCodes",
  window_start_past: "windowStart",
  preferred_offer: "preferredOfferId",
};

/** On the request page the dates are on another form, so only the page's own boxes are named. */
export const requestActionRefusalFields: Record<string, string> = {
  question_missing: "question",
  answer_missing: "answer",
};
