import { TextField } from "~/components/form";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { actionDescriptionField, actionDueField, actionOwnerField, MAX_ACTIONS } from "~/schemas/learning";
import { rowsFor } from "./learning-links-field";
import { DATE_HINT } from "~/lib/date-hint";

/** Actions agreed, each with an owner and a due date; blank rows are ignored. */
export function LearningActionsField({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  const rows = rowsFor(values, [actionDescriptionField, actionOwnerField, actionDueField], MAX_ACTIONS);
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Actions agreed (optional)</legend>
      <div className="nhsuk-hint">
        Each action starts as open; either trust can update it later on the entry&apos;s page. Leave rows you do not
        need empty.
      </div>
      {rows.map((row) => (
        <fieldset className="nhsuk-fieldset" key={row}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Action {row}</legend>
          <TextField
            name={actionDescriptionField(row)}
            label="What will be done"
            defaultValue={valueOf(values, actionDescriptionField(row))}
            error={errors?.[actionDescriptionField(row)]}
          />
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <TextField
                name={actionOwnerField(row)}
                label="Owner"
                hint="A name and role"
                defaultValue={valueOf(values, actionOwnerField(row))}
                error={errors?.[actionOwnerField(row)]}
              />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <TextField
                name={actionDueField(row)}
                type="date"
                label="Due date"
                hint={DATE_HINT}
                defaultValue={valueOf(values, actionDueField(row))}
                error={errors?.[actionDueField(row)]}
              />
            </div>
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}
