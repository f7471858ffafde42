import { Link } from "@remix-run/react";
import type { EngagementLearningData } from "~/models/learning/queries.server";
import { formatDate } from "~/lib/dates";
import { ActionStatusTag } from "./learning-action-list";
import { LearningVisibilityTag } from "./learning-visibility-tag";

/** The data engagementLearning returns, passed straight through the page's loader. */
export type EngagementLearningProps = EngagementLearningData;

/** The engagement page's learning section: each entry the viewer may read, its open actions, and a link to record more. */
export function EngagementLearning({ engagementId, mayRecord, entries }: EngagementLearningProps) {
  return (
    <section aria-labelledby="engagement-learning-heading">
      <h2 id="engagement-learning-heading">Learning</h2>
      {entries.length === 0 ? <p>No learning has been recorded{mayRecord ? " yet" : " that you can read"}.</p> : null}
      {entries.length > 0 ? (
        <ul className="nhsuk-list">
          {entries.map((entry) => (
            <li key={entry.id} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link to={`/learning/${entry.id}`}>{entry.title}</Link>
                </h3>
                <p>
                  <LearningVisibilityTag visibility={entry.visibility} />
                </p>
                <p className="nhsuk-body-s">
                  Recorded by {entry.authorName}, {entry.organisationName}, on{" "}
                  {formatDate(entry.createdAt.slice(0, 10))}. {entry.capabilities.join(", ")}
                </p>
                {entry.openActions.length > 0 ? (
                  <>
                    <p className="nhsuk-u-margin-bottom-1">Open actions:</p>
                    <ul className="nhsuk-list nhsuk-list--bullet">
                      {entry.openActions.map((action) => (
                        <li key={action.id}>
                          {action.description}, {action.owner}, due {formatDate(action.dueOn)}{" "}
                          <ActionStatusTag status={action.status} />
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {mayRecord ? (
        <p>
          <Link to={`/engagements/${engagementId}/learning/new`} className="nhsuk-button nhsuk-button--secondary">
            Record what was learned
          </Link>
        </p>
      ) : null}
    </section>
  );
}
