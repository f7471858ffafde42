import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { useMemo } from "react";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireSignedIn, forbidden } from "~/auth/guards.server";
import { can, invitableRoles, type Actor } from "~/auth/policy";
import { NotificationBanner, type Flash } from "~/components/notification-banner";
import { AutocompleteSelectField } from "~/components/autocomplete-select";
import { ChoiceField, ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { refusalErrors } from "~/lib/error-response.server";
import { readForm, parseForm, valueOf } from "~/lib/forms";
import { createInvitation } from "~/models/account/invitations.server";
import { membershipProblem } from "~/models/account/users.server";
import {
  listAllOrganisationNames,
  listCoordinatingBodies,
  organisationRef,
} from "~/models/organisation/organisations.server";
import { mailTransportConfigured } from "~/models/notification/outbox.server";
import { publicUrl } from "~/config.server";
import { invitationSchema } from "~/schemas/invitation";

export const meta: MetaFunction = () => [{ title: "Invite someone - Peerlink" }];

const ROLE_LABELS = {
  member: "Member of an organisation",
  org_admin: "Organisation administrator",
  coordinator: "Coordinator",
  admin: "Service administrator",
} as const;

async function requireInviter(request: Request): Promise<Actor> {
  const { actor } = await requireSignedIn(request);
  if (invitableRoles(actor).length === 0) throw forbidden();
  return actor;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireInviter(request);
  const db = getDb();
  const organisations = (await listAllOrganisationNames(db)).filter((o) => {
    const ref = { id: o.id, regionCode: o.region_code, icbCode: o.icb_code };
    return can(actor, { action: "user:invite", role: "member", organisation: ref });
  });
  const bodies = invitableRoles(actor).includes("coordinator") ? await listCoordinatingBodies(db) : [];
  return json({
    roles: invitableRoles(actor),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    bodies,
  });
}

/** The invitation form's field for each refusal code the invitation model gives. */
const INVITATION_REFUSAL_FIELDS = {
  organisation: "organisationId",
  coordinating_body: "coordinatingBodyId",
  email_taken: "email",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireInviter(request);
  const form = parseForm(invitationSchema, await readForm(request));
  if (!form.ok) return json({ errors: form.errors, values: form.values, link: null }, { status: 400 });
  const { data } = form;
  // A missing organisation or body is the form's to say, by its field, before who may invite whom.
  const missing = membershipProblem(data.role, data.organisationId, data.coordinatingBodyId);
  if (missing) {
    const field = data.role === "coordinator" ? "coordinatingBodyId" : "organisationId";
    return json({ errors: { [field]: missing }, values: form.data, link: null }, { status: 400 });
  }
  const db = getDb();
  const organisation = data.organisationId ? await organisationRef(db, data.organisationId) : null;
  if (data.organisationId && !organisation) {
    return json(
      { errors: { organisationId: "Select an organisation from the list" }, values: form.data, link: null },
      { status: 400 },
    );
  }
  if (
    !can(actor, {
      action: "user:invite",
      role: data.role,
      organisation: organisation ?? null,
      coordinatingBodyId: data.coordinatingBodyId,
    })
  ) {
    throw forbidden("You cannot invite someone with that role to that organisation.");
  }
  try {
    const { link } = await createInvitation(db, {
      ...data,
      invitedBy: actor.id,
      // Never the request's own Host header, which a sender can write to point the link elsewhere.
      baseUrl: publicUrl(),
      // Only someone who can list every user anyway is told that the address already has an account.
      revealExistingAccount: can(actor, { action: "user:list" }),
      clientAddress: context.clientAddress ?? null,
    });
    if (!mailTransportConfigured()) console.log(`Invitation for ${data.email}: ${link}`);
    // A fresh receipt each time re-creates the form, so it is empty for the next invitation.
    return json({
      errors: null,
      values: null,
      link: mailTransportConfigured() ? null : link,
      email: data.email,
      receipt: randomUUID(),
    });
  } catch (error) {
    return json(
      { errors: refusalErrors(error, INVITATION_REFUSAL_FIELDS), values: form.data, link: null },
      { status: 400 },
    );
  }
}

export default function NewInvitation() {
  const { roles, organisations, bodies } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = (data?.errors ?? undefined) as Record<string, string> | undefined;
  const values = (data?.values ?? undefined) as Record<string, string> | undefined;
  // Built once per answer, so the banner takes focus when the invitation is made, not on every render.
  const sent = useMemo<Flash | null>(
    () =>
      data && "email" in data && data.email
        ? {
            kind: "success",
            text: `An invitation for ${data.email} has been created and placed in the outbox. It expires in 7 days and works once.`,
            items: data.link
              ? [`No mail service is set up yet, so send this link to them yourself: ${data.link}`]
              : undefined,
          }
        : null,
    [data],
  );
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <NotificationBanner flash={sent} />
        <ErrorSummary errors={errors} order={["email", "name", "role", "organisationId", "coordinatingBodyId"]} />
        <h1>Invite someone to Peerlink</h1>
        <Form method="post" noValidate key={data && "receipt" in data ? data.receipt : "blank"}>
          <TextField name="name" label="Full name" defaultValue={valueOf(values, "name")} error={errors?.name} />
          <TextField
            name="email"
            label="Work email address"
            type="email"
            spellCheck={false}
            defaultValue={valueOf(values, "email")}
            error={errors?.email}
          />
          <ChoiceField
            kind="radio"
            name="role"
            legend="Role"
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            selected={[valueOf(values, "role") || "member"]}
            error={errors?.role}
          />
          <AutocompleteSelectField
            name="organisationId"
            label="Organisation"
            hint="For members and organisation administrators"
            defaultValue={valueOf(values, "organisationId")}
            error={errors?.organisationId}
            options={[
              { value: "", label: "Select an organisation" },
              ...organisations.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          {bodies.length > 0 ? (
            <SelectField
              name="coordinatingBodyId"
              label="Coordinating body"
              hint="For coordinators"
              defaultValue={valueOf(values, "coordinatingBodyId")}
              error={errors?.coordinatingBodyId}
              options={[
                { value: "", label: "Select a coordinating body" },
                ...bodies.map((b) => ({ value: b.id, label: b.name })),
              ]}
            />
          ) : null}
          <SubmitButton>Send invitation</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
