import { Form } from "@remix-run/react";
import { SubmitButton, TextareaField } from "~/components/form";
import { Moment } from "~/components/request-time";
import { MultilineText } from "~/components/request-timeline";
import { valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import type { PioneerStatusView } from "~/models/organisation/pioneer-status.server";

const STATUS_TEXT = { pending: "Waiting for a decision", granted: "Granted", refused: "Not granted" } as const;

/** Asking for pioneer status (the trust's administrator) and deciding on it (coordinators in scope and administrators). */
export function PioneerStatusSection({
  view,
  errors,
  values,
}: {
  view: PioneerStatusView;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { latest, canAsk, canDecide } = view;
  if (!latest && !canAsk) return null;
  return (
    <section aria-labelledby="pioneer-status">
      <h2 id="pioneer-status">Pioneer status</h2>
      {latest ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            <strong>{STATUS_TEXT[latest.status]}.</strong> Asked for by {latest.requestedBy},{" "}
            <Moment at={latest.requestedAt} />.
          </p>
          <p>
            Reason: <MultilineText text={latest.reason} />
          </p>
          {latest.decisionNote ? (
            <p>
              Decision note: <MultilineText text={latest.decisionNote} />
            </p>
          ) : null}
        </div>
      ) : null}
      {canDecide && latest ? (
        <Form method="post" noValidate>
          <input type="hidden" name="requestId" value={latest.id} />
          <TextareaField
            name="note"
            label="Note to the trust"
            hint="Needed when you refuse: say what would change the decision. Everyone at the trust is emailed it."
            defaultValue={valueOf(values, "note")}
            error={errors?.note}
            rows={3}
          />
          <div className="nhsuk-button-group">
            <SubmitButton name="intent" value="grant">
              Grant pioneer status
            </SubmitButton>{" "}
            <SubmitButton name="intent" value="refuse" secondary>
              Refuse
            </SubmitButton>
          </div>
        </Form>
      ) : null}
      {canAsk ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="ask" />
          <p>
            Pioneer trusts publish outreach offers and read other trusts&apos; help requests. A coordinator responsible
            for your organisation, or an administrator, decides.
          </p>
          <TextareaField
            name="reason"
            label="Why should your organisation be a pioneer?"
            hint="The improvement work others could learn from, and the evidence of it."
            defaultValue={valueOf(values, "reason")}
            error={errors?.reason}
          />
          <SubmitButton>Ask for pioneer status</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
