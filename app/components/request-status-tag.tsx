import type { RequestStatus } from "../../db/schema";
import { STATUS_LABELS, statusTagClass } from "~/domain/request-lifecycle";
import { PROGRESS_LABELS, type RequestProgress } from "~/domain/request-progress";

/** The request's status; given its progress through matching, that instead, which tells more. */
export function RequestStatusTag({ status, progress }: { status: RequestStatus; progress?: RequestProgress }) {
  if (progress) {
    const tag = PROGRESS_LABELS[progress];
    return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
  }
  return <strong className={statusTagClass(status)}>{STATUS_LABELS[status].label}</strong>;
}
