import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { ResourceErrorBoundary } from "~/components/error-boundary";
import { ChoiceField, ErrorSummary, SubmitButton } from "~/components/form";
import { AccountStateTag, ROLE_LABELS } from "~/components/people-table";
import { SummaryList } from "~/components/summary-list";
import { getDb } from "~/db.server";
import { formatDateTimeInEngland } from "~/lib/dates";
import { answerError, asResponse } from "~/lib/error-response.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm, readForm } from "~/lib/forms";
import { changeRole, disableAccount, enableAccount, getAccount } from "~/models/account/administration.server";
import { accountActionSchema } from "~/schemas/account-admin";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Person"} - Users - Peerlink` },
];

export const ErrorBoundary = () => (
  <ResourceErrorBoundary missing="No one with this address has an account you can see." />
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "user:directory" });
  const account = await getAccount(getDb(), actor, params.id ?? "").catch((error: unknown) => {
    throw asResponse(error);
  });
  return json({
    account: {
      ...account,
      createdAt: formatDateTimeInEngland(account.created_at),
      lastSignIn: account.last_sign_in_at ? formatDateTimeInEngland(account.last_sign_in_at) : null,
      disabledAt: account.disabled_at ? formatDateTimeInEngland(account.disabled_at) : null,
    },
    self: account.id === actor.id,
    mayErase: can(actor, { action: "user:erase", userId: account.id }),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "user:directory" });
  // Someone the actor may not see is not found, whatever the form says.
  await getAccount(getDb(), actor, params.id ?? "").catch((error: unknown) => {
    throw asResponse(error);
  });
  const formData = await readForm(request);
  const form = parseForm(accountActionSchema, formData);
  if (!form.ok) {
    const { intent, ...errors } = form.errors;
    return json({ errors: intent ? { ...errors, form: intent } : errors }, { status: 400 });
  }
  const db = getDb();
  const userId = params.id ?? "";
  const change = { userId, clientAddress: context.clientAddress ?? null };
  const here = `/admin/users/${encodeURIComponent(userId)}`;
  try {
    switch (form.data.intent) {
      case "change-role":
        await changeRole(db, actor, { ...change, role: form.data.role });
        return redirectWithFlash(here, `Their role is now ${ROLE_LABELS[form.data.role].toLowerCase()}.`);
      case "disable":
        await disableAccount(db, actor, change);
        return redirectWithFlash(here, "The account has been disabled and every session it had has ended.");
      case "enable":
        await enableAccount(db, actor, change);
        return redirectWithFlash(here, "The account has been re-enabled. They need to sign in again.");
    }
  } catch (error) {
    return answerError(error, formValues(formData), { fields: { role: "role", same_role: "role" } });
  }
}

export default function Person() {
  const { account, self, mayErase } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors as Record<string, string> | undefined;
  const disabled = account.disabled_at !== null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["role", "form"]} />
        <p>
          <Link to="/admin/users" className="nhsuk-back-link__link">
            Back to users
          </Link>
        </p>
        <h1>{account.name}</h1>
        <SummaryList
          rows={[
            ["Email", account.email],
            ["Role", ROLE_LABELS[account.role]],
            ["Belongs to", account.belongs_to ?? "The service"],
            ["State", <AccountStateTag key="state" state={disabled ? "disabled" : "active"} />],
            ...(account.disabledAt ? [["Disabled on", account.disabledAt] as [string, string]] : []),
            ["Account created", account.createdAt],
            ["Last sign-in", account.lastSignIn ?? "Never"],
            ["Signed-in sessions", String(account.activeSessions)],
          ]}
        />
        {self ? (
          <p className="nhsuk-inset-text">
            This is your own account: someone else changes your role or disables it. Your sessions are on{" "}
            <Link to="/account/sessions">your sessions page</Link>.
          </p>
        ) : null}
        {account.assignableRoles.length > 1 ? (
          <>
            <h2>Change role</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="change-role" />
              <ChoiceField
                kind="radio"
                name="role"
                legend="Role"
                hint={
                  account.assignableRoles.includes("admin")
                    ? "Service administrators belong to no organisation, so making someone one leaves their organisation or coordinating body behind."
                    : undefined
                }
                options={account.assignableRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                selected={[account.role]}
                error={errors?.role}
              />
              <SubmitButton>Change role</SubmitButton>
            </Form>
          </>
        ) : null}
        {account.mayDisable ? (
          disabled ? (
            <>
              <h2>Re-enable the account</h2>
              <p>They can sign in again. Sessions ended when the account was disabled stay ended.</p>
              <Form method="post">
                <input type="hidden" name="intent" value="enable" />
                <SubmitButton>Re-enable account</SubmitButton>
              </Form>
            </>
          ) : (
            <>
              <h2>Disable the account</h2>
              <p>They are signed out everywhere at once and cannot sign in until the account is re-enabled.</p>
              <Form method="post">
                <input type="hidden" name="intent" value="disable" />
                <button className="nhsuk-button nhsuk-button--warning" data-module="nhsuk-button" type="submit">
                  Disable account
                </button>
              </Form>
            </>
          )
        ) : null}
        {mayErase ? (
          <>
            <h2>Erase this person</h2>
            <p>
              <Link to={`/admin/users/${account.id}/erase`}>Erase their personal data</Link>: you will be shown what is
              removed and what is kept before anything changes.
            </p>
          </>
        ) : null}
      </div>
    </div>
  );
}
