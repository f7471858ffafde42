import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GLOSSARY } from "~/help/glossary";

export const meta: MetaFunction = () => [{ title: "Glossary - Peerlink" }];

export default function Glossary() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Glossary</h1>
        <p>The words Peerlink uses with a meaning of their own.</p>
        <dl className="nhsuk-summary-list">
          {GLOSSARY.map((entry) => (
            <div className="nhsuk-summary-list__row" key={entry.id} id={entry.id}>
              <dt className="nhsuk-summary-list__key">{entry.term}</dt>
              <dd className="nhsuk-summary-list__value">{entry.meaning}</dd>
            </div>
          ))}
        </dl>
        <p>
          <Link to="/help">All help</Link>
        </p>
      </div>
    </div>
  );
}
