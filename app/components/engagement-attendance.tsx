import type { FieldErrors } from "~/lib/forms";

export interface AudienceCount {
  code: string;
  name: string;
  planned: number;
  attended: number | null;
}

/**
 * One number box per audience level, in a fieldset. The fieldset carries the id "attendance" so
 * the error summary can link to the message about the total.
 */
export function PeopleCountFields({
  legend,
  hint,
  audiences,
  field,
  values,
  errors,
}: {
  legend: string;
  hint: string;
  audiences: { code: string; name: string }[];
  field: (code: string) => string;
  /** The value to show in each box, by audience code. */
  values: Record<string, string>;
  errors?: FieldErrors;
}) {
  const totalError = errors?.attendance;
  return (
    <div className={`nhsuk-form-group${totalError ? " nhsuk-form-group--error" : ""}`}>
      <fieldset
        className="nhsuk-fieldset"
        id="attendance"
        aria-describedby={`attendance-hint${totalError ? " attendance-error" : ""}`}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <div className="nhsuk-hint" id="attendance-hint">
          {hint}
        </div>
        {totalError ? (
          <span className="nhsuk-error-message" id="attendance-error">
            <span className="nhsuk-u-visually-hidden">Error: </span>
            {totalError}
          </span>
        ) : null}
        {audiences.map((a) => {
          const name = field(a.code);
          const error = errors?.[name];
          return (
            <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`} key={a.code}>
              <label className="nhsuk-label" htmlFor={name}>
                {a.name}
              </label>
              {error ? (
                <span className="nhsuk-error-message" id={`${name}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error: </span>
                  {error}
                </span>
              ) : null}
              <input
                className={`nhsuk-input nhsuk-input--width-4${error ? " nhsuk-input--error" : ""}`}
                id={name}
                name={name}
                type="text"
                inputMode="numeric"
                spellCheck={false}
                defaultValue={values[a.code] ?? ""}
                aria-describedby={error ? `${name}-error` : undefined}
                aria-invalid={error ? true : undefined}
              />
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Who was expected and who came, per audience level. */
export function AttendanceTable({ attendance }: { attendance: AudienceCount[] }) {
  const held = attendance.some((a) => a.attended !== null);
  const total = (pick: (a: AudienceCount) => number) => attendance.reduce((sum, a) => sum + pick(a), 0);
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">Attendance by audience</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Audience
          </th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
            Expected
          </th>
          {held ? (
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Attended
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {attendance.map((a) => (
          <tr className="nhsuk-table__row" key={a.code}>
            <th scope="row" className="nhsuk-table__header">
              {a.name}
            </th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{a.planned}</td>
            {held ? <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{a.attended ?? 0}</td> : null}
          </tr>
        ))}
        <tr className="nhsuk-table__row">
          <th scope="row" className="nhsuk-table__header">
            Total
          </th>
          <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{total((a) => a.planned)}</td>
          {held ? (
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{total((a) => a.attended ?? 0)}</td>
          ) : null}
        </tr>
      </tbody>
    </table>
  );
}
