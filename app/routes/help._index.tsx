import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GUIDES, type GuideRole } from "~/help/guides";

export const meta: MetaFunction = () => [{ title: "Help - Peerlink" }];

export default function Help() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Help using Peerlink</h1>
        <p>Choose the guide for what you do in Peerlink.</p>
        <ul className="nhsuk-list">
          {(Object.keys(GUIDES) as GuideRole[]).map((role) => (
            <li key={role}>
              <Link to={`/help/${role}`}>{GUIDES[role].title}</Link>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/help/glossary">Glossary: the words Peerlink uses</Link>
        </p>
      </div>
    </div>
  );
}
