import { Form, Link } from "@remix-run/react";
import { SubmitButton, TextareaField } from "~/components/form";
import { MultilineText } from "~/components/request-timeline";
import type { RequestActions as Allowed } from "~/domain/request-lifecycle";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";

/** The forms for what the viewer may do now; each posts its own `intent`. */
export function RequestActions({
  requestId,
  allowed,
  latestQuestion,
  errors,
  values,
}: {
  requestId: string;
  allowed: Allowed;
  latestQuestion: string | null;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  if (!Object.values(allowed).some(Boolean)) return null;
  return (
    <>
      <h2>What you can do</h2>
      {allowed.answer ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="answer" />
          {latestQuestion ? (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>
                A coordinator asked: <MultilineText text={latestQuestion} />
              </p>
            </div>
          ) : null}
          <TextareaField
            name="answer"
            label="Your answer"
            hint="Sending your answer puts the request back in the queue for matching. To change the request itself, edit it first."
            defaultValue={valueOf(values, "answer")}
            error={errors?.answer}
          />
          <SubmitButton>Send answer and resubmit</SubmitButton>
        </Form>
      ) : null}
      {allowed.ask ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="ask" />
          <TextareaField
            name="question"
            label="Ask the trust for more information"
            hint="The request leaves the matching queue until the trust answers. Everyone at the trust is emailed your question."
            defaultValue={valueOf(values, "question")}
            error={errors?.question}
          />
          <SubmitButton>Ask for more information</SubmitButton>
        </Form>
      ) : null}
      {allowed.edit || allowed.submit ? (
        <div className="nhsuk-button-group">
          {allowed.submit ? (
            <Form method="post" className="peerlink-inline-form">
              <input type="hidden" name="intent" value="submit" />
              <SubmitButton>Submit request</SubmitButton>
            </Form>
          ) : null}{" "}
          {allowed.edit ? (
            <Link className="nhsuk-button nhsuk-button--secondary" to={`/requests/${requestId}/edit`}>
              Edit request
            </Link>
          ) : null}
        </div>
      ) : null}
      {allowed.withdraw ? (
        <details className="nhsuk-details" open={Boolean(errors?.reason)}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Withdraw this request</span>
          </summary>
          <div className="nhsuk-details__text">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="withdraw" />
              <TextareaField
                name="reason"
                label="Why are you withdrawing it? (optional)"
                defaultValue={valueOf(values, "reason")}
                error={errors?.reason}
                rows={3}
              />
              <button className="nhsuk-button nhsuk-button--warning" data-module="nhsuk-button" type="submit">
                Withdraw request
              </button>
            </Form>
          </div>
        </details>
      ) : null}
    </>
  );
}
