import { Form, Link, useSearchParams } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import type { FieldErrors } from "~/lib/forms";
import { whatIfForCoordinator } from "~/domain/what-if-words";
import { SubmitButton } from "./form";
import {
  BULK_FORM_ID,
  Disclosure,
  ProposalDetail,
  proposalHasErrors,
  UnmatchedDetail,
  type ProposalView,
} from "./match-proposal";
import { ProposalStatusTag } from "./match-status";

/* eslint-disable jsx-a11y/no-redundant-roles, jsx-a11y/no-interactive-element-to-noninteractive-role --
   NHS.UK responsive tables name every role: at phone widths the cells are laid out as blocks, and
   browsers drop a table's semantics when its display changes unless the roles are explicit. */

// The round at a glance: one row per proposal in NHS.UK responsive tables (each cell labelled at
// phone widths), with the explanation and the decisions folded under each row.

/** The form "Select all" submits without JavaScript: the page comes back with every box ticked. */
const SELECT_ALL_FORM_ID = "select-all-proposals";

function HeaderCell({ children, numeric }: { children: ReactNode; numeric?: boolean }) {
  return (
    <th
      scope="col"
      role="columnheader"
      className={`nhsuk-table__header${numeric ? " nhsuk-table__header--numeric" : ""}`}
    >
      {children}
    </th>
  );
}

function Cell({ heading, children, numeric }: { heading: string; children: ReactNode; numeric?: boolean }) {
  return (
    <td role="cell" className={`nhsuk-table__cell${numeric ? " nhsuk-table__cell--numeric" : ""}`}>
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{" "}
      </span>
      <span>{children}</span>
    </td>
  );
}

/** The row under a summary row that unfolds the proposal's detail across the whole table, open while its forms have errors. */
function DetailRow({
  columns,
  summary,
  about: p,
  errors,
  children,
}: {
  columns: number;
  summary: string;
  about: ProposalView;
  errors: FieldErrors;
  children: ReactNode;
}) {
  return (
    <tr role="row" className="nhsuk-table__row peerlink-round-detail">
      <td role="cell" className="nhsuk-table__cell" colSpan={columns}>
        <Disclosure
          summary={
            <>
              {summary}
              <span className="nhsuk-u-visually-hidden"> for &ldquo;{p.request_title}&rdquo;</span>
            </>
          }
          open={proposalHasErrors(errors, p.id)}
        >
          {children}
        </Disclosure>
      </td>
    </tr>
  );
}

function RequestCells({ proposal: p }: { proposal: ProposalView }) {
  return (
    <>
      <Cell heading="Request">
        <Link to={`/requests/${p.request_id}`}>{p.request_title}</Link>
      </Cell>
      <Cell heading="Requesting trust">{p.request_organisation_name}</Cell>
    </>
  );
}

/** Which proposals are ticked: all of them when the page was asked for with ?select=all. */
function useSelection(ids: string[]) {
  const [params] = useSearchParams();
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(params.get("select") === "all" ? ids : []),
  );
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return {
    all,
    has: (id: string) => selected.has(id),
    toggle: (id: string, on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    toggleAll: () => setSelected(all ? new Set() : new Set(ids)),
  };
}

