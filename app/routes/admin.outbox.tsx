import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listOutbox, mailTransportConfigured } from "~/models/notification/outbox.server";

export const meta: MetaFunction = () => [{ title: "Mail outbox - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: "outbox:view" });
  return json({ mails: await listOutbox(getDb()), transport: mailTransportConfigured() });
}

export default function Outbox() {
  const { mails, transport } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mail outbox</h1>
      <p>{transport ? "Mail is sent from here by the configured mail service." : "No mail service is configured: mail waits here, and invitation links are also written to the server log."}</p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">The {mails.length} most recent messages</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Created</th>
            <th scope="col" className="nhsuk-table__header">To</th>
            <th scope="col" className="nhsuk-table__header">Subject</th>
            <th scope="col" className="nhsuk-table__header">Sent</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {mails.map((m) => (
            <tr className="nhsuk-table__row" key={m.id}>
              <td className="nhsuk-table__cell">{m.created_at.slice(0, 16).replace("T", " ")}</td>
              <td className="nhsuk-table__cell">{m.to_address}</td>
              <td className="nhsuk-table__cell">{m.subject}</td>
              <td className="nhsuk-table__cell">{m.sent_at ? "Yes" : "Waiting"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
