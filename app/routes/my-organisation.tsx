import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound, requireSignedIn } from "~/auth/guards.server";

/** A stable link to the signed-in user's own organisation page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  if (!actor.organisationId) throw notFound("You do not belong to an organisation");
  return redirect(`/organisations/${actor.organisationId}`);
}
