import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCan } from "~/auth/guards.server";
import type { Actor } from "~/auth/policy";
import { ChoiceField, ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { readForm, formValues, parseForm, valueOf, valuesOf, type FormValues } from "~/lib/forms";
import { engagementContacts, organisationPeople, setOwnContacts } from "~/models/engagement/contacts.server";
import { engagementRef, type EngagementRow } from "~/models/engagement/core.server";
import { answerError } from "~/lib/error-response.server";
import { ResourceErrorBoundary } from "~/components/error-boundary";
import { requireVisibleEngagement } from "~/models/engagement/guard.server";
import { engagementContactsSchema } from "~/schemas/engagement-contacts";
import { redirectWithFlash } from "~/lib/flash.server";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Engagement not found" />;

export const meta: MetaFunction = () => [{ title: "Lead contact and session attendees - Peerlink" }];

/** Only the two trusts' own people change their trust's contacts; followers may only read them. */
async function requireOwnSide(
  request: Request,
  id: string | undefined,
): Promise<{ actor: Actor; engagement: EngagementRow; side: "requester" | "pioneer" }> {
  const { actor, engagement } = await requireVisibleEngagement(request, id);
  assertCan(actor, { action: "engagement:work", engagement: engagementRef(engagement) });
  return { actor, engagement, side: actor.organisationId === engagement.requester_id ? "requester" : "pioneer" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { engagement, side } = await requireOwnSide(request, params.id);
  const db = getDb();
  const own = (await engagementContacts(db, engagement))[side];
  const people = await organisationPeople(db, side === "requester" ? engagement.requester_id : engagement.pioneer_id);
  const saved: FormValues = {
    leadName: own.lead?.name ?? "",
    leadEmail: own.lead?.email ?? "",
    leadPhone: own.lead?.phone ?? "",
    attendeeIds: own.attendees.map((a) => a.id),
  };
  return json({ engagement, organisationName: own.organisationName, people, saved });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, engagement } = await requireOwnSide(request, params.id);
  const formData = await readForm(request);
  const form = parseForm(engagementContactsSchema, formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await setOwnContacts(getDb(), {
      engagementId: engagement.id,
      actor,
      lead: { name: form.data.leadName, email: form.data.leadEmail, phone: form.data.leadPhone },
      attendeeIds: form.data.attendeeIds,
    });
  } catch (error) {
    return answerError(error, formValues(formData), { fields: { attendees_not_own: "attendeeIds" } });
  }
  return redirectWithFlash(`/engagements/${engagement.id}`, "Contacts saved.");
}

export default function EngagementContactsPage() {
  const { engagement: e, organisationName, people, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values = data?.values ?? saved;
  const errors = data?.errors;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["leadName", "leadEmail", "leadPhone", "attendeeIds"]} />
        <span className="nhsuk-caption-l">{e.request_title}</span>
        <h1>{organisationName}: lead contact and session attendees</h1>
        <Form method="post" noValidate>
          <h2>Lead contact</h2>
          <p>The other trust sees this person's name, email and phone on the engagement page.</p>
          <TextField
            name="leadName"
            label="Name"
            autoComplete="name"
            defaultValue={valueOf(values, "leadName")}
            error={errors?.leadName}
          />
          <TextField
            name="leadEmail"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            defaultValue={valueOf(values, "leadEmail")}
            error={errors?.leadEmail}
          />
          <TextField
            name="leadPhone"
            label="Phone number"
            autoComplete="tel"
            width={20}
            defaultValue={valueOf(values, "leadPhone")}
            error={errors?.leadPhone}
          />
          <ChoiceField
            kind="checkbox"
            name="attendeeIds"
            legend="Who from your trust attends the sessions"
            hint="They are sent a calendar invitation for every session, and an update when one moves or is cancelled. If you choose nobody, everyone in your trust is sent them."
            options={people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
            selected={valuesOf(values, "attendeeIds")}
            error={errors?.attendeeIds}
          />
          <SubmitButton>Save contacts</SubmitButton>
        </Form>
        <p>
          <Link to={`/engagements/${e.id}`}>Back to the engagement</Link>
        </p>
      </div>
    </div>
  );
}
