import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireSignedIn } from "~/auth/guards.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { SummaryList } from "~/components/summary-list";
import { getDb } from "~/db.server";
import { answerError, asResponse } from "~/lib/error-response.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm, readForm, valueOf } from "~/lib/forms";
import { erasePerson, personToErase } from "~/models/account/erasure.server";
import { erasureSchema } from "~/schemas/erasure";

export const meta: MetaFunction = () => [{ title: "Erase a person - Peerlink" }];

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Person not found" />;

const ROLE_NAMES = {
  member: "Member",
  org_admin: "Organisation administrator",
  coordinator: "Coordinator",
  admin: "Service administrator",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const person = await personToErase(getDb(), actor, params.id ?? "").catch((error: unknown) => {
    throw asResponse(error);
  });
  return json({ person });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const db = getDb();
  // Only administrators reach the form at all, whatever they send.
  await personToErase(db, actor, params.id ?? "").catch((error: unknown) => {
    throw asResponse(error);
  });
  const form = parseForm(erasureSchema, await readForm(request));
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await erasePerson(db, actor, { userId: params.id ?? "", confirmEmail: form.data.confirmEmail });
  } catch (error) {
    return answerError(
      error,
      { confirmEmail: form.data.confirmEmail },
      { fields: { confirm_mismatch: "confirmEmail" } },
    );
  }
  return redirectWithFlash("/admin/users", "The person has been erased. Their work is now shown as a former user's.");
}

export default function ErasePerson() {
  const { person } = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const errors = acted?.errors;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["confirmEmail"]} />
        <h1>Erase a person</h1>
        <SummaryList
          rows={[
            ["Name", person.name],
            ["Email address", person.email],
            ["Role", ROLE_NAMES[person.role]],
            ["Belongs to", person.organisationName ?? person.coordinatingBodyName ?? "The Peerlink service"],
          ]}
        />
        {person.erased ? (
          <p>This person has already been erased.</p>
        ) : (
          <>
            <h2>What erasing does</h2>
            <ul>
              <li>Their name becomes &ldquo;Former user&rdquo; and their email address is removed.</li>
              <li>They are signed out everywhere and can never sign in again.</li>
              <li>
                Their sessions, two-factor key and recovery codes, linked NHS identities, password resets, invitations,
                notifications, mail choices and mail addressed to them are deleted.
              </li>
              <li>Where they are named as an engagement&apos;s contact or an offer&apos;s contact, that is removed.</li>
              <li>
                What they wrote for their organisation (assessments, requests, offers, sessions, learning, feedback and
                decisions) stays, shown as written by a former user.
              </li>
              <li>The audit log records that you erased them, without their name or email address.</li>
            </ul>
            <div className="nhsuk-warning-callout">
              <h3 className="nhsuk-warning-callout__label">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                This cannot be undone
              </h3>
              <p>
                If they asked for a copy of their data, they should download it from their account before you erase
                them.
              </p>
            </div>
            <Form method="post" noValidate>
              <TextField
                name="confirmEmail"
                label="Type the person's email address to confirm"
                hint={`It is ${person.email}`}
                type="email"
                autoComplete="off"
                spellCheck={false}
                defaultValue={valueOf(acted?.values, "confirmEmail")}
                error={errors?.confirmEmail}
              />
              <SubmitButton>Erase this person</SubmitButton>
            </Form>
          </>
        )}
        <p>
          <Link className="nhsuk-link" to="/admin/users">
            Back to users
          </Link>
        </p>
      </div>
    </div>
  );
}
