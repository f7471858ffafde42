import type { OutboxState } from "~/models/notification/outbox.server";

interface OutboxRow {
  id: string;
  created_at: string;
  to_address: string;
  subject: string;
  state: OutboxState;
}

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function describeOutboxState(state: OutboxState): string {
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

export function OutboxTable({ mails }: { mails: OutboxRow[] }) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">The {mails.length} most recent messages</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Created
          </th>
          <th scope="col" className="nhsuk-table__header">
            To
          </th>
          <th scope="col" className="nhsuk-table__header">
            Subject
          </th>
          <th scope="col" className="nhsuk-table__header">
            State
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {mails.map((m) => (
          <tr className="nhsuk-table__row" key={m.id}>
            <td className="nhsuk-table__cell">{minute(m.created_at)}</td>
            <td className="nhsuk-table__cell">{m.to_address}</td>
            <td className="nhsuk-table__cell">{m.subject}</td>
            <td className="nhsuk-table__cell">{describeOutboxState(m.state)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
