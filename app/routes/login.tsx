import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { getSignedIn } from "~/auth/guards.server";
import { clearFlowToken, readSignInNotice, setFlowToken } from "~/auth/flow-cookies.server";
import { waitThenTryAgain } from "~/auth/throttle.server";
import { mfaRequiredRoles, oidcSettings, passwordSignInAllowed, signInThrottle } from "~/config.server";
import { getAuth, getDb } from "~/db.server";
import { readForm, parseForm, valueOf } from "~/lib/forms";
import { safeRedirect } from "~/lib/redirect";
import { signIn } from "~/models/account/sign-in.server";

export const meta: MetaFunction = () => [{ title: "Sign in - Peerlink" }];

// The throttled answer says when to try again.
export const headers = retryAfterHeaders;

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.nhs.uk"),
  password: z.string().min(1, "Enter your password").max(1024, "Enter your password"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSignedIn(request)) return redirect("/");
  const options = { oidcLabel: oidcSettings()?.label ?? null, passwords: passwordSignInAllowed() };
  const notice = await readSignInNotice(request);
  if (!notice) return json({ ...options, notice: null });
  return json({ ...options, notice }, { headers: { "Set-Cookie": await clearFlowToken("notice") } });
}

const NOTICES = {
  invitation_accepted: "Your account is ready. Sign in with the password you have just set.",
  password_reset:
    "Your password has been changed and you have been signed out everywhere. Sign in with your new password.",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  if (!passwordSignInAllowed())
    return json(
      { errors: { form: `Passwords are not used here. ${oidcSettings()?.label}.` }, values: {} },
      { status: 400 },
    );
  const form = parseForm(schema, await readForm(request));
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await signIn(
    getDb(),
    getAuth(),
    {
      email: form.data.email,
      password: form.data.password,
      client: context.clientAddress ?? "unknown",
      userAgent: request.headers.get("User-Agent"),
    },
    signInThrottle(),
    { mfaRequiredRoles: mfaRequiredRoles(), redirectTo: safeRedirect(form.data.redirectTo) },
  );
  const values = { email: form.data.email };
  if (!result.ok && result.reason === "throttled") {
    return json(
      { errors: { form: `Too many failed sign-in attempts. ${waitThenTryAgain(result.retryAfterSeconds)}` }, values },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok && result.reason === "second-factor") {
    const next = result.enrol ? "/login/set-up-two-factor" : "/login/two-factor";
    return redirect(next, { headers: { "Set-Cookie": await setFlowToken("challenge", result.challenge) } });
  }
  if (!result.ok) {
    return json({ errors: { email: "Email address or password is not correct" }, values }, { status: 400 });
  }
  return redirect(safeRedirect(form.data.redirectTo), { headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const { oidcLabel, passwords, notice } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors = data?.errors as Record<string, string> | undefined;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["email", "password"]} />
        {notice && !data ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{NOTICES[notice.kind]}</p>
          </div>
        ) : null}
        <h1>Sign in to Peerlink</h1>
        {params.get("refused") === "provider" ? (
          <p className="nhsuk-error-message">Signing in with your NHS account did not complete. Try again.</p>
        ) : null}
        {oidcLabel ? (
          <p>
            <a
              className="nhsuk-button"
              href={`/auth/oidc?redirectTo=${encodeURIComponent(params.get("redirectTo") ?? "/")}`}
            >
              {oidcLabel}
            </a>
          </p>
        ) : null}
        {passwords ? (
          <>
            {oidcLabel ? <h2 className="nhsuk-heading-m">Or sign in with a password</h2> : null}
            <Form method="post" noValidate>
              <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
              <TextField
                name="email"
                label="Email address"
                type="email"
                autoComplete="username"
                spellCheck={false}
                defaultValue={valueOf(data?.values, "email") || notice?.email}
                error={errors?.email}
              />
              <TextField
                name="password"
                label="Password"
                type="password"
                autoComplete="current-password"
                error={errors?.password}
              />
              <SubmitButton>Sign in</SubmitButton>
            </Form>
            <p>
              <Link to="/forgot-password">Forgot your password?</Link>
            </p>
          </>
        ) : null}
        <p>If you do not have an account, ask a coordinator or your organisation's administrator to invite you.</p>
      </div>
    </div>
  );
}
