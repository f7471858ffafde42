import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import type { FieldErrors } from "~/lib/forms";

/** The NHS.UK error summary: listed at the top, each linking to its field. */
export function ErrorSummary({ errors, order }: { errors?: FieldErrors; order?: string[] }) {
  const summary = useRef<HTMLDivElement>(null);
  const shown = !!errors && Object.keys(errors).length > 0;
  // The NHS.UK pattern: after a failed submit, focus moves to the summary so it is read out first.
  useEffect(() => {
    if (shown) summary.current?.focus();
  }, [errors, shown]);
  if (!errors || !shown) return null;
  const keys = order
    ? [...order.filter((k) => errors[k]), ...Object.keys(errors).filter((k) => !order.includes(k))]
    : Object.keys(errors);
  return (
    <div className="nhsuk-error-summary" data-module="nhsuk-error-summary" tabIndex={-1} ref={summary}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {keys.map((key) => (
              <li key={key}>
                {key === "form" ? (
                  errors[key]
                ) : (
                  <a href={`#${key}`} onClick={(event) => focusField(event, key)}>
                    {errors[key]}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * As the NHS.UK frontend's error summary does: bring the field's label into view and focus the field
 * in place. Following the link as a navigation would make the router drop the form's errors.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.closest("details")?.setAttribute("open", "");
  const label = field.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${id}"]`);
  (label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {error}
    </span>
  );
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** Label, hint and error message around one control, in NHS.UK form-group markup. */
function LabelledField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} error={error} />
      {children}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  id?: string;
}

export function TextField({
  name,
  label,
  hint,
  error,
  id = name,
  type = "text",
  defaultValue,
  autoComplete,
  width,
  spellCheck,
  required,
}: FieldProps & {
  type?: "text" | "email" | "password" | "search" | "date" | "number" | "url" | "time" | "datetime-local";
  defaultValue?: string;
  autoComplete?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  spellCheck?: boolean;
  required?: boolean;
}) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <input
        className={`nhsuk-input${error ? " nhsuk-input--error" : ""}${width ? ` nhsuk-input--width-${width}` : ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
      />
    </LabelledField>
  );
}

export function TextareaField({
  name,
  label,
  hint,
  error,
  id = name,
  defaultValue,
  rows = 5,
}: FieldProps & { defaultValue?: string; rows?: number }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export function SelectField({
  name,
  label,
  hint,
  error,
  id = name,
  options,
  defaultValue,
}: FieldProps & { options: Option[]; defaultValue?: string }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        className={`nhsuk-select${error ? " nhsuk-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** Radios or checkboxes in a fieldset; the first input carries the field's id so the error summary can link to it. */
export function ChoiceField({
  kind,
  name,
  legend,
  hint,
  error,
  id = name,
  options,
  selected = [],
  small,
}: Omit<FieldProps, "label"> & {
  kind: "radio" | "checkbox";
  legend: ReactNode;
  options: Option[];
  selected?: string[];
  small?: boolean;
}) {
  const base = kind === "radio" ? "nhsuk-radios" : "nhsuk-checkboxes";
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={id} error={error} />
        <div className={`${base}${small ? ` ${base}--small` : ""}`} data-module={base}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className={`${base}__item`} key={o.value}>
                <input
                  className={`${base}__input`}
                  id={inputId}
                  name={name}
                  type={kind}
                  value={o.value}
                  defaultChecked={selected.includes(o.value)}
                  aria-describedby={o.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className={`nhsuk-label ${base}__label`} htmlFor={inputId}>
                  {o.label}
                </label>
                {o.hint ? (
                  <div className={`nhsuk-hint ${base}__hint`} id={`${inputId}-item-hint`}>
                    {o.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function SubmitButton({
  children,
  secondary,
  name,
  value,
}: {
  children: ReactNode;
  secondary?: boolean;
  name?: string;
  value?: string;
}) {
  return (
    <button
      className={`nhsuk-button${secondary ? " nhsuk-button--secondary" : ""}`}
      data-module="nhsuk-button"
      type="submit"
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}
