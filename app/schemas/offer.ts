import { z } from "zod";
import { windowProblem, type DateWindow } from "../domain/offer-availability";
import { isIsoDate } from "../lib/dates";
import { formValues, valueOf, valuesOf, type FieldErrors, type FormResult, type FormValues } from "../lib/forms";
import { pageNumber } from "./page";
import { DATE_EXAMPLE } from "../lib/date-hint";

export const COST_MODELS = [
  { value: "free", label: "Free" },
  { value: "cost_recovery", label: "Cost recovery" },
  { value: "fee", label: "Fee" },
] as const;

export const costModelLabel = (value: string) => COST_MODELS.find((c) => c.value === value)?.label ?? value;

/** The most an offer may charge, in pounds: well above any peer-learning fee, low enough to catch a typing slip. */
export const MAX_FEE_POUNDS = 100_000;

/** "£250" or "£99.50": whole pounds without pence. */
export const formatPounds = (pence: number) =>
  `£${(pence / 100).toLocaleString("en-GB", {
    minimumFractionDigits: pence % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  })}`;

/** How an offer's cost reads on its page and in lists: "Free", "Fee: £250", "Cost recovery: £99.50". */
export const costLabel = (costModel: string, feePence: number | null) =>
  costModel === "free" || feePence === null
    ? costModelLabel(costModel)
    : `${costModelLabel(costModel)}: ${formatPounds(feePence)}`;

/** An amount as people type it ("250", "£1,200", "99.5") in pence, or why it is not one. */
export function readPounds(text: string): { pence: number } | { problem: string } {
  const cleaned = text.replace(/[£,\s]/g, "");
  if (cleaned === "") return { problem: "Enter what the offer costs, in pounds" };
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return { problem: "Enter the amount in pounds, like 250 or 99.50" };
  const pence = Math.round(Number(cleaned) * 100);
  if (pence <= 0) return { problem: "The amount must be more than £0. Select Free if the offer costs nothing" };
  if (pence > MAX_FEE_POUNDS * 100)
    return { problem: `The amount must be ${formatPounds(MAX_FEE_POUNDS * 100)} or less` };
  return { pence };
}

export const OFFER_SORTS = [
  { value: "newest", label: "Newest first" },
  { value: "title", label: "Title (A to Z)" },
  { value: "capacity", label: "Most capacity first" },
] as const;

export const MAX_CAPACITY = 50;
export const MAX_WINDOWS = 12;

/** Each chosen capability has its own evidence box, named after the capability. */
export const evidenceField = (capabilityId: string) => `evidence-${capabilityId}`;
/** Window rows are numbered from 1 so error links land on the right row. */
export const windowStartField = (row: number) => `windowStart-${row}`;
export const windowEndField = (row: number) => `windowEnd-${row}`;

const list = z.preprocess(
  (v) => ([] as unknown[]).concat(v ?? []).filter((x) => x !== ""),
  z.array(z.string().trim().max(100)),
);
const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== "");
const isoDate = (message: string) => z.string({ required_error: message }).trim().refine(isIsoDate, message);

/** Gathers the numbered window rows and evidence boxes the browser sends into lists the schema can check. */
function gather(raw: unknown) {
  const values = (raw ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : Array.isArray(v) ? String(v[0] ?? "").trim() : "");
  const windows = Array.from({ length: MAX_WINDOWS }, (_, i) => ({
    start: text(values[windowStartField(i + 1)]),
    end: text(values[windowEndField(i + 1)]),
  }));
  const evidence: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith("evidence-")) evidence[key.slice("evidence-".length)] = text(value);
  }
  return { ...values, windows, evidence };
}

/** One row of the availability table; a row left blank is ignored. */
const windowRow = z.object({ start: z.string(), end: z.string() }).superRefine((row, ctx) => {
  if (!row.start && !row.end) return;
  if (!row.start) return ctx.addIssue({ code: "custom", path: ["start"], message: "Enter the start date" });
  if (!row.end) return ctx.addIssue({ code: "custom", path: ["end"], message: "Enter the end date" });
  const problem = windowProblem(row);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.date], message: problem.message });
});

const windowRows = z
  .array(windowRow)
  .transform((rows): DateWindow[] => rows.filter((r) => r.start && r.end))
  .refine((rows) => rows.length > 0, "Enter at least one date range when you can run this offer");

