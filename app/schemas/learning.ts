import { z } from "zod";
import type { ActionStatus, LearningVisibility } from "../../db/schema";
import { isIsoDate } from "../lib/dates";
import { formValues, type FieldErrors, type FormResult, type FormValues } from "../lib/forms";
import { withoutMarkers } from "../domain/learning-search/markers";
import { DATE_EXAMPLE } from "../lib/date-hint";

export const VISIBILITIES: { value: LearningVisibility; label: string; hint: string }[] = [
  {
    value: "shared",
    label: "Shared with everyone on Peerlink",
    hint: "Listed in the learning library, naming both trusts, so other trusts can learn from it too.",
  },
  {
    value: "private",
    label: "Private to our two trusts",
    hint: "Only people from the two trusts in this engagement can read it. Coordinators and administrators cannot.",
  },
];

export const ACTION_STATUSES: { value: ActionStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "in_progress", label: "In progress" },
  { value: "done", label: "Done" },
  { value: "dropped", label: "Dropped" },
];

export const actionStatusLabel = (status: string) => ACTION_STATUSES.find((s) => s.value === status)?.label ?? status;

export const MAX_LINKS = 10;
export const MAX_ACTIONS = 10;
/** Rows a form shows without JavaScript when nothing is filled in yet. */
export const BLANK_ROWS = 3;

/** Repeating rows are numbered from 1 so each message links to its own box. */
export const linkTitleField = (row: number) => `linkTitle-${row}`;
export const linkUrlField = (row: number) => `linkUrl-${row}`;
export const actionDescriptionField = (row: number) => `actionDescription-${row}`;
export const actionOwnerField = (row: number) => `actionOwner-${row}`;
export const actionDueField = (row: number) => `actionDue-${row}`;

export interface LinkInput {
  title: string;
  url: string;
}

export interface ActionInput {
  description: string;
  owner: string;
  dueOn: string;
}

/** An absolute https address, normalised; null for anything else (http:, javascript:, mailto:, a bare word). */
export function webAddress(text: string): string | null {
  if (text.length > 2000) return null;
  try {
    const url = new URL(text.trim());
    // The form asks for https:// only: a plain http:// link can be read or changed on the way.
    return url.protocol === "https:" && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/** Trimmed text without NUL (which PostgreSQL refuses) or the characters search results use to mark matches. */
const clean = (v: string) =>
  withoutMarkers(v)
    // NUL is what this removes: PostgreSQL refuses it in text.
    // eslint-disable-next-line no-control-regex
    .replace(/\u0000/g, "")
    .trim();
const cleanText = (v: unknown) =>
  typeof v === "string" ? clean(v) : Array.isArray(v) ? clean(String(v[0] ?? "")) : "";

const text = (required: string, max: number, tooLong: string) =>
  z.preprocess(cleanText, z.string().min(1, required).max(max, tooLong));

const list = (message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : ([] as unknown[]).concat(v)),
    z.array(z.string().trim().min(1).max(100)).min(1, message).max(30),
  );

const entrySchema = z.object({
  title: text("Enter a title", 150, "The title must be 150 characters or fewer"),
  insight: text("Describe what was learned", 10_000, "What was learned must be 10,000 characters or fewer"),
  capabilityIds: list("Select at least one capability this learning is about"),
  visibility: z.enum(["shared", "private"], { errorMap: () => ({ message: "Select who can read this entry" }) }),
});

export type LearningEntryFields = z.output<typeof entrySchema> & { links: LinkInput[] };
export type NewLearningFields = LearningEntryFields & { actions: ActionInput[] };

/** Link rows: a blank row is ignored, a half-filled one gets a message on the missing box. */
function readLinks(values: FormValues, errors: FieldErrors): LinkInput[] {
  const links: LinkInput[] = [];
  for (let row = 1; row <= MAX_LINKS; row++) {
    const title = cleanText(values[linkTitleField(row)]);
    const address = cleanText(values[linkUrlField(row)]);
    if (!title && !address) continue;
    if (!title) errors[linkTitleField(row)] = `Enter a title for link ${row}`;
    else if (title.length > 200)
      errors[linkTitleField(row)] = `The title of link ${row} must be 200 characters or fewer`;
    const url = address ? webAddress(address) : null;
    if (!address) errors[linkUrlField(row)] = `Enter the web address of link ${row}`;
    else if (!url)
      errors[linkUrlField(row)] = /^http:\/\//i.test(address)
        ? `The web address of link ${row} must start with https://, not http://`
        : `Enter the web address of link ${row} in full, starting with https://`;
    if (title && url && title.length <= 200) links.push({ title, url });
  }
  return links;
}

function readActions(values: FormValues, errors: FieldErrors): ActionInput[] {
  const actions: ActionInput[] = [];
  for (let row = 1; row <= MAX_ACTIONS; row++) {
    const description = cleanText(values[actionDescriptionField(row)]);
    const owner = cleanText(values[actionOwnerField(row)]);
    const dueOn = cleanText(values[actionDueField(row)]);
    if (!description && !owner && !dueOn) continue;
    const before = Object.keys(errors).length;
    if (!description) errors[actionDescriptionField(row)] = `Enter what action ${row} is`;
    else if (description.length > 500)
      errors[actionDescriptionField(row)] = `Action ${row} must be 500 characters or fewer`;
    if (!owner) errors[actionOwnerField(row)] = `Enter who owns action ${row}`;
    else if (owner.length > 200)
      errors[actionOwnerField(row)] = `The owner of action ${row} must be 200 characters or fewer`;
    if (!dueOn) errors[actionDueField(row)] = `Enter the due date of action ${row}`;
    else if (!isIsoDate(dueOn))
      errors[actionDueField(row)] = `The due date of action ${row} must be a real date, like ${DATE_EXAMPLE}`;
    if (Object.keys(errors).length === before) actions.push({ description, owner, dueOn });
  }
  return actions;
}

/** Every message at once: the entry's fields, then each row. */
function parse<T>(formData: FormData, read: (values: FormValues, errors: FieldErrors) => T | null): FormResult<T> {
  const values = formValues(formData);
  const errors: FieldErrors = {};
  const data = read(values, errors);
  return data === null || Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, data };
}

