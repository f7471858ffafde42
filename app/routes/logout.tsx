import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSignedIn } from "~/auth/guards.server";
import { providerIfAny } from "~/auth/oidc.server";
import { oidcSettings } from "~/config.server";
import { getAuth, getDb } from "~/db.server";
import { providerSignOutUrl } from "~/models/account/oidc-sign-in.server";
import { signOut } from "~/models/account/sign-in.server";

export async function loader() {
  // Signing out changes state, so it is a POST only; a GET just goes home.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await getSignedIn(request);
  const auth = getAuth();
  // A session that came through the identity provider ends there too, where the provider allows it.
  const settings = oidcSettings();
  const providerUrl =
    signedIn && settings
      ? await providerSignOutUrl(getDb(), await providerIfAny(), signedIn.session.id, `${settings.publicUrl}/login`)
      : null;
  const cookie = signedIn
    ? await signOut(auth, signedIn.session.id)
    : auth.lucia.createBlankSessionCookie().serialize();
  return redirect(providerUrl ?? "/login", { headers: { "Set-Cookie": cookie } });
}
