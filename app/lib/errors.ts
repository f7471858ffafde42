/**
 * The three ways the service says no. Models throw them; routes hand them to `answerError`, which
 * turns each into the one right answer: a 404 page, a 403 page, or a message next to a form field.
 */

/** No such thing, or one the viewer may not know exists: the two are never told apart. */
export class NotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFound";
  }
}

/** The viewer may know the thing exists but may not do this to it. */
export class Forbidden extends Error {
  constructor(message = "You do not have permission to do this.") {
    super(message);
    this.name = "Forbidden";
  }
}

/** One problem of several refused together, such as a capability offered without evidence. */
export interface RefusalDetail {
  code: string;
  message: string;
}

export interface RefusalOptions {
  /** A machine-readable reason; routes and schemas map codes to their forms' fields. */
  code?: string;
  /** Only where the form is known (routes and schemas); models give a code instead. */
  field?: string;
  /** Further problems refused at the same time, each shown against its own field. */
  details?: RefusalDetail[];
}

/** A change the rules refuse for a reason the person can put right; nothing of it was written. */
export class Refused extends Error {
  readonly code?: string;
  readonly field?: string;
  readonly details: RefusalDetail[];

  constructor(message: string, options: RefusalOptions = {}) {
    super(message);
    this.name = "Refused";
    this.code = options.code;
    this.field = options.field;
    this.details = options.details ?? [];
  }
}

/** Whether a thrown value is one of the family (anything else is a fault and goes to the log). */
export const isAnswerable = (error: unknown): error is NotFound | Forbidden | Refused =>
  error instanceof NotFound || error instanceof Forbidden || error instanceof Refused;
