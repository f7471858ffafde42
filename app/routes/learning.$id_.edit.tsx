import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LearningErrorSummary, LearningForm, learningFormValues } from "~/components/learning-form";
import { getDb } from "~/db.server";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues } from "~/lib/forms";
import { updateLearning } from "~/models/learning/entries.server";
import { requireEditableEntry } from "~/models/learning/guard.server";
import { learningCapabilityChoices } from "~/models/learning/queries.server";
import { learningRefusalFields, parseLearningEdit } from "~/schemas/learning";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Learning entry not found" />;
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Edit learning - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entry } = await requireEditableEntry(request, params.id);
  const capabilities = await learningCapabilityChoices(
    getDb(),
    entry.capabilities.map((c) => c.id),
  );
  return json({
    id: entry.id,
    title: entry.title,
    organisationName: entry.organisationName,
    capabilities,
    values: learningFormValues(entry),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, entry } = await requireEditableEntry(request, params.id);
  const formData = await readForm(request);
  const form = parseLearningEdit(formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateLearning(getDb(), { actor, entryId: entry.id, fields: form.data });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: learningRefusalFields });
  }
  return redirectWithFlash(`/learning/${entry.id}`, "Learning saved.");
}

export default function EditLearning() {
  const { id, title, organisationName, capabilities, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <LearningErrorSummary errors={data?.errors} />
        <span className="nhsuk-caption-l">Learning recorded by {organisationName}</span>
        <h1>Edit {title}</h1>
        <p>Actions are kept up to date on the entry&apos;s own page.</p>
        <LearningForm
          values={data?.values ?? values}
          errors={data?.errors}
          capabilities={capabilities}
          withActions={false}
          submitLabel="Save changes"
        />
        <p>
          <Link to={`/learning/${id}`}>Back to the entry without saving</Link>
        </p>
      </div>
    </div>
  );
}
