import { Form } from "@remix-run/react";
import { ChoiceField, ErrorSummary, SubmitButton, TextareaField } from "~/components/form";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { RATINGS } from "~/schemas/engagement";

export const FEEDBACK_FIELD_ORDER = ["usefulness", "preparation", "wouldRecommend", "comment"];

/** One trust's feedback, given once: it cannot be changed afterwards. */
export function FeedbackForm({
  otherName,
  errors,
  values,
}: {
  otherName: string;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const selected = (name: string) => (valueOf(values, name) ? [valueOf(values, name)] : []);
  return (
    <>
      <ErrorSummary errors={errors} order={FEEDBACK_FIELD_ORDER} />
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          {otherName} will not see your feedback until they have given theirs, or 30 days after the engagement ended.
          You cannot change it once it is sent.
        </p>
      </div>
      <Form method="post" noValidate>
        <ChoiceField
          kind="radio"
          name="usefulness"
          legend="How useful was the engagement?"
          hint="1 is not useful at all, 5 is very useful"
          options={RATINGS}
          selected={selected("usefulness")}
          error={errors?.usefulness}
          small
        />
        <ChoiceField
          kind="radio"
          name="preparation"
          legend="How well prepared was it?"
          hint="The agenda, the data shared beforehand and the right people in the room. 1 is poorly, 5 is very well."
          options={RATINGS}
          selected={selected("preparation")}
          error={errors?.preparation}
          small
        />
        <ChoiceField
          kind="radio"
          name="wouldRecommend"
          legend="Would you recommend this kind of engagement to another trust?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          selected={selected("wouldRecommend")}
          error={errors?.wouldRecommend}
          small
        />
        <TextareaField
          name="comment"
          label="Comment (optional)"
          hint="What worked, and what would have made it better"
          rows={5}
          defaultValue={valueOf(values, "comment")}
          error={errors?.comment}
        />
        <SubmitButton>Send feedback</SubmitButton>
      </Form>
    </>
  );
}
