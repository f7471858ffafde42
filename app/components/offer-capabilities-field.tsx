import { Fragment, useEffect, useState } from "react";
import { maturityName } from "~/domain/maturity";
import { evidenceRequired } from "~/domain/offer-rules";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { evidenceField } from "~/schemas/offer";

export interface CapabilityChoice {
  id: string;
  name: string;
  domain_name: string;
}

function evidenceHint(maturity: number | undefined, assessed: boolean) {
  if (!assessed) return "Needed: your organisation has not completed an assessment yet. Say why you can teach this.";
  if (maturity === undefined) return "Needed: your latest assessment does not rate this. Say why you can teach it.";
  const rating = maturityName(maturity);
  return evidenceRequired(maturity)
    ? `Needed: your latest assessment rates this ${rating}. Say why you can teach it, for example results since then.`
    : `Optional: your latest assessment rates this ${rating}.`;
}

/**
 * Capability checkboxes, each with its evidence box. Without JavaScript every box shows; with it,
 * only the boxes of ticked capabilities do.
 */
export function OfferCapabilitiesField({
  capabilities,
  selected,
  values,
  errors,
  maturity,
}: {
  capabilities: CapabilityChoice[];
  selected: string[];
  values: FormValues;
  errors?: FieldErrors;
  /** The organisation's latest maturity per capability, or null if never assessed. */
  maturity: Record<string, number> | null;
}) {
  const [ticked, setTicked] = useState(() => new Set(selected));
  const [enhanced, setEnhanced] = useState(false);
  // Set after hydration on purpose: the server renders the no-JavaScript form, the browser then enhances it.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setEnhanced(true), []);
  const error = errors?.capabilityIds;
  const evidenceErrors = capabilities.some((c) => errors?.[evidenceField(c.id)]);
  const toggle = (id: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className={`nhsuk-form-group${error || evidenceErrors ? " nhsuk-form-group--error" : ""}`}>
      <fieldset
        className="nhsuk-fieldset"
        aria-describedby={error ? "capabilityIds-hint capabilityIds-error" : "capabilityIds-hint"}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Capabilities you can teach</legend>
        <div className="nhsuk-hint" id="capabilityIds-hint">
          You can offer capabilities your latest assessment rates Established or Exemplary. For any other, add evidence
          of why your trust can teach it.
        </div>
        {error ? (
          <span className="nhsuk-error-message" id="capabilityIds-error">
            <span className="nhsuk-u-visually-hidden">Error: </span>
            {error}
          </span>
        ) : null}
        <div className="nhsuk-checkboxes">
          {capabilities.map((c, i) => {
            const inputId = i === 0 ? "capabilityIds" : `capabilityIds-${i + 1}`;
            const boxId = evidenceField(c.id);
            const boxError = errors?.[boxId];
            return (
              <Fragment key={c.id}>
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id={inputId}
                    name="capabilityIds"
                    type="checkbox"
                    value={c.id}
                    defaultChecked={selected.includes(c.id)}
                    aria-controls={`${boxId}-conditional`}
                    aria-describedby={`${inputId}-item-hint`}
                    onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={inputId}>
                    {c.name}
                  </label>
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${inputId}-item-hint`}>
                    {c.domain_name}
                  </div>
                </div>
                <div
                  className="nhsuk-checkboxes__conditional"
                  id={`${boxId}-conditional`}
                  hidden={enhanced && !ticked.has(c.id) && !boxError}
                >
                  <div className={`nhsuk-form-group${boxError ? " nhsuk-form-group--error" : ""}`}>
                    <label className="nhsuk-label" htmlFor={boxId}>
                      Evidence for {c.name}
                    </label>
                    <div className="nhsuk-hint" id={`${boxId}-hint`}>
                      {evidenceHint(maturity?.[c.id], maturity !== null)}
                    </div>
                    {boxError ? (
                      <span className="nhsuk-error-message" id={`${boxId}-error`}>
                        <span className="nhsuk-u-visually-hidden">Error: </span>
                        {boxError}
                      </span>
                    ) : null}
                    <textarea
                      className={`nhsuk-textarea${boxError ? " nhsuk-textarea--error" : ""}`}
                      id={boxId}
                      name={boxId}
                      rows={3}
                      defaultValue={valueOf(values, boxId)}
                      aria-describedby={boxError ? `${boxId}-hint ${boxId}-error` : `${boxId}-hint`}
                      aria-invalid={boxError ? true : undefined}
                    />
                  </div>
                </div>
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
