import { Form } from "@remix-run/react";
import { SubmitButton, TextareaField } from "~/components/form";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";

/** How the two trusts end an active engagement: completed once a session took place, or stopped with a reason. */
export function EngagementEnding({
  heldSessions,
  errors,
  values,
}: {
  heldSessions: number;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const intent = valueOf(values, "intent");
  return (
    <section aria-labelledby="ending-heading">
      <h2 id="ending-heading">End the engagement</h2>
      {heldSessions > 0 ? (
        <details className="nhsuk-details" open={intent === "complete"}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Mark as completed</span>
          </summary>
          <div className="nhsuk-details__text">
            <p>
              Completing closes the request and sets a date for a follow-up re-assessment. Sessions still planned are
              cancelled.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="complete" />
              <TextareaField
                name="note"
                label="Closing note (optional)"
                hint="What was achieved, for the timeline"
                rows={3}
                error={errors?.note}
                defaultValue={intent === "complete" ? valueOf(values, "note") : ""}
              />
              <SubmitButton>Mark as completed</SubmitButton>
            </Form>
          </div>
        </details>
      ) : (
        <p>Once a session has been recorded as held, either trust can mark the engagement as completed.</p>
      )}
      <details className="nhsuk-details" open={intent === "stop"}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Stop the engagement</span>
        </summary>
        <div className="nhsuk-details__text">
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              Stopping is final. The match is cancelled and the request goes back to coordinators to be matched with
              another offer. Sessions still planned are cancelled.
            </p>
          </div>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="stop" />
            <TextareaField
              name="reason"
              label="Why is the engagement stopping?"
              hint="Both trusts and coordinators will see this"
              rows={3}
              error={errors?.reason}
              defaultValue={intent === "stop" ? valueOf(values, "reason") : ""}
            />
            <button className="nhsuk-button nhsuk-button--warning" data-module="nhsuk-button" type="submit">
              Stop the engagement
            </button>
          </Form>
        </div>
      </details>
    </section>
  );
}
