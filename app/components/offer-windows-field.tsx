import { TextField } from "~/components/form";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { MAX_WINDOWS, windowEndField, windowStartField } from "~/schemas/offer";

/** Rows already filled in, plus one spare; at least three so most offers never need a second visit. */
function rowCount(values: FormValues) {
  let last = 0;
  for (let row = 1; row <= MAX_WINDOWS; row++)
    if (valueOf(values, windowStartField(row)) || valueOf(values, windowEndField(row))) last = row;
  return Math.min(MAX_WINDOWS, Math.max(3, last + 1));
}

/** Availability as date ranges; blank rows are ignored and overlapping ranges are joined. */
export function OfferWindowsField({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  const rows = Array.from({ length: rowCount(values) }, (_, i) => i + 1);
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">When you can run it</legend>
      <div className="nhsuk-hint">
        Enter one or more date ranges. Leave rows you do not need empty. Ranges that overlap are joined into one. To add
        more than {rows.length}, save and edit the offer.
      </div>
      {rows.map((row) => (
        <fieldset className="nhsuk-fieldset" key={row}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date range {row}</legend>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <TextField
                name={windowStartField(row)}
                type="date"
                label="From"
                defaultValue={valueOf(values, windowStartField(row))}
                error={errors?.[windowStartField(row)]}
              />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <TextField
                name={windowEndField(row)}
                type="date"
                label="To (inclusive)"
                defaultValue={valueOf(values, windowEndField(row))}
                error={errors?.[windowEndField(row)]}
              />
            </div>
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}
