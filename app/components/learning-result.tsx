import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import type { LearningSearchHit } from "~/models/learning/search/types";
import { MarkedText } from "./learning-marked-text";

/** One entry in the library's results: title and passage with matches marked, the two trusts, format, capabilities and date. */
export function LearningResult({ hit }: { hit: LearningSearchHit }) {
  return (
    <li className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          <Link to={`/learning/${hit.id}`}>
            <MarkedText text={hit.markedTitle} />
          </Link>
        </h2>
        <p className="nhsuk-card__description">
          <MarkedText text={hit.excerpt} />
        </p>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          {hit.requesterName} learning from {hit.pioneerName}. {hit.formatName}, recorded{" "}
          {formatDate(hit.createdAt.slice(0, 10))}.
        </p>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          Capabilities: {hit.capabilities.map((c) => c.name).join(", ")}
        </p>
      </div>
    </li>
  );
}
