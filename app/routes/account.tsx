import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password.server";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { config } from "~/config.server";
import { getAuth, getDb } from "~/db.server";
import { parseForm } from "~/lib/forms";
import { changePassword } from "~/models/account/password-change.server";
import { countSessions, signOutEverywhere } from "~/models/account/sign-in.server";
import { SummaryList } from "~/components/summary-list";
import { changePasswordSchema } from "~/schemas/password";

export const meta: MetaFunction = () => [{ title: "Your account - Peerlink" }];

const ROLE_NAMES = { member: "Member", org_admin: "Organisation administrator", coordinator: "Coordinator", admin: "Service administrator" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const sessions = await countSessions(getDb(), user.id);
  return json({ name: user.name, email: user.email, role: ROLE_NAMES[user.role], belongsTo: user.belongsToName, sessions, min: PASSWORD_MIN, max: PASSWORD_MAX });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requirePermission(request, { action: "account:manage" });
  const formData = await request.formData();
  if (formData.get("intent") === "sign-out-everywhere") {
    const cookie = await signOutEverywhere(getAuth(), user.id);
    return redirect("/login", { headers: { "Set-Cookie": cookie } });
  }
  const form = parseForm(changePasswordSchema, formData);
  if (!form.ok) return json({ changed: false, errors: form.errors }, { status: 400 });
  const settings = config();
  const result = await changePassword(
    getDb(),
    { userId: user.id, sessionId: session.id, currentPassword: form.data.currentPassword, newPassword: form.data.newPassword, client: context.clientAddress ?? "unknown" },
    { maxFailures: settings.SIGN_IN_MAX_FAILURES, windowMinutes: settings.SIGN_IN_WINDOW_MINUTES },
  );
  if (!result.ok) {
    const headers = "retryAfterSeconds" in result ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
    return json({ changed: false, errors: { [result.field]: result.message } as Record<string, string> }, { status: "retryAfterSeconds" in result ? 429 : 400, headers });
  }
  return json({ changed: true, errors: {} as Record<string, string> });
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const errors = acted?.errors;
  return (
    <>
      <ErrorSummary errors={errors} order={["currentPassword", "newPassword", "confirmPassword"]} />
      {acted?.changed ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Your password has been changed. Every other session has been signed out.</p>
        </div>
      ) : null}
      <h1>Your account</h1>
      <SummaryList rows={[
          ["Name", data.name],
          ["Email address", data.email],
          ["Role", data.role],
          ["Belongs to", data.belongsTo ?? "The Peerlink service"],
          ["Signed-in sessions", String(data.sessions)],
        ]} />
      <h2>Change your password</h2>
      <p>Changing it signs you out on every other device; you stay signed in here.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="change-password" />
        <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors?.currentPassword} />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`Use ${data.min} to ${data.max} characters. Three random words make a strong password. Common passwords are refused.`}
          error={errors?.newPassword}
        />
        <TextField name="confirmPassword" label="Enter the new password again" type="password" autoComplete="new-password" error={errors?.confirmPassword} />
        <SubmitButton>Change password</SubmitButton>
      </Form>
      <h2>Sign out everywhere</h2>
      <p>If you signed in on a shared or lost device, end every session, including this one.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Sign out everywhere
        </button>
      </Form>
    </>
  );
}
