import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { AutocompleteSelectField } from "~/components/autocomplete-select";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { AUDIT_KINDS } from "~/domain/audit-kinds";
import { formatDateTimeInEngland } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import {
  AUDIT_PAGE_SIZE,
  auditedOrganisations,
  listAuditEvents,
  type AuditEventView,
} from "~/models/audit/events.server";
import { readAuditFilters, type AuditFilterValues } from "~/schemas/audit";
import { pageNumber } from "~/schemas/page";

/* eslint-disable jsx-a11y/no-redundant-roles, jsx-a11y/no-interactive-element-to-noninteractive-role --
   NHS.UK responsive tables name every role: at phone widths the cells are laid out as blocks, and
   browsers drop a table's semantics when its display changes unless the roles are explicit. */

export const meta: MetaFunction = () => [{ title: "Audit log - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "audit:read" });
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const organisations = await auditedOrganisations(db, actor);
  const read = readAuditFilters(params);
  if (!read.ok)
    return json(
      {
        errors: read.errors,
        values: read.values,
        organisations,
        events: [],
        total: 0,
        page: 1,
        pageSize: AUDIT_PAGE_SIZE,
        csvQuery: "",
      },
      { status: 400 },
    );
  const page = pageNumber.parse(params.get("page"));
  const { events, total } = await listAuditEvents(db, actor, read.filters, page);
  const csvQuery = new URLSearchParams(Object.entries(read.values).filter(([, value]) => value !== "")).toString();
  // The page size travels with the data: the model that sets it is server-only.
  return json({
    errors: null,
    values: read.values,
    organisations,
    events,
    total,
    page,
    pageSize: AUDIT_PAGE_SIZE,
    csvQuery,
  });
}

export default function AuditLog() {
  const { errors, values, organisations, events, total, page, pageSize, csvQuery } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>Audit log</h1>
      <p>
        Security and administrative events, newest first: sign-ins, two-factor and password changes, invitations, and
        changes to organisations, the capability framework, pioneer status and matching. Nothing here can be changed or
        deleted.
      </p>
      <AuditFilterForm values={values} errors={errors ?? undefined} organisations={organisations} />
      {errors ? null : (
        <>
          <p>
            {total === 0 ? "No events match." : total === 1 ? "1 event matches." : `${total} events match.`}{" "}
            {total > 0 ? (
              <a className="nhsuk-link" href={`/admin/audit/csv${csvQuery ? `?${csvQuery}` : ""}`} download>
                Download {total === 1 ? "it" : `all ${total}`} as CSV
              </a>
            ) : null}
          </p>
          {events.length > 0 ? <AuditTable events={events} /> : null}
          <Pagination page={page} pageSize={pageSize} total={total} search={location.search} />
        </>
      )}
    </>
  );
}

function AuditFilterForm({
  values,
  errors,
  organisations,
}: {
  values: AuditFilterValues;
  errors?: FieldErrors;
  organisations: { id: string; name: string }[];
}) {
  return (
    <>
      <ErrorSummary errors={errors} order={["person", "organisation", "kind", "from", "to"]} />
      <Form method="get" className="peerlink-filters" aria-label="Filter the audit log">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextField
              name="person"
              type="search"
              label="Person"
              hint="Part of a name or email address: who acted or whom the event is about"
              defaultValue={values.person}
              spellCheck={false}
              error={errors?.person}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <AutocompleteSelectField
              name="organisation"
              label="Organisation"
              defaultValue={values.organisation}
              error={errors?.organisation}
              options={[
                { value: "", label: "Any organisation" },
                ...organisations.map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
          </div>
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="kind"
              label="Kind of event"
              defaultValue={values.kind}
              error={errors?.kind}
              options={[
                { value: "", label: "Any kind" },
                ...Object.entries(AUDIT_KINDS).map(([value, label]) => ({ value, label })),
              ]}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextField
              name="from"
              type="date"
              label="From"
              hint="First day"
              defaultValue={values.from}
              error={errors?.from}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextField name="to" type="date" label="To" hint="Last day" defaultValue={values.to} error={errors?.to} />
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show events
        </button>
      </Form>
    </>
  );
}

function Cell({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <td role="cell" className="nhsuk-table__cell">
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{" "}
      </span>
      <span>{children}</span>
    </td>
  );
}

function AuditTable({ events }: { events: AuditEventView[] }) {
  const headings = ["When", "Event", "Who", "About whom", "Organisation", "From where", "What"];
  return (
    <table role="table" className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Audit events, newest first</caption>
      <thead role="rowgroup" className="nhsuk-table__head">
        <tr role="row" className="nhsuk-table__row">
          {headings.map((h) => (
            <th key={h} scope="col" role="columnheader" className="nhsuk-table__header">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className="nhsuk-table__body">
        {events.map((e) => (
          <tr role="row" className="nhsuk-table__row" key={e.id}>
            <Cell heading="When">{formatDateTimeInEngland(e.occurredAt)}</Cell>
            <Cell heading="Event">{e.kindLabel}</Cell>
            <Cell heading="Who">{e.who}</Cell>
            <Cell heading="About whom">{e.about ?? ""}</Cell>
            <Cell heading="Organisation">{e.organisation ?? ""}</Cell>
            <Cell heading="From where">{e.clientAddress ?? "not known"}</Cell>
            <Cell heading="What">{e.detail ?? ""}</Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
