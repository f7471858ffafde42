import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "~/lib/forms";
import type { RoundDetail } from "~/models/matching/rounds.server";
import { ChoiceField, SelectField, SubmitButton, TextareaField } from "./form";
import { MatchAlternatives, MatchFactors } from "./match-factors";
import { ProposalStatusTag } from "./match-status";
import { WhyNotLink } from "./round-insights";

export type ProposalView = RoundDetail["proposals"][number];

export const BULK_FORM_ID = "bulk-approve";

/** The DOM id of one field of one proposal's form, so the error summary can link to it. */
export const fieldId = (intent: string, field: string, proposalId: string) => `${intent}-${field}-${proposalId}`;

function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function Disclosure({ summary, open, children }: { summary: ReactNode; open: boolean; children: ReactNode }) {
  return (
    <details className="nhsuk-details" open={open}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  );
}

/** Whether any of the proposal's forms came back with an error, or only those of one intent. */
export const proposalHasErrors = (errors: FieldErrors, proposalId: string, intent = "") =>
  Object.keys(errors).some((k) => k.startsWith(intent) && k.endsWith(`-${proposalId}`));

/** A proposal still waiting for a decision: its score in every factor, the alternatives, and the decisions. */
export function ProposalDetail({ proposal: p, errors = {} }: { proposal: ProposalView; errors?: FieldErrors }) {
  const error = (intent: string, field: string) => errors[fieldId(intent, field, p.id)];
  const hasErrors = (intent: string) => proposalHasErrors(errors, p.id, `${intent}-`);
  return (
    <>
      {p.preferred_offer_id && p.preferred_offer_title ? (
        <p>
          Asked for: <Link to={`/offers/${p.preferred_offer_id}`}>{p.preferred_offer_title}</Link>
          {p.preferred_offer_organisation_name ? ` (${p.preferred_offer_organisation_name})` : null}
        </p>
      ) : null}
      <MatchFactors factors={p.factors} caption="How the fit score was reached" />
      <h4>Best alternatives not chosen</h4>
      <MatchAlternatives alternatives={p.alternatives} />
      <WhyNotLink requestId={p.request_id} requestTitle={p.request_title} />

      <Form method="post" noValidate>
        <Hidden fields={{ intent: "approve", proposalId: p.id }} />
        <SubmitButton>Approve this match</SubmitButton>
      </Form>

      <Disclosure summary="Reject this proposal" open={hasErrors("reject")}>
        <Form method="post" noValidate>
          <Hidden fields={{ intent: "reject", proposalId: p.id }} />
          <TextareaField
            name="reason"
            id={fieldId("reject", "reason", p.id)}
            label="Why is this proposal rejected?"
            hint="The pair will not be proposed again."
            rows={3}
            error={error("reject", "reason")}
          />
          <SubmitButton secondary>Reject</SubmitButton>
        </Form>
      </Disclosure>

      <OverrideForm proposal={p} error={error} open={hasErrors("override")} />

      <PairRuleForm proposal={p} error={error} open={hasErrors("rule")} />
    </>
  );
}

/** Pin or block the proposed pair or one of the alternatives, for the next run. */
function PairRuleForm({
  proposal: p,
  error,
  open,
}: {
  proposal: ProposalView;
  error: (intent: string, field: string) => string | undefined;
  open: boolean;
}) {
  const offers = [
    ...(p.offer_id ? [{ value: p.offer_id, label: `${p.offer_title} (${p.offer_organisation_name}), proposed` }] : []),
    ...p.alternatives.map((a) => ({ value: a.offerId, label: `${a.offerTitle} (${a.organisationName})` })),
  ];
  if (offers.length === 0) return null;
  return (
    <Disclosure summary="Pin or block a pair" open={open}>
      <Form method="post" noValidate>
        <Hidden fields={{ intent: "rule", proposalId: p.id }} />
        <SelectField
          name="offerId"
          id={fieldId("rule", "offerId", p.id)}
          label="Offer"
          options={offers}
          error={error("rule", "offerId")}
        />
        <ChoiceField
          kind="radio"
          name="kind"
          id={fieldId("rule", "kind", p.id)}
          legend="Rule"
          small
          options={[
            { value: "pin", label: "Pin: propose this pair whenever the offer has room" },
            { value: "block", label: "Block: never propose this pair" },
          ]}
          error={error("rule", "kind")}
        />
        <TextareaField
          name="reason"
          id={fieldId("rule", "reason", p.id)}
          label="Reason (optional)"
          rows={2}
          error={error("rule", "reason")}
        />
        <SubmitButton secondary>Save rule</SubmitButton>
      </Form>
      <p>Rules apply when the round is run again.</p>
    </Disclosure>
  );
}

