import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import type { UserRole } from "../../db/schema";

/* eslint-disable jsx-a11y/no-redundant-roles, jsx-a11y/no-interactive-element-to-noninteractive-role --
   NHS.UK responsive tables name every role: at phone widths the cells are laid out as blocks, and
   browsers drop a table's semantics when its display changes unless the roles are explicit. */

export const ROLE_LABELS: Record<UserRole, string> = {
  member: "Member",
  org_admin: "Organisation administrator",
  coordinator: "Coordinator",
  admin: "Service administrator",
};

const STATE_TAGS: Record<string, { label: string; colour: string }> = {
  active: { label: "Active", colour: "green" },
  disabled: { label: "Disabled", colour: "grey" },
  invited: { label: "Invited", colour: "blue" },
  "invitation expired": { label: "Invitation expired", colour: "orange" },
};

export function AccountStateTag({ state }: { state: string }) {
  const tag = STATE_TAGS[state] ?? { label: state, colour: "grey" };
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}

export interface PersonRow {
  id: string;
  kind: "account" | "invitation";
  name: string;
  email: string;
  role: UserRole;
  belongs_to: string | null;
  state: string;
  lastSignIn: string | null;
}

function Cell({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <td role="cell" className="nhsuk-table__cell">
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{" "}
      </span>
      <span>{children}</span>
    </td>
  );
}

/** People and waiting invitations as an NHS.UK responsive table: rows become cards on narrow screens. */
export function PeopleTable({ rows, caption, action }: { rows: PersonRow[]; caption: string; action: string }) {
  const headings = ["Name", "Email", "Role", "Organisation", "State", "Last sign-in", "Actions"];
  return (
    <table role="table" className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead role="rowgroup" className="nhsuk-table__head">
        <tr role="row">
          {headings.map((h) => (
            <th role="columnheader" scope="col" className="nhsuk-table__header" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((r) => (
          <tr role="row" className="nhsuk-table__row" key={`${r.kind}-${r.id}`}>
            <Cell heading="Name">
              {r.kind === "account" ? <Link to={`/admin/users/${r.id}`}>{r.name}</Link> : r.name}
            </Cell>
            <Cell heading="Email">{r.email}</Cell>
            <Cell heading="Role">{ROLE_LABELS[r.role]}</Cell>
            <Cell heading="Organisation">{r.belongs_to ?? "The service"}</Cell>
            <Cell heading="State">
              <AccountStateTag state={r.state} />
            </Cell>
            <Cell heading="Last sign-in">{r.kind === "account" ? (r.lastSignIn ?? "Never") : "Not yet"}</Cell>
            <Cell heading="Actions">
              {r.kind === "invitation" ? (
                <Form method="post" action={action}>
                  <input type="hidden" name="invitationId" value={r.id} />
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-1"
                    type="submit"
                    name="intent"
                    value="resend"
                  >
                    Resend<span className="nhsuk-u-visually-hidden"> the invitation for {r.email}</span>
                  </button>{" "}
                  <button
                    className="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-1"
                    type="submit"
                    name="intent"
                    value="withdraw"
                  >
                    Withdraw<span className="nhsuk-u-visually-hidden"> the invitation for {r.email}</span>
                  </button>
                </Form>
              ) : (
                <Link to={`/admin/users/${r.id}`}>
                  Manage<span className="nhsuk-u-visually-hidden"> {r.name}</span>
                </Link>
              )}
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
