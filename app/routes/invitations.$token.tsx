import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password.server";
import { setSignInNotice } from "~/auth/flow-cookies.server";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { formatDateInEngland } from "~/lib/dates";
import { readForm, parseForm } from "~/lib/forms";
import { acceptInvitation, findUsableInvitation, invitationLinkState } from "~/models/account/invitations.server";
import { acceptInvitationSchema } from "~/schemas/invitation";
import { ResourceErrorBoundary } from "~/components/error-boundary";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Invitation not found" />;

export const meta: MetaFunction = () => [{ title: "Accept your invitation - Peerlink" }];

interface DeadInvitation {
  state: "used" | "expired";
  expiredOn: string;
  askWho: string;
}

/** A used or expired link says which, with the way on; a link that never existed is not found. */
async function unusable(token: string) {
  const link = await invitationLinkState(getDb(), token);
  if (link.state === "unknown" || link.state === "usable") throw notFound();
  const dead: DeadInvitation =
    link.state === "used"
      ? { state: "used", expiredOn: "", askWho: "" }
      : {
          state: "expired",
          expiredOn: formatDateInEngland(link.expiredAt),
          askWho: link.invitedByName ?? "the person who invited you",
        };
  return json({ dead, invitation: null, errors: {} as Record<string, string> }, { status: 410 });
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Public by design: the unguessable, single-use token is the credential.
  const invitation = await findUsableInvitation(getDb(), params.token ?? "");
  if (!invitation) return unusable(params.token ?? "");
  const joining = invitation.organisation_name ?? invitation.body_name ?? "the Peerlink service";
  return json({
    dead: null,
    invitation: { name: invitation.name, email: invitation.email, joining, min: PASSWORD_MIN, max: PASSWORD_MAX },
    errors: {} as Record<string, string>,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await findUsableInvitation(getDb(), token);
  if (!invitation) return unusable(token);
  const form = parseForm(acceptInvitationSchema, await readForm(request));
  if (!form.ok)
    return json({ dead: null, invitation: null, errors: form.errors as Record<string, string> }, { status: 400 });
  const problem = passwordProblem(form.data.password);
  if (problem)
    return json(
      { dead: null, invitation: null, errors: { password: problem } as Record<string, string> },
      { status: 400 },
    );
  const userId = await acceptInvitation(getDb(), token, form.data.password, context.clientAddress ?? null);
  if (!userId) return unusable(token);
  return redirect("/login", {
    headers: { "Set-Cookie": await setSignInNotice({ kind: "invitation_accepted", email: invitation.email }) },
  });
}

function DeadInvitationPage({ dead }: { dead: DeadInvitation }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {dead.state === "used" ? (
          <>
            <h1>This invitation has already been used</h1>
            <p>
              This invitation has already been used: <Link to="/login">sign in</Link>.
            </p>
          </>
        ) : (
          <>
            <h1>This invitation has expired</h1>
            <p>
              This invitation expired on {dead.expiredOn}: ask {dead.askWho} for a new one.
            </p>
          </>
        )}
      </div>
    </div>
  );
}

export default function AcceptInvitation() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const dead = acted?.dead ?? loaded.dead;
  if (dead || !loaded.invitation) return dead ? <DeadInvitationPage dead={dead} /> : null;
  const { name, email, joining, min, max } = loaded.invitation;
  const errors = acted?.errors;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["password", "confirmPassword"]} />
        <h1>Set your password</h1>
        <p>
          Welcome, {name}. You are joining {joining} on Peerlink as {email}.
        </p>
        <Form method="post" noValidate>
          <TextField
            name="password"
            label="Create a password"
            type="password"
            autoComplete="new-password"
            hint={`Use ${min} to ${max} characters. Three random words make a strong password. Common passwords are refused.`}
            error={errors?.password}
          />
          <TextField
            name="confirmPassword"
            label="Enter the password again"
            type="password"
            autoComplete="new-password"
            error={errors?.confirmPassword}
          />
          <SubmitButton>Set password</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
