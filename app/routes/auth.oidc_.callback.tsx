import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { clearFlowToken, readFlowToken } from "~/auth/flow-cookies.server";
import { redirectUriOf } from "~/auth/oidc-client.server";
import { requireProvider } from "~/auth/oidc.server";
import { getAuth, getDb } from "~/db.server";
import { finishOidcSignIn } from "~/models/account/oidc-sign-in.server";

export const meta: MetaFunction = () => [{ title: "Signing in - Peerlink" }];

const REFUSALS = {
  unknown:
    "There is no Peerlink account or invitation for the email address your NHS account gave us. Ask your coordinator or your organisation's administrator for an invitation.",
  unverified:
    "Your NHS account did not confirm your email address, so Peerlink cannot tell which account is yours. Ask your coordinator or your organisation's administrator for help.",
  disabled: "Your Peerlink account has been closed. Ask your organisation's administrator if you think this is wrong.",
} as const;

/** The provider returns here with a code; the answer is a session, or a page saying why not. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { settings, provider } = await requireProvider();
  const token = await readFlowToken("oidc", request);
  // The address the provider sent the browser to (the redirect URI the trip started with), whatever proxies sit in front.
  const callbackUrl = new URL(`${redirectUriOf(settings)}${new URL(request.url).search}`);
  const result = await finishOidcSignIn(getDb(), getAuth(), provider, {
    token,
    callbackUrl,
    userAgent: request.headers.get("User-Agent"),
    clientAddress: context.clientAddress ?? null,
  });
  const headers = new Headers({ "Set-Cookie": await clearFlowToken("oidc") });
  if (result.ok) {
    headers.append("Set-Cookie", result.cookie);
    return redirect(result.redirectTo, { headers });
  }
  if (result.reason === "expired" || result.reason === "provider")
    return redirect("/login?refused=provider", { headers });
  return json({ message: REFUSALS[result.reason] }, { status: 403, headers });
}

export default function OidcRefused() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>You cannot sign in to Peerlink yet</h1>
        <p>{message}</p>
        <p>
          <a className="nhsuk-link" href="/">
            Go to the Peerlink home page
          </a>
        </p>
      </div>
    </div>
  );
}