function readEntry(values: FormValues, errors: FieldErrors): LearningEntryFields | null {
  const parsed = entrySchema.safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  const links = readLinks(values, errors);
  return parsed.success ? { ...parsed.data, links } : null;
}

/** The form recording a new entry: the entry, its links and the actions agreed. */
export const parseNewLearning = (formData: FormData): FormResult<NewLearningFields> =>
  parse(formData, (values, errors) => {
    const entry = readEntry(values, errors);
    const actions = readActions(values, errors);
    return entry && { ...entry, actions };
  });

/** The edit form: actions are kept up to date on the entry's page instead. */
export const parseLearningEdit = (formData: FormData): FormResult<LearningEntryFields> => parse(formData, readEntry);

/** The order fields appear in, for the error summary. */
export const LEARNING_FIELD_ORDER = [
  "title",
  "insight",
  "capabilityIds",
  "visibility",
  ...Array.from({ length: MAX_LINKS }, (_, i) => [linkTitleField(i + 1), linkUrlField(i + 1)]).flat(),
  ...Array.from({ length: MAX_ACTIONS }, (_, i) => [
    actionDescriptionField(i + 1),
    actionOwnerField(i + 1),
    actionDueField(i + 1),
  ]).flat(),
];

/** Updating one action on the entry's page. */
export const actionUpdateSchema = z.object({
  intent: z.literal("updateAction", { errorMap: () => ({ message: "Choose an action to update" }) }),
  actionId: z
    .string({ required_error: "Choose an action to update" })
    .trim()
    .min(1, "Choose an action to update")
    .max(100),
  status: z.enum(["open", "in_progress", "done", "dropped"], {
    errorMap: () => ({ message: "Select the status of the action" }),
  }),
  owner: text("Enter who owns the action", 200, "The owner must be 200 characters or fewer"),
  dueOn: z.preprocess(
    cleanText,
    z.string().min(1, "Enter the due date").refine(isIsoDate, `The due date must be a real date, like ${DATE_EXAMPLE}`),
  ),
});

export type ActionUpdate = z.output<typeof actionUpdateSchema>;

/** The largest page the library offers: counting stops at 1,000 entries, 20 a page. */
export const LIBRARY_PAGE_SIZE = 20;
export const LIBRARY_MAX_PAGE = 50;

export interface LibraryFilters {
  q: string;
  capability: string[];
  format: string[];
  region: string;
  from: string;
  to: string;
  page: number;
}

const code = (v: string) => v.trim().slice(0, 100);

/**
 * The library's filters from the address bar. Nothing in a URL can make the page fail: unknown
 * values simply match nothing, and a date that is not a real date is reported and left out.
 */
export function parseLibraryFilters(params: URLSearchParams): { filters: LibraryFilters; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const date = (name: "from" | "to", label: string) => {
    const value = (params.get(name) ?? "").trim();
    if (value && !isIsoDate(value)) {
      errors[name] = `The ${label} date must be a real date, like ${DATE_EXAMPLE}`;
      return "";
    }
    return value;
  };
  const from = date("from", "'from'");
  const to = date("to", "'to'");
  if (from && to && to < from) errors.to = "The 'to' date must be the same as or after the 'from' date";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    filters: {
      q: clean(params.get("q") ?? "").slice(0, 200),
      capability: params.getAll("capability").map(code).filter(Boolean).slice(0, 30),
      format: params.getAll("format").map(code).filter(Boolean).slice(0, 30),
      region: code(params.get("region") ?? ""),
      from,
      to: errors.to ? "" : to,
      page: Number.isFinite(page) ? Math.min(Math.max(page, 1), LIBRARY_MAX_PAGE) : 1,
    },
    errors,
  };
}

/** The learning form's fields for each refusal code the learning model gives. */
export const learningRefusalFields: Record<string, string> = {
  capabilities: "capabilityIds",
  title_missing: "title",
  insight_missing: "insight",
  visibility: "visibility",
};

/** An action's own form: its status, owner and due date. */
export const learningActionRefusalFields: Record<string, string> = {
  action_status: "status",
  action_owner: "owner",
  action_due: "dueOn",
};
