import { Link } from "@remix-run/react";
import type { SessionSummary } from "~/models/engagement/sessions.server";
import { formatDuration, sessionDisplayStatus } from "~/domain/engagement-rules";
import { formatLocalDateTime } from "~/lib/dates";
import { SessionStatusTag } from "~/components/engagement-status";

/** The engagement's sessions in time order, each with what became of it. */
export function EngagementSessions({
  engagementId,
  sessions,
  nowLocal,
  canPlan,
}: {
  engagementId: string;
  sessions: SessionSummary[];
  nowLocal: string;
  canPlan: boolean;
}) {
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      {sessions.length === 0 ? (
        <p>No sessions have been planned yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Sessions, earliest first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                When
              </th>
              <th scope="col" className="nhsuk-table__header">
                Format
              </th>
              <th scope="col" className="nhsuk-table__header">
                People
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {sessions.map((s) => (
              <tr className="nhsuk-table__row" key={s.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/engagements/${engagementId}/sessions/${s.id}`}>{formatLocalDateTime(s.starts_at)}</Link>
                  <br />
                  <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                    {formatDuration(s.duration_minutes)}
                  </span>
                </td>
                <td className="nhsuk-table__cell">{s.format_name}</td>
                <td className="nhsuk-table__cell">
                  {s.attended_people === null ? `${s.planned_people} expected` : `${s.attended_people} attended`}
                </td>
                <td className="nhsuk-table__cell">
                  <SessionStatusTag status={sessionDisplayStatus(s, nowLocal)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canPlan ? (
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/engagements/${engagementId}/sessions/new`}>
          Plan a session
        </Link>
      ) : null}
    </section>
  );
}
