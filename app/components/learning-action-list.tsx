import { Form } from "@remix-run/react";
import type { ActionStatus } from "../../db/schema";
import { formatDate } from "~/lib/dates";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { ACTION_STATUSES, actionStatusLabel } from "~/schemas/learning";
import { SelectField, SubmitButton, TextField } from "./form";
import { DATE_HINT } from "~/lib/date-hint";

export interface LearningActionItem {
  id: string;
  description: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  updatedAt: string;
  updatedByName: string;
}

const STATUS_COLOURS: Record<ActionStatus, string> = {
  open: "blue",
  in_progress: "yellow",
  done: "green",
  dropped: "grey",
};

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${STATUS_COLOURS[status]}`}>{actionStatusLabel(status)}</strong>;
}

/** The form field ids of one action's update form, so messages link to the right box. */
export const actionFieldId = (actionId: string, field: "status" | "owner" | "dueOn") => `action-${actionId}-${field}`;

/** The update form for one action, folded away until opened (open when it has errors). */
function ActionUpdateForm({
  action,
  number,
  errors,
  values,
}: {
  action: LearningActionItem;
  number: number;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const value = (field: "status" | "owner" | "dueOn", current: string) => (values ? valueOf(values, field) : current);
  return (
    <details className="nhsuk-details" open={errors ? true : undefined}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Update action {number}</span>
      </summary>
      <div className="nhsuk-details__text">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="updateAction" />
          <input type="hidden" name="actionId" value={action.id} />
          <SelectField
            id={actionFieldId(action.id, "status")}
            name="status"
            label="Status"
            options={ACTION_STATUSES.map((s) => ({ value: s.value, label: s.label }))}
            defaultValue={value("status", action.status)}
            error={errors?.[actionFieldId(action.id, "status")]}
          />
          <TextField
            id={actionFieldId(action.id, "owner")}
            name="owner"
            label="Owner"
            defaultValue={value("owner", action.owner)}
            error={errors?.[actionFieldId(action.id, "owner")]}
          />
          <TextField
            id={actionFieldId(action.id, "dueOn")}
            name="dueOn"
            type="date"
            label="Due date"
            hint={DATE_HINT}
            defaultValue={value("dueOn", action.dueOn)}
            error={errors?.[actionFieldId(action.id, "dueOn")]}
          />
          <SubmitButton secondary>Save action {number}</SubmitButton>
        </Form>
      </div>
    </details>
  );
}

/** The actions agreed, and for the two trusts a form on each to keep it up to date. */
export function LearningActionList({
  actions,
  mayUpdate,
  failed,
}: {
  actions: LearningActionItem[];
  mayUpdate: boolean;
  /** The action whose update was refused, with the messages and what was typed. */
  failed?: { actionId: string; errors: FieldErrors; values: FormValues } | null;
}) {
  if (actions.length === 0) return <p>No actions were recorded with this entry.</p>;
  return (
    <ol className="nhsuk-list">
      {actions.map((action, i) => (
        <li key={action.id} className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s">
              Action {i + 1}: {action.description}
            </h3>
            <p>
              <ActionStatusTag status={action.status} />
            </p>
            <p className="nhsuk-u-margin-bottom-2">
              Owner: {action.owner}. Due {formatDate(action.dueOn)}.
            </p>
            <p className="nhsuk-body-s">
              Last updated by {action.updatedByName} on {formatDate(action.updatedAt.slice(0, 10))}.
            </p>
            {mayUpdate ? (
              <ActionUpdateForm
                action={action}
                number={i + 1}
                errors={failed?.actionId === action.id ? failed.errors : undefined}
                values={failed?.actionId === action.id ? failed.values : undefined}
              />
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
