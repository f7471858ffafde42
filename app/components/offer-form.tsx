import { Form } from "@remix-run/react";
import { ChoiceField, ErrorSummary, SubmitButton, TextareaField, TextField } from "~/components/form";
import { OfferCapabilitiesField, type CapabilityChoice } from "~/components/offer-capabilities-field";
import { OfferWindowsField } from "~/components/offer-windows-field";
import { valueOf, valuesOf, type FieldErrors, type FormValues } from "~/lib/forms";
import {
  COST_MODELS,
  evidenceField,
  MAX_CAPACITY,
  MAX_WINDOWS,
  windowEndField,
  windowStartField,
} from "~/schemas/offer";

export interface OfferChoices {
  capabilities: CapabilityChoice[];
  formats: { code: string; name: string; description: string; is_virtual: number }[];
  audiences: { code: string; name: string; description: string }[];
}

/** What an existing offer looks like as form values, for the edit page. */
export function offerFormValues(offer: {
  title: string;
  description: string;
  capabilities: { id: string; evidence: string }[];
  formatCode: string;
  audiences: { code: string }[];
  capacityPerQuarter: number;
  costModel: string;
  feePence: number | null;
  virtualOk: boolean;
  windows: { start: string; end: string }[];
  contactName: string;
  contactEmail: string;
}): FormValues {
  const values: FormValues = {
    title: offer.title,
    description: offer.description,
    capabilityIds: offer.capabilities.map((c) => c.id),
    formatCode: offer.formatCode,
    audienceCodes: offer.audiences.map((a) => a.code),
    capacityPerQuarter: String(offer.capacityPerQuarter),
    costModel: offer.costModel,
    feePounds: offer.feePence === null ? "" : (offer.feePence / 100).toFixed(offer.feePence % 100 === 0 ? 0 : 2),
    virtualOk: offer.virtualOk ? "1" : "",
    contactName: offer.contactName,
    contactEmail: offer.contactEmail,
  };
  for (const c of offer.capabilities) values[evidenceField(c.id)] = c.evidence;
  offer.windows.forEach((w, i) => {
    values[windowStartField(i + 1)] = w.start;
    values[windowEndField(i + 1)] = w.end;
  });
  return values;
}

/** Errors listed in the order the fields appear. */
const errorOrder = (choices: OfferChoices) => [
  "title",
  "description",
  "capabilityIds",
  ...choices.capabilities.map((c) => evidenceField(c.id)),
  "formatCode",
  "audienceCodes",
  "capacityPerQuarter",
  "costModel",
  "feePounds",
  "virtualOk",
  ...Array.from({ length: MAX_WINDOWS }, (_, i) => [windowStartField(i + 1), windowEndField(i + 1)]).flat(),
  "contactName",
  "contactEmail",
];

/** Goes at the top of the page, above the heading. */
export function OfferErrorSummary({ errors, choices }: { errors?: FieldErrors; choices: OfferChoices }) {
  return <ErrorSummary errors={errors} order={errorOrder(choices)} />;
}

/** The pioneer's offer form, used to publish and to edit. */
export function OfferForm({
  values,
  errors,
  choices,
  maturity,
  location,
  submitLabel,
}: {
  values: FormValues;
  errors?: FieldErrors;
  choices: OfferChoices;
  maturity: Record<string, number> | null;
  /** Where the offer is based: the organisation's region and integrated care board. */
  location: string;
  submitLabel: string;
}) {
  return (
    <Form method="post" noValidate>
      <TextField
        name="title"
        label="Title"
        hint="A short name requesting trusts will recognise, like 'Board-to-board visit on our quality management system'"
        defaultValue={valueOf(values, "title")}
        error={errors?.title}
      />
      <TextareaField
        name="description"
        label="Description"
        hint="What happens, who from your trust takes part, and what the other trust should prepare"
        defaultValue={valueOf(values, "description")}
        error={errors?.description}
        rows={6}
      />
      <OfferCapabilitiesField
        capabilities={choices.capabilities}
        selected={valuesOf(values, "capabilityIds")}
        values={values}
        errors={errors}
        maturity={maturity}
      />
      <ChoiceField
        kind="radio"
        name="formatCode"
        legend="Format"
        options={choices.formats.map((f) => ({ value: f.code, label: f.name, hint: f.description || undefined }))}
        selected={valuesOf(values, "formatCode")}
        error={errors?.formatCode}
      />
      <ChoiceField
        kind="checkbox"
        name="audienceCodes"
        legend="Who it is for"
        hint="Select every audience level the offer suits"
        options={choices.audiences.map((a) => ({ value: a.code, label: a.name, hint: a.description || undefined }))}
        selected={valuesOf(values, "audienceCodes")}
        error={errors?.audienceCodes}
      />
      <TextField
        name="capacityPerQuarter"
        label="Capacity"
        hint={`How many requests you can take each quarter of the financial year (April to June, July to September, and so on), from 1 to ${MAX_CAPACITY}`}
        width={3}
        defaultValue={valueOf(values, "capacityPerQuarter")}
        error={errors?.capacityPerQuarter}
      />
      <ChoiceField
        kind="radio"
        name="costModel"
        legend="Cost to the requesting trust"
        options={COST_MODELS.map((c) => ({ value: c.value, label: c.label }))}
        selected={valuesOf(values, "costModel")}
        error={errors?.costModel}
      />
      <TextField
        name="feePounds"
        label="Amount in pounds (£)"
        hint="What the requesting trust pays, for a fee or cost recovery, for example 250 or 99.50. Leave blank for a free offer."
        width={5}
        defaultValue={valueOf(values, "feePounds")}
        error={errors?.feePounds}
      />
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>Location: {location}. This comes from your organisation&apos;s record.</p>
      </div>
      <ChoiceField
        kind="checkbox"
        name="virtualOk"
        legend="Running it online"
        options={[{ value: "1", label: "We can also run this offer virtually" }]}
        selected={valuesOf(values, "virtualOk")}
        error={errors?.virtualOk}
      />
      <OfferWindowsField values={values} errors={errors} />
      <h2 className="nhsuk-heading-m">Contact person</h2>
      <TextField
        name="contactName"
        label="Name"
        autoComplete="name"
        defaultValue={valueOf(values, "contactName")}
        error={errors?.contactName}
      />
      <TextField
        name="contactEmail"
        label="Email address"
        type="email"
        autoComplete="email"
        spellCheck={false}
        defaultValue={valueOf(values, "contactEmail")}
        error={errors?.contactEmail}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
