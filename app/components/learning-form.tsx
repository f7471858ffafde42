import { Form } from "@remix-run/react";
import type { FieldErrors, FormValues } from "~/lib/forms";
import { valueOf, valuesOf } from "~/lib/forms";
import { LEARNING_FIELD_ORDER, linkTitleField, linkUrlField, VISIBILITIES } from "~/schemas/learning";
import { ChoiceField, ErrorSummary, SubmitButton, TextareaField, TextField } from "./form";
import { LearningActionsField } from "./learning-actions-field";
import { LearningLinksField } from "./learning-links-field";

export interface LearningCapabilityChoice {
  id: string;
  name: string;
  domain_name: string;
}

/** An existing entry as form values, for the edit page. */
export function learningFormValues(entry: {
  title: string;
  insight: string;
  visibility: string;
  capabilities: { id: string }[];
  links: { title: string; url: string }[];
}): FormValues {
  const values: FormValues = {
    title: entry.title,
    insight: entry.insight,
    visibility: entry.visibility,
    capabilityIds: entry.capabilities.map((c) => c.id),
  };
  entry.links.forEach((link, i) => {
    values[linkTitleField(i + 1)] = link.title;
    values[linkUrlField(i + 1)] = link.url;
  });
  return values;
}

/** Goes at the top of the page, above the heading; messages in the order the fields appear. */
export function LearningErrorSummary({ errors }: { errors?: FieldErrors }) {
  return <ErrorSummary errors={errors} order={LEARNING_FIELD_ORDER} />;
}

/** Recording or editing a learning entry. Actions are part of recording only; afterwards they are kept up to date on the entry's page. */
export function LearningForm({
  values,
  errors,
  capabilities,
  withActions,
  submitLabel,
}: {
  values: FormValues;
  errors?: FieldErrors;
  capabilities: LearningCapabilityChoice[];
  withActions: boolean;
  submitLabel: string;
}) {
  return (
    <Form method="post" noValidate>
      <TextField
        name="title"
        label="Title"
        hint="A short summary someone else could find, like 'Daily huddles cut discharge delays'"
        defaultValue={valueOf(values, "title")}
        error={errors?.title}
      />
      <TextareaField
        name="insight"
        label="What was learned"
        hint="What you saw or heard, what worked and why, and what you will do differently"
        rows={8}
        defaultValue={valueOf(values, "insight")}
        error={errors?.insight}
      />
      <ChoiceField
        kind="checkbox"
        name="capabilityIds"
        legend="Capabilities this is about"
        hint="Select every capability this learning relates to"
        options={capabilities.map((c) => ({ value: c.id, label: c.name, hint: c.domain_name }))}
        selected={valuesOf(values, "capabilityIds")}
        error={errors?.capabilityIds}
        small
      />
      <ChoiceField
        kind="radio"
        name="visibility"
        legend="Who can read it"
        options={VISIBILITIES.map((v) => ({ value: v.value, label: v.label, hint: v.hint }))}
        selected={valuesOf(values, "visibility")}
        error={errors?.visibility}
      />
      <LearningLinksField values={values} errors={errors} />
      {withActions ? <LearningActionsField values={values} errors={errors} /> : null}
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
