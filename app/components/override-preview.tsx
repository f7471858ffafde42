import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { overrideConsequenceInWords, type OverrideConsequence } from "~/domain/override-consequence";
import type { WhyNot } from "~/matching/insights";
import { SubmitButton } from "./form";
import { PlanChanges } from "./round-insights";
import { SummaryList } from "./summary-list";

export interface OverridePreviewData {
  proposalId: string;
  offerId: string;
  reason: string;
  consequence: OverrideConsequence;
  /** The pair priced against the best plan for the round's area, as open to matching today. */
  againstBestPlan: WhyNot;
}

/** The pricing's words, with the cases where an override is not weighed against the plan. */
function againstBestPlanInWords(answer: WhyNot): string {
  switch (answer.kind) {
    case "costly":
    case "in_plan":
      return `${answer.text}.`;
    case "ineligible":
      return `Matching would not propose this pair: ${answer.text.charAt(0).toLowerCase()}${answer.text.slice(1)}.`;
    case "request_closed":
    case "offer_closed":
      return `${answer.text}, so it cannot be weighed against today's plan.`;
  }
}

/**
 * The override a coordinator is about to save and what it does to the rest of the round, with
 * the button that saves it carrying the same choice. Nothing is saved until that button.
 */
export function OverridePreview({ preview, cancelTo }: { preview: OverridePreviewData; cancelTo: string }) {
  const { consequence: c } = preview;
  const panel = useRef<HTMLDivElement>(null);
  // With JavaScript the page does not reload, so bring the panel into view and have it read out.
  useEffect(() => panel.current?.focus(), [preview]);
  return (
    <div
      className={c.displaced || c.full ? "nhsuk-warning-callout" : "nhsuk-inset-text"}
      id="override-preview"
      tabIndex={-1}
      ref={panel}
      aria-labelledby="override-preview-heading"
      role="region"
    >
      <h2 className={c.displaced || c.full ? "nhsuk-warning-callout__label" : undefined} id="override-preview-heading">
        Check this override before saving
      </h2>
      <SummaryList
        rows={[
          ["Request", `${c.request.title} (${c.request.organisationName})`],
          ["Offer to approve", `${c.chosen.title} (${c.chosen.organisationName})`],
          ["Why this offer", preview.reason],
        ]}
      />
      <h3>What this changes</h3>
      <ul className="nhsuk-list nhsuk-list--bullet" data-testid="override-consequence">
        {overrideConsequenceInWords(c).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3>Against the best plan for the round</h3>
      <p data-testid="override-pricing">{againstBestPlanInWords(preview.againstBestPlan)}</p>
      {preview.againstBestPlan.kind === "costly" ? <PlanChanges answer={preview.againstBestPlan} /> : null}
      {c.full ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="override" />
          <input type="hidden" name="proposalId" value={preview.proposalId} />
          <input type="hidden" name="offerId" value={preview.offerId} />
          <input type="hidden" name="reason" value={preview.reason} />
          <SubmitButton>Save override</SubmitButton>
        </Form>
      )}
      <p>
        <Link to={cancelTo}>Cancel: save nothing</Link>
      </p>
    </div>
  );
}
