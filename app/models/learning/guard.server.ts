import { forbidden, notFound, requireSignedIn } from "../../auth/guards.server";
import { getDb } from "../../db.server";
import { learningPermissions, readLearningEntry } from "./queries.server";

// Every learning entry page starts here: who is asking, and the entry if they may read it.

/** The entry if the viewer may read it: a private entry does not exist for anyone outside the two trusts. */
export async function requireReadableEntry(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const entry = await readLearningEntry(getDb(), id ?? "", actor);
  if (!entry) throw notFound("Learning entry not found");
  return { actor, entry, permissions: learningPermissions(actor, entry) };
}

/** Only the side that wrote the entry edits it. */
export async function requireEditableEntry(request: Request, id: string | undefined) {
  const found = await requireReadableEntry(request, id);
  if (!found.permissions.mayEdit) throw forbidden();
  return found;
}
