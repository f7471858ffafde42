import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** Everything the browser sent, keeping repeated names (checkboxes) as lists. */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** Validates a submitted form; on failure, the first message per field and the values as typed. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const values = formValues(formData);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    errors[field] ??= issue.message;
  }
  // Never echo secrets back into the page.
  for (const secret of ["password", "confirmPassword", "currentPassword"]) delete values[secret];
  return { ok: false, errors, values };
}

export const valueOf = (values: FormValues | undefined, name: string): string => {
  const v = values?.[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};

export const valuesOf = (values: FormValues | undefined, name: string): string[] => {
  const v = values?.[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
