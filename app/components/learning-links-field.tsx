import { TextField } from "~/components/form";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { BLANK_ROWS, linkTitleField, linkUrlField, MAX_LINKS } from "~/schemas/learning";

/** Rows already filled in, plus one spare; at least three, so most entries need no second visit. */
export function rowsFor(values: FormValues, fields: ((row: number) => string)[], max: number): number[] {
  let last = 0;
  for (let row = 1; row <= max; row++) if (fields.some((field) => valueOf(values, field(row)))) last = row;
  return Array.from({ length: Math.min(max, Math.max(BLANK_ROWS, last + 1)) }, (_, i) => i + 1);
}

/** Tools and documents shared, as a title and a web address per row; blank rows are ignored. */
export function LearningLinksField({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  const rows = rowsFor(values, [linkTitleField, linkUrlField], MAX_LINKS);
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        Tools and documents shared (optional)
      </legend>
      <div className="nhsuk-hint">
        Give each a short title and its full web address. Leave rows you do not need empty. To add more than{" "}
        {rows.length}, save and then edit the entry.
      </div>
      {rows.map((row) => (
        <fieldset className="nhsuk-fieldset" key={row}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Link {row}</legend>
          <TextField
            name={linkTitleField(row)}
            label="Title"
            defaultValue={valueOf(values, linkTitleField(row))}
            error={errors?.[linkTitleField(row)]}
          />
          <TextField
            name={linkUrlField(row)}
            type="url"
            label="Web address"
            hint="Starting with https://"
            spellCheck={false}
            defaultValue={valueOf(values, linkUrlField(row))}
            error={errors?.[linkUrlField(row)]}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}
