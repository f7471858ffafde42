import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getAuth, getDb } from "~/db.server";
import { DELIVERIES, DELIVERY_LABELS, MESSAGE_GROUP_NAMES, MESSAGE_GROUPS } from "~/domain/message-groups";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { countSessions, signOutEverywhere } from "~/models/account/sign-in.server";
import { preferencesOf, savePreferences } from "~/models/notification/preferences.server";
import { ChoiceField, ErrorSummary } from "~/components/form";
import { SummaryList } from "~/components/summary-list";
import { accountActionSchema, mailPreferencesSchema } from "~/schemas/mail-preferences";

export const meta: MetaFunction = () => [{ title: "Your account - Peerlink" }];

const ROLE_NAMES = { member: "Member", org_admin: "Organisation administrator", coordinator: "Coordinator", admin: "Service administrator" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const db = getDb();
  const sessions = await countSessions(db, user.id);
  return json({ name: user.name, email: user.email, role: ROLE_NAMES[user.role], belongsTo: user.belongsToName, sessions, preferences: await preferencesOf(db, user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const formData = await request.formData();
  const intent = accountActionSchema.safeParse({ intent: formData.get("intent") ?? "sign-out-everywhere" });
  if (!intent.success) return json({ errors: { form: "Choose what to change" } as FieldErrors, saved: false }, { status: 400 });
  if (intent.data.intent === "sign-out-everywhere") {
    const cookie = await signOutEverywhere(getAuth(), user.id);
    return redirect("/login", { headers: { "Set-Cookie": cookie } });
  }
  const form = parseForm(mailPreferencesSchema, formData);
  if (!form.ok) return json({ errors: form.errors, saved: false }, { status: 400 });
  // Always the signed-in person's own choices: no user id is read from the form.
  await savePreferences(getDb(), user.id, form.data);
  return json({ errors: null, saved: true });
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? undefined;
  return (
    <>
      <ErrorSummary errors={errors} order={MESSAGE_GROUP_NAMES} />
      <h1>Your account</h1>
      <SummaryList rows={[
          ["Name", data.name],
          ["Email address", data.email],
          ["Role", data.role],
          ["Belongs to", data.belongsTo ?? "The Peerlink service"],
          ["Signed-in sessions", String(data.sessions)],
        ]} />
      <h2 id="mail">How Peerlink mails you</h2>
      <p>Every message is shown in Peerlink. Choose which ones are also mailed to you at once, or gathered into one mail each morning at 7am. Mail about your account, such as invitations, is always sent at once.</p>
      {result?.saved ? (
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
