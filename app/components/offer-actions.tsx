import { Form, Link } from "@remix-run/react";
import { ChoiceField, SubmitButton, TextareaField, TextField } from "~/components/form";
import { allows } from "~/domain/offer-rules";
import type { OfferStatus } from "~/domain/offer-availability";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";

/** What the owning pioneer can do with an offer; each form posts its own `intent`. */
export function OfferActions({
  offerId,
  status,
  errors,
  values,
}: {
  offerId: string;
  status: OfferStatus;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  if (status === "closed") return null;
  const intent = valueOf(values, "intent");
  return (
    <>
      <h2>Manage this offer</h2>
      <div className="nhsuk-button-group">
        {allows(status, "resume") ? (
          <Form method="post" className="peerlink-inline-form">
            <input type="hidden" name="intent" value="resume" />
            <SubmitButton>Resume now</SubmitButton>
          </Form>
        ) : null}{" "}
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/offers/${offerId}/edit`}>
          Edit offer
        </Link>
      </div>
      <details className="nhsuk-details" open={intent === "pause"}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            {status === "paused" ? "Change the return date" : "Pause this offer"}
          </span>
        </summary>
        <div className="nhsuk-details__text">
          <p>A paused offer is not matched to requests. It resumes by itself on the return date.</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="pause" />
            <TextField
              name="until"
              type="date"
              label="Return date"
              hint="The first day it can take requests again"
              defaultValue={intent === "pause" ? valueOf(values, "until") : ""}
              error={errors?.until}
            />
            <TextareaField
              name="reason"
              label="Reason"
              hint="For example, staff on leave or winter pressures"
              rows={3}
              defaultValue={intent === "pause" ? valueOf(values, "reason") : ""}
              error={errors?.reason}
            />
            <SubmitButton secondary>Pause offer</SubmitButton>
          </Form>
        </div>
      </details>
      <details className="nhsuk-details" open={intent === "close"}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Close this offer</span>
        </summary>
        <div className="nhsuk-details__text">
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            <p>
              <strong>Closing is final.</strong> A closed offer is never matched again and cannot be reopened. To stop
              for a while, pause it instead.
            </p>
          </div>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="close" />
            <ChoiceField
              kind="checkbox"
              name="confirm"
              legend="Confirm"
              options={[{ value: "1", label: "I understand this offer will close for good" }]}
              error={errors?.confirm}
            />
            <button className="nhsuk-button nhsuk-button--warning" data-module="nhsuk-button" type="submit">
              Close offer
            </button>
          </Form>
        </div>
      </details>
    </>
  );
}