export const offerFieldsSchema = z.preprocess(
  gather,
  z
    .object({
      title: z
        .string({ required_error: "Enter a title for the offer" })
        .trim()
        .min(1, "Enter a title for the offer")
        .max(150, "Title must be 150 characters or fewer"),
      description: z
        .string({ required_error: "Describe what the offer involves" })
        .trim()
        .min(1, "Describe what the offer involves")
        .max(4000, "Description must be 4,000 characters or fewer"),
      capabilityIds: list.pipe(z.array(z.string()).min(1, "Select at least one capability you can teach")),
      evidence: z.record(z.string().max(2000, "Evidence must be 2,000 characters or fewer")),
      formatCode: z
        .string({ required_error: "Select the format of the offer" })
        .trim()
        .min(1, "Select the format of the offer"),
      audienceCodes: list.pipe(z.array(z.string()).min(1, "Select at least one audience")),
      capacityPerQuarter: z
        .string({ required_error: "Enter how many requests you can take each quarter" })
        .trim()
        .min(1, "Enter how many requests you can take each quarter")
        .regex(/^\d+$/, "Capacity must be a whole number, like 2")
        .transform(Number)
        .pipe(
          z
            .number()
            .min(1, "Capacity must be at least 1")
            .max(MAX_CAPACITY, `Capacity must be ${MAX_CAPACITY} or fewer`),
        ),
      costModel: z.enum(["free", "cost_recovery", "fee"], { errorMap: () => ({ message: "Select a cost model" }) }),
      feePounds: z.string().max(50, "Enter the amount in pounds, like 250 or 99.50").default(""),
      virtualOk: checkbox,
      windows: windowRows,
      contactName: z
        .string({ required_error: "Enter the contact person's name" })
        .trim()
        .min(1, "Enter the contact person's name")
        .max(200, "Name must be 200 characters or fewer"),
      contactEmail: z
        .string({ required_error: "Enter the contact person's email address" })
        .trim()
        .toLowerCase()
        .min(1, "Enter the contact person's email address")
        .max(254, "Email address must be 254 characters or fewer")
        .email("Enter an email address in the correct format, like name@example.nhs.uk"),
    })
    .superRefine((fields, ctx) => {
      if (fields.costModel === "free") return;
      const amount = readPounds(fields.feePounds);
      if ("problem" in amount) ctx.addIssue({ code: "custom", path: ["feePounds"], message: amount.problem });
    })
    // Only the boxes of chosen capabilities count; the others may hold text from an earlier choice.
    // A free offer has no amount, whatever the box held.
    .transform(({ evidence, feePounds, ...fields }) => {
      const amount = fields.costModel === "free" ? null : readPounds(feePounds);
      return {
        ...fields,
        feePence: amount && "pence" in amount ? amount.pence : null,
        evidence: Object.fromEntries(fields.capabilityIds.map((id) => [id, evidence[id] ?? ""])),
      };
    }),
);

export type OfferFormFields = z.output<typeof offerFieldsSchema>;

/** The form field an issue belongs to, so the error summary links to the right box. */
function fieldOf(path: (string | number)[]): string {
  const [head, index, part] = path;
  if (head === "windows")
    return typeof index === "number" && part === "end"
      ? windowEndField(index + 1)
      : windowStartField(typeof index === "number" ? index + 1 : 1);
  if (head === "evidence" && typeof index === "string") return evidenceField(index);
  return head === undefined ? "form" : String(head);
}

/** Like parseForm, but window rows and evidence boxes get errors of their own. */
export function parseOfferFields(formData: FormData): FormResult<OfferFormFields> {
  const values = formValues(formData);
  const parsed = offerFieldsSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  return { ok: false, errors, values };
}

export const offerActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("pause"),
      until: isoDate(`Enter the date the offer can take requests again, like ${DATE_EXAMPLE}`),
      reason: z
        .string({ required_error: "Say why the offer is paused" })
        .trim()
        .min(1, "Say why the offer is paused")
        .max(500, "Reason must be 500 characters or fewer"),
    }),
    z.object({ intent: z.literal("resume") }),
    z.object({
      intent: z.literal("close"),
      confirm: checkbox.refine((v) => v, "Confirm that you want to close this offer"),
    }),
  ],
  { errorMap: () => ({ message: "Choose what to do with this offer" }) },
);

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

export const offerFiltersSchema = z.object({
  q: optionalText,
  capability: optionalText,
  format: optionalText,
  region: optionalText,
  icb: optionalText,
  organisation: optionalText,
  cost: z.enum(["free", "cost_recovery", "fee"]).optional().catch(undefined),
  virtual: checkbox.catch(false),
  sort: z.enum(["newest", "title", "capacity"]).catch("newest"),
  page: pageNumber,
});

/** The capabilities ticked on a submitted form, each with its evidence box, read before validation. */
export const chosenEvidence = (values: FormValues) =>
  [...new Set(valuesOf(values, "capabilityIds"))]
    .slice(0, 100)
    .map((id) => ({ capabilityId: id, evidence: valueOf(values, evidenceField(id)) }));

const OFFER_REFUSAL_FIELDS: Record<string, string> = {
  title_missing: "title",
  capacity: "capacityPerQuarter",
  capacity_below_approved: "capacityPerQuarter",
  contact: "contactName",
  capabilities: "capabilityIds",
  format: "formatCode",
  audiences: "audienceCodes",
  windows: windowStartField(1),
  return_date: "until",
  fee: "feePounds",
};

/** The offer forms' field for each refusal code the offer model gives; evidence codes carry the capability id. */
export const offerRefusalField = (code: string): string | undefined =>
  code.startsWith("evidence:") ? evidenceField(code.slice("evidence:".length)) : OFFER_REFUSAL_FIELDS[code];

/** Field errors for refusal details given on their own, such as evidence problems found beside other form errors. */
export const offerDetailErrors = (details: { code: string; message: string }[]): Record<string, string> =>
  Object.fromEntries(details.map((d) => [offerRefusalField(d.code) ?? "form", d.message]));
