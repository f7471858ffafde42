import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password.server";
import { ChoiceField, ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { SummaryList } from "~/components/summary-list";
import { signInThrottle } from "~/config.server";
import { getAuth, getDb } from "~/db.server";
import { DELIVERIES, DELIVERY_LABELS, MESSAGE_GROUP_NAMES, MESSAGE_GROUPS } from "~/domain/message-groups";
import { readForm, parseForm, type FieldErrors } from "~/lib/forms";
import { changePassword } from "~/models/account/password-change.server";
import { countSessions, signOutEverywhere } from "~/models/account/sign-in.server";
import { preferencesOf, savePreferences } from "~/models/notification/preferences.server";
import { accountActionSchema, mailPreferencesSchema } from "~/schemas/mail-preferences";
import { changePasswordSchema } from "~/schemas/password";

export const meta: MetaFunction = () => [{ title: "Your account - Peerlink" }];

const ROLE_NAMES = {
  member: "Member",
  org_admin: "Organisation administrator",
  coordinator: "Coordinator",
  admin: "Service administrator",
} as const;

type Outcome = { done: "password" | "preferences" | null; errors: FieldErrors | null };

// The throttled answer says when to try again.
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const db = getDb();
  const sessions = await countSessions(db, user.id);
  return json({
    name: user.name,
    email: user.email,
    role: ROLE_NAMES[user.role],
    belongsTo: user.belongsToName,
    sessions,
    min: PASSWORD_MIN,
    max: PASSWORD_MAX,
    preferences: await preferencesOf(db, user.id),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requirePermission(request, { action: "account:manage" });
  const formData = await readForm(request);
  const intent = accountActionSchema.safeParse({ intent: formData.get("intent") ?? "change-password" });
  if (!intent.success) return json<Outcome>({ done: null, errors: { form: "Choose what to change" } }, { status: 400 });
  if (intent.data.intent === "sign-out-everywhere") {
    const cookie = await signOutEverywhere(getAuth(), user.id);
    return redirect("/login", { headers: { "Set-Cookie": cookie } });
  }
  if (intent.data.intent === "mail-preferences") {
    const form = parseForm(mailPreferencesSchema, formData);
    if (!form.ok) return json<Outcome>({ done: null, errors: form.errors }, { status: 400 });
    // Always the signed-in person's own choices: no user id is read from the form.
    await savePreferences(getDb(), user.id, form.data);
    return json<Outcome>({ done: "preferences", errors: null });
  }
  const form = parseForm(changePasswordSchema, formData);
  if (!form.ok) return json<Outcome>({ done: null, errors: form.errors }, { status: 400 });
  const result = await changePassword(
    getDb(),
    {
      userId: user.id,
      sessionId: session.id,
      currentPassword: form.data.currentPassword,
      newPassword: form.data.newPassword,
      client: context.clientAddress ?? "unknown",
    },
    signInThrottle(),
  );
  if (!result.ok) {
    const throttled = "retryAfterSeconds" in result;
    const headers = throttled ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
    return json<Outcome>(
      { done: null, errors: { [result.field]: result.message } },
      { status: throttled ? 429 : 400, headers },
    );
  }
  return json<Outcome>({ done: "password", errors: null });
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const errors = acted?.errors ?? undefined;
  return (
    <>
      <ErrorSummary
        errors={errors}
        order={["currentPassword", "newPassword", "confirmPassword", ...MESSAGE_GROUP_NAMES]}
      />
      {acted?.done === "password" ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Your password has been changed. Every other session has been signed out.</p>
        </div>
      ) : null}
      <h1>Your account</h1>
      <SummaryList
        rows={[
          ["Name", data.name],
          ["Email address", data.email],
          ["Role", data.role],
          ["Belongs to", data.belongsTo ?? "The Peerlink service"],
          [
            "Signed-in sessions",
            <>
              {data.sessions} (<Link to="/account/sessions">see and end them</Link>)
            </>,
          ],
        ]}
      />
      <h2>Your data</h2>
      <p>
        <a className="nhsuk-link" href="/account/data" download>
          Download everything Peerlink holds about you (JSON)
        </a>
      </p>
      <p>
        The <a href="/privacy">privacy page</a> says what is kept, for how long, and how to ask for your account to be
        erased.
      </p>
      <h2>Two-factor sign-in</h2>
      <p>
        <a className="nhsuk-link" href="/account/two-factor">
          Set up or manage two-factor sign-in
        </a>
      </p>
      <h2>Change your password</h2>
      <p>Changing it signs you out on every other device; you stay signed in here.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="change-password" />
        <TextField
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors?.currentPassword}
        />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`Use ${data.min} to ${data.max} characters. Three random words make a strong password. Common passwords are refused.`}
          error={errors?.newPassword}
        />
        <TextField
          name="confirmPassword"
          label="Enter the new password again"
          type="password"
          autoComplete="new-password"
          error={errors?.confirmPassword}
        />
        <SubmitButton>Change password</SubmitButton>
      </Form>
      <h2 id="mail">How Peerlink mails you</h2>
      <p>
        Every message is shown in Peerlink. Choose which ones are also mailed to you at once, or gathered into one mail
        each morning at 7am. Mail about your account, such as invitations and password resets, is always sent at once.
      </p>
      {acted?.done === "preferences" ? (
        <div className="nhsuk-inset-text" role="status">
          <p>Your mail choices are saved.</p>
        </div>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="mail-preferences" />
        {MESSAGE_GROUP_NAMES.map((group) => (
          <ChoiceField
            key={group}
            kind="radio"
            name={group}
            legend={MESSAGE_GROUPS[group].label}
            error={errors?.[group]}
            small
            options={DELIVERIES.map((d) => ({ value: d, label: DELIVERY_LABELS[d] }))}
            selected={[data.preferences[group]]}
          />
        ))}
        <button className="nhsuk-button" type="submit">
          Save mail choices
        </button>
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
