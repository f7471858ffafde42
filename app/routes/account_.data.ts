import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { asResponse } from "~/lib/error-response.server";
import { personalDataOf } from "~/models/account/personal-data.server";

/** Everything held about the signed-in person, as a JSON download. Always their own: no id is read from the request. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "account:manage" });
  const data = await personalDataOf(getDb(), actor).catch((error: unknown) => {
    throw asResponse(error);
  });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="peerlink-your-data-${data.downloadedAt.slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
