import { Form } from "@remix-run/react";
import { ErrorSummary, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form";
import { PeopleCountFields } from "~/components/engagement-attendance";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import type { SessionChoices } from "~/models/engagement/sessions.server";
import { plannedField } from "~/schemas/engagement";
import { DATE_HINT } from "~/lib/date-hint";

export const SESSION_FIELD_ORDER = [
  "date",
  "time",
  "durationMinutes",
  "formatCode",
  "location",
  "videoLink",
  "agenda",
  "attendance",
];

/** Planning a session: when, how long, in what format, where or on which link, the agenda and who comes. */
export function SessionPlanForm({
  choices,
  values,
  errors,
}: {
  choices: SessionChoices;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const counts = Object.fromEntries(choices.audiences.map((a) => [a.code, valueOf(values, plannedField(a.code))]));
  const order = [...SESSION_FIELD_ORDER, ...choices.audiences.map((a) => plannedField(a.code))];
  return (
    <>
      <ErrorSummary errors={errors} order={order} />
      <Form method="post" noValidate>
        <TextField
          name="date"
          type="date"
          label="Date"
          hint={DATE_HINT}
          width={10}
          defaultValue={valueOf(values, "date")}
          error={errors?.date}
        />
        <TextField
          name="time"
          type="time"
          label="Start time"
          hint="In England's local time, for example 14:30"
          width={5}
          defaultValue={valueOf(values, "time")}
          error={errors?.time}
        />
        <TextField
          name="durationMinutes"
          label="Length in minutes"
          hint="For example, 90 for an hour and a half"
          width={4}
          defaultValue={valueOf(values, "durationMinutes")}
          error={errors?.durationMinutes}
        />
        <SelectField
          name="formatCode"
          label="Format"
          hint="Virtual sessions need a video link; the others a place to meet"
          options={choices.formats.map((f) => ({ value: f.code, label: f.isVirtual ? `${f.name} (virtual)` : f.name }))}
          defaultValue={valueOf(values, "formatCode")}
          error={errors?.formatCode}
        />
        <TextField
          name="location"
          label="Place"
          hint="Site, building and room. Needed unless the session is virtual."
          defaultValue={valueOf(values, "location")}
          error={errors?.location}
        />
        <TextField
          name="videoLink"
          type="url"
          label="Video link"
          hint="Starting with https://. Needed for a virtual session; optional otherwise, for people joining remotely."
          spellCheck={false}
          defaultValue={valueOf(values, "videoLink")}
          error={errors?.videoLink}
        />
        <TextareaField
          name="agenda"
          label="Agenda (optional)"
          rows={5}
          defaultValue={valueOf(values, "agenda")}
          error={errors?.agenda}
        />
        <PeopleCountFields
          legend="Who will attend"
          hint="How many people you expect from each group. At least one person in total."
          audiences={choices.audiences}
          field={plannedField}
          values={counts}
          errors={errors}
        />
        <SubmitButton>Plan the session</SubmitButton>
      </Form>
    </>
  );
}
