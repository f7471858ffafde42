import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Control characters no one types into a form. NUL in particular is refused by PostgreSQL in
 * text. Tab, CR and LF stay: multi-line text needs them.
 */
// eslint-disable-next-line no-control-regex
const UNTYPEABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const withoutControlCharacters = (text: string) => text.replace(UNTYPEABLE, "");

/** A value this long is never echoed back into the page; schemas set the real limits, far lower. */
const ECHO_LIMIT = 10_000;

/**
 * The one way routes read a submitted form: a request that is not a form is answered 415, one
 * that cannot be read 400, and every text value and name arrives without control characters,
 * whichever field it is and whichever engine stores it.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type))
    throw new Response("Send this form from its page.", { status: 415, headers: { "Content-Type": "text/plain" } });
  let submitted: FormData;
  try {
    submitted = await request.formData();
  } catch {
    throw new Response("The form could not be read. Try again from the page.", {
      status: 400,
      headers: { "Content-Type": "text/plain" },
    });
  }
  const cleaned = new FormData();
  for (const [name, value] of submitted.entries()) {
    cleaned.append(withoutControlCharacters(name), typeof value === "string" ? withoutControlCharacters(value) : value);
  }
  return cleaned;
}

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
  // Never echo secrets back into the page, nor a value refused for its size.
  for (const secret of ["password", "confirmPassword", "currentPassword"]) delete values[secret];
  for (const field of Object.keys(errors)) {
    const value = values[field];
    if (value !== undefined && (Array.isArray(value) ? value.join("") : value).length > ECHO_LIMIT) values[field] = "";
  }
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
