import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setFlowToken } from "~/auth/flow-cookies.server";
import { getSignedIn } from "~/auth/guards.server";
import { requireProvider } from "~/auth/oidc.server";
import { getDb } from "~/db.server";
import { safeRedirect } from "~/lib/redirect";
import { startOidcSignIn } from "~/models/account/oidc-sign-in.server";

/** Sends the browser to the identity provider to sign in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { settings, provider } = await requireProvider();
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getSignedIn(request)) return redirect(redirectTo);
  const { url, token } = await startOidcSignIn(getDb(), provider, settings, redirectTo);
  return redirect(url, { headers: { "Set-Cookie": await setFlowToken("oidc", token) } });
}