/** Approve one of the alternatives instead; for an unmatched request, approve one at all. */
export function OverrideForm({
  proposal: p,
  error,
  open,
}: {
  proposal: ProposalView;
  error: (intent: string, field: string) => string | undefined;
  open: boolean;
}) {
  if (p.alternatives.length === 0) return null;
  return (
    <Disclosure summary={p.offer_id ? "Approve a different offer" : "Approve one of the alternatives"} open={open}>
      <Form method="post" noValidate>
        <Hidden fields={{ intent: "override-preview", proposalId: p.id }} />
        <SelectField
          name="offerId"
          id={fieldId("override", "offerId", p.id)}
          label="Offer to approve"
          options={[
            { value: "", label: "Select an offer" },
            ...p.alternatives.map((a) => ({
              value: a.offerId,
              label: `${a.offerTitle} (${a.organisationName}), fit score ${Math.round(a.score)}`,
            })),
          ]}
          error={error("override", "offerId")}
        />
        <TextareaField
          name="reason"
          id={fieldId("override", "reason", p.id)}
          label="Why this offer?"
          rows={3}
          error={error("override", "reason")}
        />
        <SubmitButton secondary>Check what this changes</SubmitButton>
        <p className="nhsuk-body-s">The next step shows what this changes; nothing is saved before then.</p>
      </Form>
    </Disclosure>
  );
}

/** A request no offer could be found for this round: the offers considered, and approving one anyway. */
export function UnmatchedDetail({ proposal: p, errors = {} }: { proposal: ProposalView; errors?: FieldErrors }) {
  const error = (intent: string, field: string) => errors[fieldId(intent, field, p.id)];
  return (
    <>
      {p.alternatives.length ? (
        <>
          <h4>Offers considered</h4>
          <MatchAlternatives alternatives={p.alternatives} />
        </>
      ) : (
        <p>No offer was eligible for this request.</p>
      )}
      <WhyNotLink requestId={p.request_id} requestTitle={p.request_title} />
      <OverrideForm proposal={p} error={error} open={proposalHasErrors(errors, p.id, "override-")} />
      <PairRuleForm proposal={p} error={error} open={proposalHasErrors(errors, p.id, "rule-")} />
    </>
  );
}

/** Proposals already decided on, superseded, or turned into matches. */
export function DecidedProposals({ proposals }: { proposals: ProposalView[] }) {
  if (proposals.length === 0) return null;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Proposals decided or superseded</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Request
          </th>
          <th scope="col" className="nhsuk-table__header">
            Offer
          </th>
          <th scope="col" className="nhsuk-table__header">
            Decision
          </th>
          <th scope="col" className="nhsuk-table__header">
            Why
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {proposals.map((p) => (
          <tr className="nhsuk-table__row" key={p.id}>
            <td className="nhsuk-table__cell">
              {p.request_title}, {p.request_organisation_name}
            </td>
            <td className="nhsuk-table__cell">
              {p.offer_title ? `${p.offer_title}, ${p.offer_organisation_name}` : "None"}
            </td>
            <td className="nhsuk-table__cell">
              <ProposalStatusTag status={p.status} />
              {p.decided_by_name ? ` by ${p.decided_by_name}` : ""}
              {p.match_id ? (
                <>
                  {" "}
                  <Link to={`/matches/${p.match_id}`}>View match</Link>
                </>
              ) : null}
            </td>
            <td className="nhsuk-table__cell">{p.decision_reason || p.unmatched_reason || ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
