import { maturityName } from "~/domain/maturity";
import { formatDate } from "~/lib/dates";
import type { EngagementImpact, OfferImpact } from "~/models/engagement/impact.server";

/** "+0.5" or "−0.5", so a reader sees the direction without relying on colour. */
export const signedChange = (change: number) => {
  const rounded = Math.round(change * 10) / 10;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${Math.abs(rounded).toFixed(1)}`;
};

const levels = (change: number) => (Math.abs(change) === 1 ? "level" : "levels");

/** An engagement's measured impact, or plainly why there is none yet. */
export function EngagementImpactSummary({
  impact,
  requesterName,
}: {
  impact: EngagementImpact;
  requesterName: string;
}) {
  if (impact.status === "not_ended") {
    return <p>Impact is measured once the engagement has ended and {requesterName} has re-assessed its capability.</p>;
  }
  if (impact.status === "not_followed_up") {
    return <p>This engagement was stopped, so no follow-up re-assessment is asked for and no impact is measured.</p>;
  }
  if (impact.status === "no_baseline") {
    return (
      <p>
        Impact cannot be measured: {requesterName} had no self-assessment before the engagement began to compare with.
      </p>
    );
  }
  if (impact.status === "awaiting") {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Not measured yet: {requesterName} has not re-assessed its capability since the engagement ended.
          {impact.dueOn
            ? ` The follow-up re-assessment ${impact.overdue ? "was due" : "is due"} by ${formatDate(impact.dueOn)}.`
            : ""}
        </p>
      </div>
    );
  }
  return (
    <>
      <p>
        <strong>{signedChange(impact.meanChange)} maturity levels on average</strong> across{" "}
        {impact.capabilities.length} {impact.capabilities.length === 1 ? "capability" : "capabilities"} the request
        targeted, comparing the self-assessment of {formatDate(impact.beforeOn)} with the first one after the
        engagement, on {formatDate(impact.afterOn)}.
      </p>
      <div className="nhsuk-table-container">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Maturity before and after, by capability
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Capability
              </th>
              <th scope="col" className="nhsuk-table__header">
                Before
              </th>
              <th scope="col" className="nhsuk-table__header">
                After
              </th>
              <th scope="col" className="nhsuk-table__header">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {impact.capabilities.map((c) => (
              <tr className="nhsuk-table__row" key={c.capabilityId}>
                <th scope="row" className="nhsuk-table__header">
                  {c.name}
                </th>
                <td className="nhsuk-table__cell">
                  {c.before} {maturityName(c.before)}
                </td>
                <td className="nhsuk-table__cell">
                  {c.after} {maturityName(c.after)}
                </td>
                <td className="nhsuk-table__cell">
                  {c.after === c.before
                    ? "No change"
                    : `${c.after > c.before ? "Up" : "Down"} ${Math.abs(c.after - c.before)} ${levels(c.after - c.before)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What past engagements with an offer achieved, for the offer page. */
export function OfferImpactSummary({ impact }: { impact: OfferImpact | null }) {
  if (!impact || impact.measured === 0) {
    return (
      <p>
        No measured impact yet: no trust helped through this offer has re-assessed its capability since.
        {impact && impact.awaiting > 0
          ? ` ${impact.awaiting} completed ${impact.awaiting === 1 ? "engagement is" : "engagements are"} waiting for a follow-up re-assessment.`
          : ""}
      </p>
    );
  }
  return (
    <p>
      Trusts helped through this offer moved{" "}
      <strong>{signedChange(impact.meanChange)} maturity levels on average</strong> on the capabilities they asked for,
      measured in {impact.measured} {impact.measured === 1 ? "engagement" : "engagements"} by their own re-assessments.
      {impact.awaiting > 0
        ? ` ${impact.awaiting} more ${impact.awaiting === 1 ? "is" : "are"} waiting for a re-assessment.`
        : ""}
    </p>
  );
}
