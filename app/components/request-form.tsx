import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { ChoiceField, ErrorSummary, TextareaField, TextField } from "~/components/form";
import { valueOf, valuesOf, type FieldErrors, type FormValues } from "~/lib/forms";
import { BUDGETS, PRIORITIES, REQUEST_FIELD_ORDER, TRAVEL_LIMITS } from "~/schemas/request";

export interface RequestChoices {
  capabilities: { id: string; name: string; domain_name: string }[];
  audiences: { code: string; name: string; description: string }[];
  formats: { code: string; name: string; description: string }[];
}

/** The help request form, shared by "new" and "edit"; the page supplies the buttons. */
export function RequestForm({
  values,
  errors,
  choices,
  capabilityHint,
  preferredOffer,
  children,
}: {
  values: FormValues;
  errors?: FieldErrors;
  choices: RequestChoices;
  capabilityHint: ReactNode;
  /** "Ask for this offer": the offer the request starts from, a box the requester can untick. */
  preferredOffer?: { id: string; title: string; organisationName: string; selected: boolean; error?: string };
  children: ReactNode;
}) {
  return (
    <>
      <ErrorSummary errors={errors} order={["preferredOfferId", ...REQUEST_FIELD_ORDER]} />
      <Form method="post" noValidate>
        {preferredOffer ? (
          <ChoiceField
            kind="checkbox"
            name="preferredOfferId"
            legend="The offer you are asking for"
            hint="Coordinators see it when they match requests to offers."
            options={[
              {
                value: preferredOffer.id,
                label: `Asked for: ${preferredOffer.title} (${preferredOffer.organisationName})`,
              },
            ]}
            selected={preferredOffer.selected ? [preferredOffer.id] : []}
            error={preferredOffer.error}
          />
        ) : null}
        <TextField
          name="title"
          label="Title"
          hint="A short name for the help you need"
          defaultValue={valueOf(values, "title")}
          error={errors?.title}
        />
        <ChoiceField
          kind="checkbox"
          name="capabilityIds"
          legend="Which capabilities do you need help with?"
          hint={capabilityHint}
          options={choices.capabilities.map((c) => ({ value: c.id, label: c.name, hint: c.domain_name }))}
          selected={valuesOf(values, "capabilityIds")}
          error={errors?.capabilityIds}
        />
        <TextareaField
          name="outcome"
          label="What would good look like?"
          hint="Describe what will be different once the help has worked, and how you will know"
          defaultValue={valueOf(values, "outcome")}
          error={errors?.outcome}
        />
        <ChoiceField
          kind="checkbox"
          name="audienceCodes"
          legend="Who needs to learn?"
          hint="Select all that apply"
          options={choices.audiences.map((a) => ({ value: a.code, label: a.name, hint: a.description || undefined }))}
          selected={valuesOf(values, "audienceCodes")}
          error={errors?.audienceCodes}
        />
        <ChoiceField
          kind="checkbox"
          name="formatCodes"
          legend="Which formats would you accept?"
          hint="Select all that apply"
          options={choices.formats.map((f) => ({ value: f.code, label: f.name, hint: f.description || undefined }))}
          selected={valuesOf(values, "formatCodes")}
          error={errors?.formatCodes}
        />
        <TextField
          name="windowStart"
          type="date"
          label="Earliest start date"
          hint="The help should take place between this date and the end date"
          defaultValue={valueOf(values, "windowStart")}
          error={errors?.windowStart}
        />
        <TextField
          name="windowEnd"
          type="date"
          label="Latest end date"
          defaultValue={valueOf(values, "windowEnd")}
          error={errors?.windowEnd}
        />
        <ChoiceField
          kind="radio"
          name="virtualOk"
          legend="Would a virtual session be acceptable?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No, it needs to be in person" },
          ]}
          selected={valuesOf(values, "virtualOk")}
          error={errors?.virtualOk}
        />
        <ChoiceField
          kind="radio"
          name="travelLimit"
          legend="How far can your people travel?"
          options={TRAVEL_LIMITS}
          selected={valuesOf(values, "travelLimit")}
          error={errors?.travelLimit}
        />
        <ChoiceField
          kind="radio"
          name="budget"
          legend="What is the most you can pay?"
          options={BUDGETS}
          selected={valuesOf(values, "budget")}
          error={errors?.budget}
        />
        <ChoiceField
          kind="radio"
          name="priority"
          legend="How urgent is this for you?"
          options={PRIORITIES}
          selected={valuesOf(values, "priority")}
          error={errors?.priority}
        />
        {children}
      </Form>
    </>
  );
}
