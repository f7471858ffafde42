import { Link } from "@remix-run/react";
import { formatDateInEngland } from "~/lib/dates";
import { MATCH_STATES, type MatchState } from "~/domain/match-state";

interface Row {
  id: string;
  quarter: string;
  approved_at: string;
  answer_due_at: string | null;
  responded_at: string | null;
  request_title: string;
  request_organisation_name: string;
  offer_title: string;
  offer_organisation_name: string;
}

/** A coordinator's matches in scope, one table per state, the ones to act on first. */
export function MatchesByState({ byState }: { byState: Record<MatchState, Row[]> }) {
  return (
    <>
      <h1>Matches in your area</h1>
      <p>Matches approved for requests from trusts in your area, by where they stand.</p>
      {MATCH_STATES.map(({ state, heading }) => (
        <section key={state} aria-labelledby={`matches-${state}`}>
          <h2 id={`matches-${state}`}>
            {heading} ({byState[state].length})
          </h2>
          {byState[state].length === 0 ? (
            <p>None.</p>
          ) : (
            <table className="nhsuk-table">
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Request
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Pioneer
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Quarter
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    {state === "waiting" || state === "late" ? "Answer due" : "Answered"}
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {byState[state].map((m) => (
                  <tr className="nhsuk-table__row" key={m.id}>
                    <td className="nhsuk-table__cell">
                      <Link to={`/matches/${m.id}`}>{m.request_title}</Link>
                      <br />
                      <span className="nhsuk-body-s">{m.request_organisation_name}</span>
                    </td>
                    <td className="nhsuk-table__cell">
                      {m.offer_organisation_name}
                      <br />
                      <span className="nhsuk-body-s">{m.offer_title}</span>
                    </td>
                    <td className="nhsuk-table__cell">{m.quarter}</td>
                    <td className="nhsuk-table__cell">
                      {state === "waiting" || state === "late"
                        ? m.answer_due_at
                          ? formatDateInEngland(m.answer_due_at)
                          : "Not set"
                        : m.responded_at
                          ? formatDateInEngland(m.responded_at)
                          : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
