import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/lib/forms";
import type { LibraryFilters } from "~/schemas/learning";
import { SelectField, TextField } from "./form";
import { DATE_HINT } from "~/lib/date-hint";

export interface LibraryChoices {
  capabilities: { id: string; name: string }[];
  formats: { code: string; name: string }[];
  regions: { code: string; name: string }[];
}

const anyOf = (label: string, items: { value: string; label: string }[]) => [{ value: "", label }, ...items];

/** The library's search: a GET form, so every search has an address that can be shared. */
export function LearningSearchForm({
  filters,
  choices,
  errors,
}: {
  filters: LibraryFilters;
  choices: LibraryChoices;
  errors?: FieldErrors;
}) {
  return (
    <Form method="get" className="peerlink-filters" role="search" aria-label="Search the learning library">
      <TextField
        name="q"
        type="search"
        label="Words to search for"
        hint="For example: discharge huddles, or run charts"
        defaultValue={filters.q}
        spellCheck={false}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <SelectField
            name="capability"
            label="Capability"
            defaultValue={filters.capability[0] ?? ""}
            options={anyOf(
              "Any capability",
              choices.capabilities.map((c) => ({ value: c.id, label: c.name })),
            )}
          />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <SelectField
            name="format"
            label="Format"
            defaultValue={filters.format[0] ?? ""}
            options={anyOf(
              "Any format",
              choices.formats.map((f) => ({ value: f.code, label: f.name })),
            )}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <SelectField
            name="region"
            label="NHS England region of either trust"
            defaultValue={filters.region}
            options={anyOf(
              "Any region",
              choices.regions.map((r) => ({ value: r.code, label: r.name })),
            )}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <TextField
            name="from"
            type="date"
            label="Recorded from"
            hint={DATE_HINT}
            defaultValue={filters.from}
            error={errors?.from}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <TextField
            name="to"
            type="date"
            label="Recorded up to"
            hint={DATE_HINT}
            defaultValue={filters.to}
            error={errors?.to}
          />
        </div>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Search
      </button>
    </Form>
  );
}
