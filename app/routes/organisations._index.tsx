import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ChoiceField, SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { ORGANISATION_TYPES } from "~/domain/organisation-types";
import { listIcbs, listRegions, searchOrganisations } from "~/models/organisation/organisations.server";
import { organisationFiltersSchema } from "~/schemas/organisation";

export const meta: MetaFunction = () => [{ title: "Organisations - Peerlink" }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: "organisation:list" });
  const url = new URL(request.url);
  const filters = organisationFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const [result, regions, icbs] = await Promise.all([
    searchOrganisations(db, { ...filters, pageSize: PAGE_SIZE }),
    listRegions(db),
    listIcbs(db),
  ]);
  return json({ ...result, filters, regions, icbs });
}

export default function Organisations() {
  const { rows, total, filters, regions, icbs } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Organisations</h1>
      <Form method="get" className="peerlink-filters" role="search" aria-label="Filter organisations">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextField name="q" label="Name or ODS code" type="search" defaultValue={filters.q ?? ""} />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="type"
              label="Type"
              defaultValue={filters.type ?? ""}
              options={[{ value: "", label: "Any type" }, ...ORGANISATION_TYPES]}
            />
          </div>
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="region"
              label="NHS England region"
              defaultValue={filters.region ?? ""}
              options={[{ value: "", label: "Any region" }, ...regions.map((r) => ({ value: r.code, label: r.name }))]}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="icb"
              label="Integrated care board"
              defaultValue={filters.icb ?? ""}
              options={[
                { value: "", label: "Any integrated care board" },
                ...icbs.map((i) => ({ value: i.code, label: i.name })),
              ]}
            />
          </div>
        </div>
        <ChoiceField
          kind="checkbox"
          name="pioneer"
          legend="Outreach"
          small
          options={[{ value: "1", label: "Only pioneer trusts offering outreach" }]}
          selected={filters.pioneer ? ["1"] : []}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
      </Form>
      <p>
        {total} organisation{total === 1 ? "" : "s"} found
      </p>
      {rows.length > 0 ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Organisations matching the filters</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Name
              </th>
              <th scope="col" className="nhsuk-table__header">
                ODS code
              </th>
              <th scope="col" className="nhsuk-table__header">
                Region
              </th>
              <th scope="col" className="nhsuk-table__header">
                Integrated care board
              </th>
              <th scope="col" className="nhsuk-table__header">
                Pioneer
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((o) => (
              <tr className="nhsuk-table__row" key={o.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td className="nhsuk-table__cell">{o.ods_code}</td>
                <td className="nhsuk-table__cell">{o.region_name ?? "Not known"}</td>
                <td className="nhsuk-table__cell">{o.icb_name ?? "Not known"}</td>
                <td className="nhsuk-table__cell">{o.offers_outreach ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pagination page={filters.page} pageSize={PAGE_SIZE} total={total} search={search} />
    </>
  );
}
