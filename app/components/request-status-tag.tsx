import type { RequestStatus } from "../../db/schema";
import { STATUS_LABELS, statusTagClass } from "~/domain/request-lifecycle";

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  return <strong className={statusTagClass(status)}>{STATUS_LABELS[status].label}</strong>;
}
