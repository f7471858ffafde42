import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, notFound, requireSignedIn } from "~/auth/guards.server";
import { ErrorSummary, SubmitButton, TextareaField } from "~/components/form";
import { MaturityRadios, ReadinessRadios } from "~/components/maturity-radios";
import { getDb } from "~/db.server";
import { MATURITY_LEVELS, maturityName, READINESS_LEVELS } from "~/domain/maturity";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, valueOf, type FormValues } from "~/lib/forms";
import { latestAssessment, recordAssessment } from "~/models/assessment/assessments.server";
import { readAssessmentDraft, saveAssessmentDraft } from "~/models/assessment/drafts.server";
import { refOf } from "~/models/organisation/guard.server";
import { listFramework, listReadinessFactors } from "~/models/framework/framework.server";
import { getOrganisation } from "~/models/organisation/organisations.server";
import {
  assessmentFieldOrder,
  assessmentRefusalField,
  assessmentSchema,
  evidenceField,
  maturityField,
  readinessField,
} from "~/schemas/assessment";
import { formatDate, todayInEngland } from "~/lib/dates";
import { Moment } from "~/components/request-time";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "New capability self-assessment - Peerlink" }];

/** Only the organisation's own people record its assessment; the organisation comes from the session. */
async function requireRecorder(request: Request) {
  const { actor } = await requireSignedIn(request);
  const organisation = actor.organisationId ? await getOrganisation(getDb(), actor.organisationId) : undefined;
  if (!organisation) throw notFound("You do not belong to an organisation");
  assertCan(actor, { action: "assessment:record", organisation: refOf(organisation) });
  return { actor, organisation };
}

async function activeFramework() {
  const db = getDb();
  const [domains, factors] = await Promise.all([listFramework(db), listReadinessFactors(db)]);
  return { domains, factors, capabilities: domains.flatMap((d) => d.capabilities) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, organisation } = await requireRecorder(request);
  const [{ domains, factors }, previous, draft] = await Promise.all([
    activeFramework(),
    latestAssessment(getDb(), actor, organisation.id),
    readAssessmentDraft(getDb(), actor, organisation.id),
  ]);
  // A draft reopens as it was left; otherwise start from the last assessment so a re-assessment
  // only changes what has moved.
  const values: FormValues = draft ? { ...draft.values } : {};
  if (!draft) {
    for (const s of previous?.scores ?? []) {
      values[maturityField(s.capabilityId)] = String(s.maturity);
      values[evidenceField(s.capabilityId)] = s.evidence;
    }
    for (const r of previous?.readiness ?? []) values[readinessField(r.factorCode)] = String(r.score);
  }
  const previousMaturity = Object.fromEntries((previous?.scores ?? []).map((s) => [s.capabilityId, s.maturity]));
  return json({
    organisationName: organisation.name,
    domains,
    factors,
    values,
    previousOn: previous?.assessedOn ?? null,
    previousMaturity,
    draftSavedAt: draft?.savedAt ?? null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, organisation } = await requireRecorder(request);
  const { capabilities, factors } = await activeFramework();
  const formData = await readForm(request);
  if (formData.get("intent") === "draft") {
    // A draft may be half done: it is kept as typed and checked only when it is recorded.
    await saveAssessmentDraft(getDb(), actor, { organisationId: organisation.id, values: formValues(formData) });
    return redirectWithFlash("/assessment/new", "Draft saved. It does not count as an assessment until you record it.");
  }
  const form = parseForm(assessmentSchema(capabilities, factors), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await recordAssessment(getDb(), actor, {
      organisationId: organisation.id,
      assessedOn: todayInEngland(),
      ...form.data,
    });
  } catch (error) {
    // The framework changed between loading the form and sending it.
    return answerError(error, formValues(formData), { fields: assessmentRefusalField });
  }
  return redirectWithFlash("/assessment", "Assessment recorded.");
}

export default function NewAssessment() {
  const {
    organisationName,
    domains,
    factors,
    values: defaults,
    previousOn,
    previousMaturity,
    draftSavedAt,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors;
  const values = data?.values ?? defaults;
  const capabilities = domains.flatMap((d) => d.capabilities);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={assessmentFieldOrder(capabilities, factors)} />
        <span className="nhsuk-caption-l">{organisationName}</span>
        <h1>New capability self-assessment</h1>
        <p>Score every capability from 1 to 5 against the descriptions, and add a line of evidence where you can.</p>
        {draftSavedAt ? (
          <p>
            Your draft saved <Moment at={draftSavedAt} /> is filled in. It does not count as an assessment until you
            record it.
          </p>
        ) : previousOn ? (
          <p>Your answers from the assessment on {formatDate(previousOn)} are filled in: change what has moved.</p>
        ) : null}
        <MaturityLevels />
        <Form method="post" noValidate>
          {domains
            .filter((d) => d.capabilities.length > 0)
            .map((domain) => (
              <section key={domain.id}>
                <h2>{domain.name}</h2>
                {domain.capabilities.map((c) => {
                  const before = previousMaturity[c.id];
                  return (
                    <div key={c.id}>
                      <MaturityRadios
                        name={maturityField(c.id)}
                        legend={`${c.code} ${c.name}`}
                        hint={
                          <>
                            {c.description}
                            {before ? (
                              <span className="nhsuk-u-display-block">
                                Last time: {before} {maturityName(before)}
                              </span>
                            ) : null}
                          </>
                        }
                        error={errors?.[maturityField(c.id)]}
                        selected={valueOf(values, maturityField(c.id))}
                      />
                      <TextareaField
                        name={evidenceField(c.id)}
                        label={
                          <>
                            Evidence<span className="nhsuk-u-visually-hidden"> for {c.name}</span> (optional)
                          </>
                        }
                        rows={2}
                        defaultValue={valueOf(values, evidenceField(c.id))}
                        error={errors?.[evidenceField(c.id)]}
                      />
                    </div>
                  );
                })}
              </section>
            ))}
          {factors.length > 0 ? (
            <section>
              <h2>Readiness for change</h2>
              <p>
                How ready is your organisation to make improvement stick? Score each factor from 1 (
                {READINESS_LEVELS[0].name.toLowerCase()}) to 5 ({READINESS_LEVELS[4].name.toLowerCase()}).
              </p>
              {factors.map((f) => (
                <ReadinessRadios
                  key={f.code}
                  name={readinessField(f.code)}
                  legend={f.name}
                  hint={f.description}
                  error={errors?.[readinessField(f.code)]}
                  selected={valueOf(values, readinessField(f.code))}
                />
              ))}
            </section>
          ) : null}
          <TextareaField
            name="note"
            label="Note (optional)"
            hint="For example, who took part and how the scores were agreed"
            defaultValue={valueOf(values, "note")}
            error={errors?.note}
          />
          <div className="nhsuk-button-group">
            <SubmitButton name="intent" value="record">
              Record assessment
            </SubmitButton>{" "}
            <SubmitButton name="intent" value="draft" secondary>
              Save as draft
            </SubmitButton>
          </div>
        </Form>
      </div>
    </div>
  );
}

/** The five levels and what each means, once, for every capability below to be scored against. */
function MaturityLevels() {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">Maturity levels</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th className="nhsuk-table__header" scope="col">
            Level
          </th>
          <th className="nhsuk-table__header" scope="col">
            What it looks like
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {MATURITY_LEVELS.map((l) => (
          <tr className="nhsuk-table__row" key={l.value}>
            <td className="nhsuk-table__cell">
              {l.value} {l.name}
            </td>
            <td className="nhsuk-table__cell">{l.descriptor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
