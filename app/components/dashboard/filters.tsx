import { Form } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import type { FieldErrors } from "~/lib/forms";

/** The period, and for a national view the region, as a GET form so every view can be bookmarked and shared. */
export function DashboardFilters({
  values,
  errors,
  regions,
}: {
  values: { from: string; to: string; region: string };
  errors?: FieldErrors;
  regions: { code: string; name: string }[] | null;
}) {
  return (
    <>
      <ErrorSummary errors={errors} order={["from", "to", "region"]} />
      <Form method="get" className="peerlink-filters" aria-label="Choose the period and area">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <TextField
              name="from"
              type="date"
              label="From"
              hint="Start of the period"
              defaultValue={values.from}
              error={errors?.from}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextField
              name="to"
              type="date"
              label="To"
              hint="End of the period"
              defaultValue={values.to}
              error={errors?.to}
            />
          </div>
          {regions ? (
            <div className="nhsuk-grid-column-one-third">
              <SelectField
                name="region"
                label="Region"
                hint="All of England or one region"
                defaultValue={values.region}
                error={errors?.region}
                options={[
                  { value: "", label: "All of England" },
                  ...regions.map((r) => ({ value: r.code, label: r.name })),
                ]}
              />
            </div>
          ) : null}
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Show figures
        </button>
      </Form>
    </>
  );
}
