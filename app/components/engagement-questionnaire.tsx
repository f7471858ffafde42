import { Link } from "@remix-run/react";
import type { Questionnaire } from "~/models/engagement/engagements.server";
import { Moment } from "~/components/request-time";
import { MultilineText } from "~/components/request-timeline";
import { SummaryList } from "~/components/summary-list";

/** The requester's answers, as the pioneer reads them to prepare. */
export function QuestionnaireAnswers({ questionnaire: q }: { questionnaire: Questionnaire }) {
  return (
    <>
      <SummaryList
        rows={[
          ["What they want to see", <MultilineText key="see" text={q.wants_to_see} />],
          ["Current data", <MultilineText key="data" text={q.current_data} />],
          ["Questions for the pioneer", q.questions ? <MultilineText key="questions" text={q.questions} /> : "None"],
        ]}
      />
      <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
        Answered by {q.answered_by_name}, <Moment at={q.answered_at} />
      </p>
    </>
  );
}

/**
 * The pre-visit questionnaire on the engagement page: a task for the requester while it is
 * unanswered, the answers once given.
 */
export function EngagementQuestionnaire({
  engagementId,
  questionnaire,
  canAnswer,
  active,
}: {
  engagementId: string;
  questionnaire: Questionnaire | null;
  canAnswer: boolean;
  active: boolean;
}) {
  const link = `/engagements/${engagementId}/questionnaire`;
  return (
    <section aria-labelledby="questionnaire-heading">
      <h2 id="questionnaire-heading">Pre-visit questionnaire</h2>
      {questionnaire ? (
        <>
          <QuestionnaireAnswers questionnaire={questionnaire} />
          {canAnswer ? (
            <p>
              <Link to={link}>
                Change your answers<span className="nhsuk-u-visually-hidden"> to the pre-visit questionnaire</span>
              </Link>
            </p>
          ) : null}
        </>
      ) : canAnswer ? (
        <div className="nhsuk-card nhsuk-card--warning">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              To do: answer the questionnaire
            </h3>
            <p className="nhsuk-card__description">
              Tell the pioneer what you want to see, where your data stands and what you want to ask, so they can
              prepare before the first session.
            </p>
            <p className="nhsuk-card__description">
              <Link to={link}>Answer the pre-visit questionnaire</Link>
            </p>
          </div>
        </div>
      ) : (
        <p>
          {active
            ? "The requesting trust has not answered the questionnaire yet."
            : "The questionnaire was not answered."}
        </p>
      )}
    </section>
  );
}
