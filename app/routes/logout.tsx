import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSignedIn } from "~/auth/guards.server";
import { getAuth } from "~/db.server";
import { signOut } from "~/models/account/sign-in.server";

export async function loader() {
  // Signing out changes state, so it is a POST only; a GET just goes home.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await getSignedIn(request);
  const auth = getAuth();
  const cookie = signedIn ? await signOut(auth, signedIn.session.id) : auth.lucia.createBlankSessionCookie().serialize();
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
