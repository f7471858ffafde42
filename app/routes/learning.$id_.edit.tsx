import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireSignedIn } from "~/auth/guards.server";
import { LearningErrorSummary, LearningForm, learningFormValues } from "~/components/learning-form";
import { getDb } from "~/db.server";
import { formValues } from "~/lib/forms";
import { LearningForbidden, LearningNotFound, LearningRefused, updateLearning } from "~/models/learning/entries.server";
import { learningCapabilityChoices, learningPermissions, readLearningEntry } from "~/models/learning/queries.server";
import { parseLearningEdit } from "~/schemas/learning";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Edit learning - Peerlink" }];

/** Only the side that wrote the entry edits it; a private entry does not exist for anyone outside the two trusts. */
async function loadEditable(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const entry = await readLearningEntry(getDb(), id ?? "", actor);
  if (!entry) throw notFound();
  if (!learningPermissions(actor, entry).mayEdit) throw forbidden();
  return { actor, entry };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entry } = await loadEditable(request, params.id);
  const capabilities = await learningCapabilityChoices(
    getDb(),
    entry.capabilities.map((c) => c.id),
  );
  return json({ id: entry.id, title: entry.title, organisationName: entry.organisationName, capabilities, values: learningFormValues(entry) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, entry } = await loadEditable(request, params.id);
  const formData = await request.formData();
  const form = parseLearningEdit(formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateLearning(getDb(), { actor, entryId: entry.id, fields: form.data });
  } catch (error) {
    if (error instanceof LearningNotFound) throw notFound();
    if (error instanceof LearningForbidden) throw forbidden();
    if (error instanceof LearningRefused) return json({ errors: { [error.field]: error.message }, values: formValues(formData) }, { status: 400 });
    throw error;
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
        <LearningForm values={data?.values ?? values} errors={data?.errors} capabilities={capabilities} withActions={false} submitLabel="Save changes" />
        <p>
          <Link to={`/learning/${id}`}>Back to the entry without saving</Link>
        </p>
      </div>
    </div>
  );
}
