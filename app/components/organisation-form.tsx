import { Form } from "@remix-run/react";
import { ChoiceField, ErrorSummary, SelectField, SubmitButton, TextField } from "./form";
import { ORGANISATION_TYPES as TYPES } from "~/domain/organisation-types";
import { valueOf, valuesOf, type FieldErrors, type FormValues } from "~/lib/forms";

interface Place {
  code: string;
  name: string;
}

/** The administrator's full organisation form, used to create and to edit. */
export function OrganisationForm({
  values,
  errors,
  regions,
  icbs,
  submitLabel,
}: {
  values: FormValues;
  errors?: FieldErrors;
  regions: Place[];
  icbs: Place[];
  submitLabel: string;
}) {
  const flags = valuesOf(values, "flags");
  return (
    <>
      <ErrorSummary
        errors={errors}
        order={["odsCode", "name", "type", "regionCode", "icbCode", "address", "postcode"]}
      />
      <Form method="post" noValidate>
        <TextField
          name="odsCode"
          label="ODS code"
          width={5}
          defaultValue={valueOf(values, "odsCode")}
          error={errors?.odsCode}
          spellCheck={false}
        />
        <TextField name="name" label="Name" defaultValue={valueOf(values, "name")} error={errors?.name} />
        <SelectField
          name="type"
          label="Type"
          defaultValue={valueOf(values, "type") || "other"}
          error={errors?.type}
          options={TYPES}
        />
        <SelectField
          name="regionCode"
          label="NHS England region"
          defaultValue={valueOf(values, "regionCode")}
          error={errors?.regionCode}
          options={[{ value: "", label: "Select a region" }, ...regions.map((r) => ({ value: r.code, label: r.name }))]}
        />
        <SelectField
          name="icbCode"
          label="Integrated care board"
          defaultValue={valueOf(values, "icbCode")}
          error={errors?.icbCode}
          options={[{ value: "", label: "Not known" }, ...icbs.map((i) => ({ value: i.code, label: i.name }))]}
        />
        <TextField name="address" label="Address" defaultValue={valueOf(values, "address")} error={errors?.address} />
        <TextField
          name="postcode"
          label="Postcode"
          width={10}
          defaultValue={valueOf(values, "postcode")}
          error={errors?.postcode}
        />
        <ChoiceField
          kind="checkbox"
          name="flags"
          id="flags"
          legend="About this organisation"
          options={[
            { value: "isFoundationTrust", label: "Foundation trust" },
            { value: "active", label: "Open (not closed)" },
            { value: "seeksHelp", label: "Seeks help with improvement" },
            { value: "offersOutreach", label: "Offers outreach (pioneer)" },
          ]}
          selected={flags}
        />
        <SubmitButton>{submitLabel}</SubmitButton>
      </Form>
    </>
  );
}
