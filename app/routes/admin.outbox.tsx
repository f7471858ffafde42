import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listOutbox, mailTransportConfigured, type OutboxState } from "~/models/notification/outbox.server";

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
      <p>
        {transport
          ? "Mail is sent from here by the configured mail service, within seconds of being queued. A temporary failure is tried again later; a permanent one is shown with its reason."
          : "No mail service is configured (set SMTP_URL, or NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID): mail waits here, and invitation links are shown to the person who invited and written to the server log."}
      </p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">The {mails.length} most recent messages</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Created</th>
            <th scope="col" className="nhsuk-table__header">To</th>
            <th scope="col" className="nhsuk-table__header">Subject</th>
            <th scope="col" className="nhsuk-table__header">State</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {mails.map((m) => (
            <tr className="nhsuk-table__row" key={m.id}>
              <td className="nhsuk-table__cell">{m.created_at.slice(0, 16).replace("T", " ")}</td>
              <td className="nhsuk-table__cell">{m.to_address}</td>
              <td className="nhsuk-table__cell">{m.subject}</td>
              <td className="nhsuk-table__cell">{describeState(m.state)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function describeState(state: OutboxState): string {
  switch (state.kind) {
    case "queued":
      return "Queued";
    case "sending":
      return "Sending";
    case "sent":
      return `Sent ${minute(state.at)}`;
    case "retrying":
      return `Retrying at ${minute(state.at)} (${state.reason})`;
    case "failed":
      return `Failed: ${state.reason}`;
  }
}
