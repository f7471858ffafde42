import { json } from "@remix-run/node";
import { forbidden, notFound } from "../auth/guards.server";
import { Forbidden, NotFound, Refused } from "./errors";
import type { FieldErrors, FormValues } from "./forms";

/** Which form field a refusal's code concerns: a map, or a function for codes built from ids. */
export type RefusalFields = Record<string, string> | ((code: string) => string | undefined);

export interface AnswerOptions {
  /** Maps the model's codes to this form's fields; an unmapped code is shown for the whole form. */
  fields?: RefusalFields;
  /** Status when the refusal concerns a field (default 400). */
  status?: number;
  /** Status when it concerns the whole form, such as a state that changed meanwhile (default: `status`). */
  formStatus?: number;
}

const fieldOf = (code: string | undefined, fields: RefusalFields | undefined): string | undefined => {
  if (code === undefined || fields === undefined) return undefined;
  return typeof fields === "function" ? fields(code) : fields[code];
};

/** What to throw for an error outside any form: the 404 or 403 response, or the error itself. */
export function asResponse(error: unknown): unknown {
  if (error instanceof NotFound) return notFound(error.message);
  if (error instanceof Forbidden) return forbidden(error.message);
  return error;
}

/** A refusal's message, for pages that show it as a banner rather than next to a field. */
export function refusalMessage(error: unknown): string {
  if (error instanceof Refused) return error.message;
  throw asResponse(error);
}

/**
 * The messages a refusal puts next to the form's fields ("form" for the page as a whole). NotFound
 * and Forbidden are thrown on as the 404 and 403 responses the error boundaries show; anything
 * else is a fault and is thrown on unchanged.
 */
export function refusalErrors(error: unknown, fields?: RefusalFields): FieldErrors {
  if (!(error instanceof Refused)) throw asResponse(error);
  const errors: FieldErrors = {};
  // A refusal with details is their summary: each detail speaks for itself next to its field.
  if (error.details.length === 0) errors[error.field ?? fieldOf(error.code, fields) ?? "form"] = error.message;
  for (const detail of error.details) errors[fieldOf(detail.code, fields) ?? "form"] ??= detail.message;
  return errors;
}

/**
 * The one answer to anything a model throws at a form: 404, 403, or the form again with the
 * message next to its field and the values as typed. Use as `catch (error) { return answerError(error, values) }`.
 */
export function answerError(error: unknown, values: FormValues, options: AnswerOptions = {}) {
  const errors = refusalErrors(error, options.fields);
  const status = options.status ?? 400;
  return json({ errors, values }, { status: "form" in errors ? (options.formStatus ?? status) : status });
}
