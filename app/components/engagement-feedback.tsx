import { Link } from "@remix-run/react";
import type { FeedbackEntry, FeedbackView } from "~/models/engagement/feedback.server";
import { Moment } from "~/components/request-time";
import { MultilineText } from "~/components/request-timeline";
import { SummaryList } from "~/components/summary-list";

export type SideNames = { requester: string; pioneer: string };

function FeedbackCard({ heading, entry }: { heading: string; entry: FeedbackEntry }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">{heading}</h3>
        <SummaryList
          rows={[
            ["Usefulness", `${entry.usefulness} out of 5`],
            ["Preparation", `${entry.preparation} out of 5`],
            ["Would recommend", entry.wouldRecommend ? "Yes" : "No"],
            ["Comment", entry.comment ? <MultilineText key="comment" text={entry.comment} /> : "None"],
          ]}
        />
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">
          Given by {entry.givenByName}, <Moment at={entry.givenAt} />
        </p>
      </div>
    </div>
  );
}

/** What this viewer may read: its own side at once, the other side's only once feedback is visible. */
export function FeedbackEntries({ feedback, names }: { feedback: FeedbackView; names: SideNames }) {
  const sides = (["requester", "pioneer"] as const).filter((side) => feedback.entries[side]);
  const waiting = (["requester", "pioneer"] as const).filter((side) => !feedback.entries[side]);
  return (
    <>
      {sides.map((side) => (
        <FeedbackCard
          key={side}
          heading={side === feedback.viewerSide ? `Your feedback (${names[side]})` : `Feedback from ${names[side]}`}
          entry={feedback.entries[side]!}
        />
      ))}
      {waiting.map((side) => (
        <p key={side}>
          {feedback.given[side]
            ? `${names[side]} has given its feedback. `
            : `${names[side]} has not given its feedback yet. `}
          {feedback.given[side] && !feedback.visible && feedback.revealsAt ? (
            <>
              It can be read once both trusts have given theirs, or from <Moment at={feedback.revealsAt} />.
            </>
          ) : null}
        </p>
      ))}
    </>
  );
}

/** The feedback section of the engagement page. */
export function EngagementFeedback({
  engagementId,
  feedback,
  names,
}: {
  engagementId: string;
  feedback: FeedbackView;
  names: SideNames;
}) {
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback</h2>
      {!feedback.ended ? (
        <p>
          Each trust gives its feedback once the engagement has ended. Neither sees the other&apos;s until both have
          given it, or 30 days after the end.
        </p>
      ) : (
        <>
          {feedback.canGive ? (
            <Link className="nhsuk-button" to={`/engagements/${engagementId}/feedback`}>
              Give your feedback
            </Link>
          ) : null}
          <FeedbackEntries feedback={feedback} names={names} />
        </>
      )}
    </section>
  );
}
