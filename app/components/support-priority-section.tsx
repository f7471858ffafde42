import { Form } from "@remix-run/react";
import { SubmitButton, TextField } from "~/components/form";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";

/** Coordinators flag a trust as a priority for support, which rounds can favour ("Give priority to greatest need"). */
export function SupportPrioritySection({
  reason,
  errors,
  values,
}: {
  reason: string | null;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  return (
    <section aria-labelledby="support-priority">
      <h2 id="support-priority">Priority for support</h2>
      {reason ? (
        <Form method="post" noValidate>
          <p>Flagged: {reason}.</p>
          <SubmitButton name="intent" value="clear-priority" secondary>
            Clear the flag
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="flag-priority" />
          <TextField
            name="priorityReason"
            label="Why is this trust a priority for support?"
            hint="For example, Recovery Support Programme. Rounds run with 'Give priority to greatest need' favour its requests."
            defaultValue={valueOf(values, "priorityReason")}
            error={errors?.priorityReason}
            width={30}
          />
          <SubmitButton secondary>Flag as a priority for support</SubmitButton>
        </Form>
      )}
    </section>
  );
}
