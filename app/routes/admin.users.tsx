import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listUsers } from "~/models/account/users.server";

export const meta: MetaFunction = () => [{ title: "Users - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "user:list" });
  return json({ users: await listUsers(getDb()), selfId: actor.id });
}

export default function Users() {
  const { users, selfId } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Users</h1>
      <Link className="nhsuk-button" to="/invitations/new">
        Invite someone
      </Link>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">{users.length} users</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Name
            </th>
            <th scope="col" className="nhsuk-table__header">
              Email
            </th>
            <th scope="col" className="nhsuk-table__header">
              Role
            </th>
            <th scope="col" className="nhsuk-table__header">
              Belongs to
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {users.map((u) => (
            <tr className="nhsuk-table__row" key={u.id}>
              <td className="nhsuk-table__cell">
                {u.name}
                {u.id === selfId || u.email.endsWith("@invalid") ? null : (
                  <Link
                    className="nhsuk-link nhsuk-u-font-size-16 nhsuk-u-margin-left-2"
                    to={`/admin/users/${u.id}/erase`}
                  >
                    Erase<span className="nhsuk-u-visually-hidden"> {u.name}</span>
                  </Link>
                )}
              </td>
              <td className="nhsuk-table__cell">{u.email}</td>
              <td className="nhsuk-table__cell">{u.role.replace("_", " ")}</td>
              <td className="nhsuk-table__cell">{u.organisation_name ?? u.coordinating_body_name ?? "The service"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
