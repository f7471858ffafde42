import { z } from "zod";
import { isAuditKind, type AuditKind } from "../domain/audit-kinds";
import { isIsoDate } from "../lib/dates";
import { withoutControlCharacters, type FieldErrors } from "../lib/forms";

const optionalDate = (which: "first" | "last") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || isIsoDate(v), `Enter the ${which} day as a real date, for example 2026-03-31`);

/** The audit log's filters from the query string; every one may be left empty. */
export const auditFiltersSchema = z
  .object({
    person: z
      .string()
      .trim()
      .max(254, "Name or email must be 254 characters or fewer")
      .optional()
      .transform((v) => v || undefined),
    organisation: z
      .string()
      .trim()
      .max(64, "Select an organisation from the list")
      .optional()
      .transform((v) => v || undefined),
    kind: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || isAuditKind(v), "Select a kind of event from the list")
      .transform((v) => v as AuditKind | undefined),
    from: optionalDate("first"),
    to: optionalDate("last"),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "The last day must be the same as or after the first day",
      });
  });

export type AuditFilters = z.output<typeof auditFiltersSchema>;

export type AuditFilterValues = Record<"person" | "organisation" | "kind" | "from" | "to", string>;

/** The filters as typed, and either what they mean or a message for each field that is wrong. */
export function readAuditFilters(
  params: URLSearchParams,
):
  | { ok: true; filters: AuditFilters; values: AuditFilterValues }
  | { ok: false; errors: FieldErrors; values: AuditFilterValues } {
  // Nothing untypeable reaches a query (PostgreSQL refuses a NUL in text).
  const read = (name: keyof AuditFilterValues) => withoutControlCharacters(params.get(name) ?? "");
  const values: AuditFilterValues = {
    person: read("person"),
    organisation: read("organisation"),
    kind: read("kind"),
    from: read("from"),
    to: read("to"),
  };
  const parsed = auditFiltersSchema.safeParse(values);
  if (parsed.success) return { ok: true, filters: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "person")] ??= issue.message;
  return { ok: false, errors, values };
}
