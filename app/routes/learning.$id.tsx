import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { ErrorSummary } from "~/components/form";
import { actionFieldId, LearningActionList } from "~/components/learning-action-list";
import { LearningEntrySummary } from "~/components/learning-entry-summary";
import { LearningVisibilityTag } from "~/components/learning-visibility-tag";
import { getDb } from "~/db.server";
import { refusalErrors } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { updateLearningAction } from "~/models/learning/entries.server";
import { requireReadableEntry } from "~/models/learning/guard.server";
import { actionUpdateSchema, learningActionRefusalFields } from "~/schemas/learning";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Learning entry not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.title ?? "Learning"} - Peerlink` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entry, permissions } = await requireReadableEntry(request, params.id);
  const { engagement: _policyFacts, ...shown } = entry;
  return json({ entry: shown, ...permissions });
}

/** Messages keyed by the field ids of the action's own form. */
const forAction = (actionId: string, errors: FieldErrors): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field === "status" || field === "owner" || field === "dueOn" ? actionFieldId(actionId, field) : "form",
      message,
    ]),
  );

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, entry, permissions } = await requireReadableEntry(request, params.id);
  if (!permissions.mayUpdateActions) throw forbidden();
  const formData = await readForm(request);
  const form = parseForm(actionUpdateSchema, formData);
  if (!form.ok) {
    const actionId = String(form.values.actionId ?? "");
    const known = entry.actions.some((a) => a.id === actionId);
    const errors = known ? forAction(actionId, form.errors) : { form: "Choose an action on this page to update" };
    return json({ failed: known ? { actionId, errors, values: form.values } : null, errors }, { status: 400 });
  }
  if (!entry.actions.some((a) => a.id === form.data.actionId))
    return json({ failed: null, errors: { form: "Choose an action on this page to update" } }, { status: 400 });
  try {
    await updateLearningAction(getDb(), {
      actor,
      actionId: form.data.actionId,
      change: { status: form.data.status, owner: form.data.owner, dueOn: form.data.dueOn },
    });
  } catch (error) {
    const errors = forAction(form.data.actionId, refusalErrors(error, learningActionRefusalFields));
    return json(
      { failed: { actionId: form.data.actionId, errors, values: formValues(formData) }, errors },
      { status: 400 },
    );
  }
  return redirectWithFlash(
    `/learning/${entry.id}`,
    "The action was updated and the change added to the engagement's timeline.",
  );
}

export default function LearningEntryPage() {
  const { entry, mayEdit, mayUpdateActions, mayViewEngagement } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <span className="nhsuk-caption-l">Learning recorded by {entry.organisationName}</span>
        <h1>{entry.title}</h1>
        <p>
          <LearningVisibilityTag visibility={entry.visibility} />
        </p>
        <h2 className="nhsuk-heading-m">What was learned</h2>
        {entry.insight.split(/\n\s*\n/).map((paragraph, i) => (
          <p key={i}>
            {paragraph.split("\n").map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        ))}
        <LearningEntrySummary entry={entry} linkToEngagement={mayViewEngagement} />
        {mayEdit ? (
          <p>
            <Link to={`/learning/${entry.id}/edit`}>
              Edit this entry<span className="nhsuk-u-visually-hidden">: {entry.title}</span>
            </Link>
          </p>
        ) : null}
        <h2 className="nhsuk-heading-m">Actions agreed</h2>
        <LearningActionList actions={entry.actions} mayUpdate={mayUpdateActions} failed={data?.failed} />
        <p>
          {/* A private entry is not in the library, so the way back is the engagement it came from. */}
          {entry.visibility === "private" && mayViewEngagement ? (
            <Link to={`/engagements/${entry.engagementId}`}>Back to the engagement</Link>
          ) : (
            <Link to="/learning">Back to the learning library</Link>
          )}
        </p>
      </div>
    </div>
  );
}
