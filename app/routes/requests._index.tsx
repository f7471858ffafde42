import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { assertCan, forbidden, requireSignedIn } from "~/auth/guards.server";
import { Pagination } from "~/components/pagination";
import { RequestStatusTag } from "~/components/request-status-tag";
import { Day } from "~/components/request-time";
import { getDb } from "~/db.server";
import { listOrganisationRequests } from "~/models/request/queries.server";
import { progressOfRequests } from "~/models/request/progress.server";
import { organisationRef } from "~/models/organisation/organisations.server";
import { TextField } from "~/components/form";
import { ownListSchema } from "~/schemas/request";

export const meta: MetaFunction = () => [{ title: "Our help requests - Peerlink" }];

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const db = getDb();
  const organisation = actor.organisationId ? await organisationRef(db, actor.organisationId) : undefined;
  if (!organisation) throw forbidden("Help requests belong to an organisation, and you are not a member of one.");
  assertCan(actor, { action: "request:view", organisation, submitted: false });
  const { page, q } = ownListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listOrganisationRequests(db, organisation.id, { page, pageSize: PAGE_SIZE, q });
  const progress = await progressOfRequests(
    db,
    result.rows.map((r) => r.id),
  );
  return json({ ...result, rows: result.rows.map((r) => ({ ...r, progress: progress[r.id]?.progress })), page, q });
}

export default function OurRequests() {
  const { rows, total, page, q } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Our help requests</h1>
      <p>Ask pioneer trusts for help with the capabilities you want to build.</p>
      <Link className="nhsuk-button" to="/requests/new">
        Ask for help
      </Link>
      <Form method="get" className="peerlink-filters" role="search" aria-label="Search our help requests">
        <TextField
          name="q"
          label="Words in the title, what good looks like, or a capability"
          type="search"
          defaultValue={q ?? ""}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{q ? `No help requests match “${q}”.` : "Your organisation has not asked for help yet."}</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">
            {total} request{total === 1 ? "" : "s"}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Title
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
              <th scope="col" className="nhsuk-table__header">
                When
              </th>
              <th scope="col" className="nhsuk-table__header">
                Last changed
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((r) => (
              <tr className="nhsuk-table__row" key={r.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/requests/${r.id}`}>{r.title}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  <RequestStatusTag status={r.status} progress={r.progress} />
                </td>
                <td className="nhsuk-table__cell">
                  <Day date={r.window_start} /> to <Day date={r.window_end} />
                </td>
                <td className="nhsuk-table__cell">
                  <Day date={r.updated_at.slice(0, 10)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={search} />
    </>
  );
}