/** Every proposal waiting for a decision, ticked for approval together or opened one by one. */
export function WaitingProposals({
  proposals,
  pinned,
  errors = {},
}: {
  proposals: ProposalView[];
  pinned: (p: ProposalView) => boolean;
  errors?: FieldErrors;
}) {
  const selection = useSelection(proposals.map((p) => p.id));
  if (proposals.length === 0) return <p>None.</p>;
  return (
    <>
      <Form method="post" id={BULK_FORM_ID}>
        <input type="hidden" name="intent" value="bulk-approve" />
        <p>
          Tick the proposals below, then approve them together. Each is approved on its own, so one full offer does not
          stop the others.
        </p>
        <button
          type="submit"
          form={SELECT_ALL_FORM_ID}
          name="select"
          value={selection.all ? "none" : "all"}
          className="nhsuk-button nhsuk-button--secondary"
          data-module="nhsuk-button"
          onClick={(event) => {
            event.preventDefault();
            selection.toggleAll();
          }}
        >
          {selection.all ? "Clear the selection" : "Select all"}
        </button>{" "}
        <SubmitButton>Approve selected proposals</SubmitButton>
      </Form>
      <form method="get" id={SELECT_ALL_FORM_ID} />
      <table role="table" className="nhsuk-table-responsive">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Proposals waiting for a decision</caption>
        <thead role="rowgroup" className="nhsuk-table__head">
          <tr role="row" className="nhsuk-table__row">
            <HeaderCell>
              <span className="nhsuk-u-visually-hidden">Select</span>
            </HeaderCell>
            <HeaderCell>Request</HeaderCell>
            <HeaderCell>Requesting trust</HeaderCell>
            <HeaderCell>Proposed offer</HeaderCell>
            <HeaderCell>Pioneer trust</HeaderCell>
            <HeaderCell numeric>Fit score</HeaderCell>
            <HeaderCell>State</HeaderCell>
          </tr>
        </thead>
        {proposals.map((p) => (
          <tbody role="rowgroup" className="nhsuk-table__body" id={`proposal-${p.id}`} key={p.id}>
            <tr role="row" className="nhsuk-table__row">
              <td role="cell" className="nhsuk-table__cell">
                <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                  <div className="nhsuk-checkboxes__item">
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`select-${p.id}`}
                      name="proposalIds"
                      type="checkbox"
                      value={p.id}
                      form={BULK_FORM_ID}
                      checked={selection.has(p.id)}
                      onChange={(event) => selection.toggle(p.id, event.target.checked)}
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`select-${p.id}`}>
                      <span className="nhsuk-u-visually-hidden">Select &ldquo;{p.request_title}&rdquo;</span>
                    </label>
                  </div>
                </div>
              </td>
              <RequestCells proposal={p} />
              <Cell heading="Proposed offer">{p.offer_title}</Cell>
              <Cell heading="Pioneer trust">{p.offer_organisation_name}</Cell>
              <Cell heading="Fit score" numeric>
                {Math.round(p.score ?? 0)}
              </Cell>
              <Cell heading="State">
                <ProposalStatusTag status={p.status} />
                {pinned(p) ? (
                  <>
                    {" "}
                    <strong className="nhsuk-tag nhsuk-tag--purple">Pinned</strong>
                  </>
                ) : null}
              </Cell>
            </tr>
            <DetailRow columns={7} summary="Why this offer, and decisions" about={p} errors={errors}>
              <ProposalDetail proposal={p} errors={errors} />
            </DetailRow>
          </tbody>
        ))}
      </table>
    </>
  );
}

/** Requests no offer could be found for this round, with the reason each. */
export function UnmatchedRequests({ proposals, errors = {} }: { proposals: ProposalView[]; errors?: FieldErrors }) {
  if (proposals.length === 0) return <p>None.</p>;
  return (
    <table role="table" className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Unmatched requests</caption>
      <thead role="rowgroup" className="nhsuk-table__head">
        <tr role="row" className="nhsuk-table__row">
          <HeaderCell>Request</HeaderCell>
          <HeaderCell>Requesting trust</HeaderCell>
          <HeaderCell>Why no offer was proposed</HeaderCell>
          <HeaderCell>What would get it matched</HeaderCell>
        </tr>
      </thead>
      {proposals.map((p) => (
        <tbody role="rowgroup" className="nhsuk-table__body" id={`proposal-${p.id}`} key={p.id}>
          <tr role="row" className="nhsuk-table__row">
            <RequestCells proposal={p} />
            <Cell heading="Why no offer was proposed">{p.unmatched_reason}</Cell>
            <Cell heading="What would get it matched">
              <span data-testid="what-if">
                {p.whatIf ? whatIfForCoordinator(p.whatIf) : "Not worked out for rounds run before this was added"}
              </span>
            </Cell>
          </tr>
          <DetailRow columns={4} summary="Offers considered, and decisions" about={p} errors={errors}>
            <UnmatchedDetail proposal={p} errors={errors} />
          </DetailRow>
        </tbody>
      ))}
    </table>
  );
}
