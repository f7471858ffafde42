import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password.server";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { readForm, parseForm } from "~/lib/forms";
import { acceptInvitation, findUsableInvitation } from "~/models/account/invitations.server";
import { acceptInvitationSchema } from "~/schemas/invitation";

export const meta: MetaFunction = () => [{ title: "Accept your invitation - Peerlink" }];

function expired(): Response {
  return new Response("This invitation link has expired or has already been used. Ask the person who invited you for a new one.", { status: 404, statusText: "Not Found" });
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Public by design: the unguessable, single-use token is the credential.
  const invitation = await findUsableInvitation(getDb(), params.token ?? "");
  if (!invitation) throw expired();
  return json({ name: invitation.name, email: invitation.email, joining: invitation.organisation_name ?? invitation.body_name ?? "the Peerlink service", min: PASSWORD_MIN, max: PASSWORD_MAX });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  if (!(await findUsableInvitation(getDb(), token))) throw expired();
  const form = parseForm(acceptInvitationSchema, await readForm(request));
  if (!form.ok) return json({ errors: form.errors }, { status: 400 });
  const problem = passwordProblem(form.data.password);
  if (problem) return json({ errors: { password: problem } }, { status: 400 });
  const userId = await acceptInvitation(getDb(), token, form.data.password);
  if (!userId) throw expired();
  return redirect("/login?accepted=1");
}

export default function AcceptInvitation() {
  const { name, email, joining, min, max } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors as Record<string, string> | undefined;
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
          <TextField name="confirmPassword" label="Enter the password again" type="password" autoComplete="new-password" error={errors?.confirmPassword} />
          <SubmitButton>Set password</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
