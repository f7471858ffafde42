import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { keyForTyping, qrSvg } from "~/auth/two-factor/totp.server";
import { TextField } from "~/components/form";
import { RecoveryCodes, TwoFactorSetup } from "~/components/two-factor-setup";
import { waitThenTryAgain } from "~/auth/throttle.server";
import { mfaRequiredRoles, signInThrottle } from "~/config.server";
import { withCodeThrottle } from "~/models/account/code-throttle.server";
import { getDb } from "~/db.server";
import { readForm, parseForm } from "~/lib/forms";
import {
  checkSecondFactor,
  confirmEnrolment,
  hasTwoFactor,
  pendingEnrolment,
  removeTwoFactor,
  unusedRecoveryCodes,
} from "~/models/account/two-factor.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in - Peerlink" }];

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("confirm"),
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows"),
    }),
    // Turning it off takes a code too, so a session left open is not enough to weaken the account.
    z.object({
      intent: z.literal("remove"),
      code: z
        .string()
        .trim()
        .min(1, "Enter a code from your authenticator app, or a recovery code")
        .max(64, "Enter a code from your authenticator app, or a recovery code"),
    }),
  ],
  { errorMap: () => ({ message: "Enter the 6-digit code your authenticator app shows" }) },
);

// The recovery codes live only in the action's answer: reloading the page would lose them.
export const shouldRevalidate = ({ actionResult }: { actionResult?: { codes?: unknown } }) => !actionResult?.codes;

// The throttled answer says when to try again.
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const db = getDb();
  const required = mfaRequiredRoles().includes(user.role);
  if (await hasTwoFactor(db, user.id)) {
    return json({
      enrolled: true as const,
      required,
      recoveryCodesLeft: await unusedRecoveryCodes(db, user.id),
      setup: null,
    });
  }
  const pending = await pendingEnrolment(db, user.id, user.email);
  const setup = pending ? { qrSvg: await qrSvg(pending.uri), typedKey: keyForTyping(pending.key) } : null;
  return json({ enrolled: false as const, required, recoveryCodesLeft: 0, setup });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const form = parseForm(schema, await readForm(request));
  if (!form.ok)
    return json({ error: form.errors.code ?? form.errors.intent ?? form.errors.form, codes: null }, { status: 400 });
  const db = getDb();
  const client = context.clientAddress ?? "unknown";
  if (form.data.intent === "remove") {
    if (mfaRequiredRoles().includes(user.role))
      return json(
        { error: "Your role needs two-factor sign-in, so it cannot be turned off", codes: null },
        { status: 400 },
      );
    const removal = await withCodeThrottle(db, { userId: user.id, client }, signInThrottle(), async () => {
      const check = await checkSecondFactor(db, user.id, form.data.code);
      return { accepted: check === "accepted", result: check };
    });
    if (removal.throttled) return tooManyWrongCodes(removal.retryAfterSeconds);
    if (removal.result !== "accepted")
      return json(
        {
          error:
            removal.result === "reused"
              ? "This code has already been used. Wait for the app to show a new code"
              : "The code is not correct",
          codes: null,
        },
        { status: 400 },
      );
    await removeTwoFactor(db, user.id, { client });
    return redirect("/account/two-factor");
  }
  const enrolment = await withCodeThrottle(db, { userId: user.id, client }, signInThrottle(), async () => {
    const codes = await confirmEnrolment(db, user.id, form.data.code, new Date(), { client });
    return { accepted: !!codes, result: codes };
  });
  if (enrolment.throttled) return tooManyWrongCodes(enrolment.retryAfterSeconds);
  const codes = enrolment.result;
  if (!codes)
    return json(
      { error: "The code is not correct. Check the app shows Peerlink and try the newest code", codes: null },
      { status: 400 },
    );
  return json({ error: null, codes });
}

function tooManyWrongCodes(retryAfterSeconds: number) {
  return json(
    { error: `Too many wrong codes. ${waitThenTryAgain(retryAfterSeconds)}`, codes: null },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

export default function AccountTwoFactor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Two-factor sign-in</h1>
        {result?.codes ? (
          <>
            <p>
              Two-factor sign-in is on. From now on you will enter a code from your authenticator app after your
              password.
            </p>
            <RecoveryCodes codes={result.codes} />
            <a className="nhsuk-link" href="/account">
              Back to your account
            </a>
          </>
        ) : data.enrolled ? (
          <>
            <p>Two-factor sign-in is on. You have {data.recoveryCodesLeft} unused recovery codes.</p>
            {data.required ? (
              <p>Your role needs two-factor sign-in, so it cannot be turned off.</p>
            ) : (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="remove" />
                <TextField
                  name="code"
                  label="To turn it off, enter a code from your authenticator app, or a recovery code"
                  width={10}
                  autoComplete="one-time-code"
                  spellCheck={false}
                  error={result?.error ?? undefined}
                />
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Turn off two-factor sign-in
                </button>
              </Form>
            )}
          </>
        ) : data.setup ? (
          <>
            <p>
              Sign in with a code from an authenticator app as well as your password, so a stolen password alone is not
              enough.
            </p>
            <TwoFactorSetup
              qrSvg={data.setup.qrSvg}
              typedKey={data.setup.typedKey}
              error={result?.error ?? undefined}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
