import { Form } from "@remix-run/react";
import { SubmitButton, TextareaField, TextField } from "~/components/form";
import { PeopleCountFields } from "~/components/engagement-attendance";
import type { SessionActions } from "~/domain/engagement-rules";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { attendedField } from "~/schemas/engagement";

interface Props {
  allowed: SessionActions;
  /** Every audience level the held form asks about, with the number expected. */
  audiences: { code: string; name: string; planned: number }[];
  errors?: FieldErrors;
  values?: FormValues;
}

/**
 * What one of the two trusts can record about a planned session; each form posts its own intent.
 * The move and cancel forms both ask for a reason, so their errors come keyed by their own ids.
 */
export function SessionActionForms({ allowed, audiences, errors, values }: Props) {
  if (!allowed.hold && !allowed.cancel && !allowed.move) return null;
  const intent = valueOf(values, "intent");
  const mine = (name: string, which: string) => (intent === which ? valueOf(values, name) : "");
  const counts = Object.fromEntries(
    audiences.map((a) => [
      a.code,
      intent === "held" ? valueOf(values, attendedField(a.code)) : a.planned ? String(a.planned) : "",
    ]),
  );
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">Record what happened</h2>
      {allowed.hold ? (
        <details className="nhsuk-details" open={intent === "held" || intent === ""}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">It took place</span>
          </summary>
          <div className="nhsuk-details__text">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="held" />
              <PeopleCountFields
                legend="Who attended"
                hint="How many people came from each group. We have filled in the numbers expected."
                audiences={audiences}
                field={attendedField}
                values={counts}
                errors={intent === "held" ? errors : undefined}
              />
              <TextareaField
                name="note"
                label="Notes (optional)"
                hint="How it went, for both trusts and coordinators"
                rows={4}
                defaultValue={mine("note", "held")}
                error={intent === "held" ? errors?.note : undefined}
              />
              <SubmitButton>Record as held</SubmitButton>
            </Form>
          </div>
        </details>
      ) : (
        <p>Once the session has started you can record that it took place, with who attended.</p>
      )}
      {allowed.move ? (
        <details className="nhsuk-details" open={intent === "move"}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">It is moving to another time</span>
          </summary>
          <div className="nhsuk-details__text">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="move" />
              <TextField
                name="date"
                type="date"
                label="New date"
                width={10}
                defaultValue={mine("date", "move")}
                error={intent === "move" ? errors?.date : undefined}
              />
              <TextField
                name="time"
                type="time"
                label="New start time"
                hint="In England's local time"
                width={5}
                defaultValue={mine("time", "move")}
                error={intent === "move" ? errors?.time : undefined}
              />
              <TextareaField
                name="reason"
                id="move-reason"
                label="Why is it moving?"
                rows={3}
                defaultValue={mine("reason", "move")}
                error={errors?.["move-reason"]}
              />
              <SubmitButton secondary>Move the session</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
      {allowed.cancel ? (
        <details className="nhsuk-details" open={intent === "cancel"}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">It was cancelled</span>
          </summary>
          <div className="nhsuk-details__text">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="cancel" />
              <TextareaField
                name="reason"
                id="cancel-reason"
                label="Why was it cancelled?"
                rows={3}
                defaultValue={mine("reason", "cancel")}
                error={errors?.["cancel-reason"]}
              />
              <button className="nhsuk-button nhsuk-button--warning" data-module="nhsuk-button" type="submit">
                Cancel the session
              </button>
            </Form>
          </div>
        </details>
      ) : null}
    </section>
  );
}
