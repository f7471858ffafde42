import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ChoiceField, SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { RequestStatusTag } from "~/components/request-status-tag";
import { Day } from "~/components/request-time";
import { getDb } from "~/db.server";
import { REQUEST_STATUSES, STATUS_LABELS } from "~/domain/request-lifecycle";
import { listIcbs, listRegions } from "~/models/organisation/organisations.server";
import { browseOpenRequests, requestChoices } from "~/models/request/queries.server";
import { progressOfRequests } from "~/models/request/progress.server";
import { BROWSE_SORTS, browseFiltersSchema, PRIORITIES } from "~/schemas/request";

export const meta: MetaFunction = () => [{ title: "Open help requests - Peerlink" }];

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "request:browse" });
  const filters = browseFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [result, choices, regions, icbs] = await Promise.all([
    browseOpenRequests(db, {
      ...filters,
      pageSize: PAGE_SIZE,
      // "Touching our offers" needs an organisation with offers; coordinators and admins have none.
      touchingOffersOf: filters.ours ? actor.organisationId : null,
      scope: actor.scope,
    }),
    requestChoices(db),
    listRegions(db),
    listIcbs(db),
  ]);
  const progress = await progressOfRequests(
    db,
    result.rows.map((r) => r.id),
  );
  return json({
    ...result,
    rows: result.rows.map((r) => ({ ...r, progress: progress[r.id]?.progress })),
    filters,
    hasOrganisation: actor.organisationId !== null,
    capabilities: choices.capabilities,
    formats: choices.formats,
    regions,
    icbs,
  });
}

const any = (label: string) => ({ value: "", label });

export default function OpenRequests() {
  const { rows, total, filters, hasOrganisation, capabilities, formats, regions, icbs } =
    useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Open help requests</h1>
      <Form method="get" className="peerlink-filters" role="search" aria-label="Filter help requests">
        <TextField
          name="q"
          label="Words in the title, what good looks like, the trust's name or a capability"
          type="search"
          defaultValue={filters.q ?? ""}
        />
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="capability"
              label="Capability"
              defaultValue={filters.capability ?? ""}
              options={[any("Any capability"), ...capabilities.map((c) => ({ value: c.code, label: c.name }))]}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="format"
              label="Format"
              defaultValue={filters.format ?? ""}
              options={[any("Any format"), ...formats.map((f) => ({ value: f.code, label: f.name }))]}
            />
          </div>
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="region"
              label="NHS England region"
              defaultValue={filters.region ?? ""}
              options={[any("Any region"), ...regions.map((r) => ({ value: r.code, label: r.name }))]}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="icb"
              label="Integrated care board"
              defaultValue={filters.icb ?? ""}
              options={[any("Any integrated care board"), ...icbs.map((i) => ({ value: i.code, label: i.name }))]}
            />
          </div>
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="priority"
              label="Priority"
              defaultValue={filters.priority ?? ""}
              options={[any("Any priority"), ...PRIORITIES]}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="status"
              label="Status"
              defaultValue={filters.status}
              options={REQUEST_STATUSES.filter((s) => s !== "draft").map((s) => ({
                value: s,
                label: STATUS_LABELS[s].label,
              }))}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <SelectField name="sort" label="Sort by" defaultValue={filters.sort} options={[...BROWSE_SORTS]} />
          </div>
        </div>
        {hasOrganisation ? (
          <ChoiceField
            kind="checkbox"
            name="ours"
            legend="Our offers"
            small
            options={[{ value: "1", label: "Only requests for capabilities we offer" }]}
            selected={filters.ours ? ["1"] : []}
          />
        ) : null}
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
      </Form>
      <p>
        {total === 0 && filters.q
          ? `No help requests match “${filters.q}” with these filters.`
          : `${total} request${total === 1 ? "" : "s"} found`}
      </p>
      {rows.length > 0 ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Help requests matching the filters</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Request
              </th>
              <th scope="col" className="nhsuk-table__header">
                Capabilities
              </th>
              <th scope="col" className="nhsuk-table__header">
                When
              </th>
              <th scope="col" className="nhsuk-table__header">
                Priority
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((r) => (
              <tr className="nhsuk-table__row" key={r.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/requests/${r.id}`}>{r.title}</Link>
                  <br />
                  <span className="nhsuk-body-s">
                    {r.organisation_name}
                    {r.region_name ? `, ${r.region_name}` : ""}
                  </span>
                </td>
                <td className="nhsuk-table__cell">{r.capabilities.join(", ")}</td>
                <td className="nhsuk-table__cell">
                  <Day date={r.window_start} /> to <Day date={r.window_end} />
                </td>
                <td className="nhsuk-table__cell">
                  {PRIORITIES.find((p) => p.value === r.priority)?.label ?? r.priority}
                </td>
                <td className="nhsuk-table__cell">
                  <RequestStatusTag status={r.status} progress={r.progress} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pagination page={filters.page} pageSize={PAGE_SIZE} total={total} search={search} />
    </>
  );
}
