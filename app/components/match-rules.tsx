import { Form } from "@remix-run/react";

export interface PairRuleView {
  id: string;
  kind: "pin" | "block";
  reason: string;
  request_title: string;
  offer_title: string;
  offer_organisation_name: string;
}

/** Pins and blocks on this round's requests, each removable. */
export function MatchPairRules({ rules }: { rules: PairRuleView[] }) {
  if (rules.length === 0) return <p>No pairs are pinned or blocked for these requests.</p>;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Pinned and blocked pairs</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Request
          </th>
          <th scope="col" className="nhsuk-table__header">
            Offer
          </th>
          <th scope="col" className="nhsuk-table__header">
            Rule
          </th>
          <th scope="col" className="nhsuk-table__header">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rules.map((r) => (
          <tr className="nhsuk-table__row" key={r.id}>
            <td className="nhsuk-table__cell">{r.request_title}</td>
            <td className="nhsuk-table__cell">
              {r.offer_title}, {r.offer_organisation_name}
            </td>
            <td className="nhsuk-table__cell">
              {r.kind === "pin" ? "Pinned" : "Blocked"}
              {r.reason ? `: ${r.reason}` : ""}
            </td>
            <td className="nhsuk-table__cell">
              <Form method="post" className="peerlink-inline-form">
                <input type="hidden" name="intent" value="remove-rule" />
                <input type="hidden" name="ruleId" value={r.id} />
                <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                  Remove
                  <span className="nhsuk-u-visually-hidden">
                    {" "}
                    the rule on {r.request_title} and {r.offer_title}
                  </span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
