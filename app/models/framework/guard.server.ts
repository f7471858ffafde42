import { notFound, requirePermission } from "../../auth/guards.server";
import { getDb } from "../../db.server";
import { getCapability, getDomain } from "./framework.server";

// The framework's own pages: only administrators manage it, one capability or domain at a time.

export async function requireManagedCapability(request: Request, id: string | undefined) {
  const { actor } = await requirePermission(request, { action: "framework:manage" });
  const capability = await getCapability(getDb(), id ?? "");
  if (!capability) throw notFound("Capability not found");
  return { actor, capability };
}

export async function requireManagedDomain(request: Request, id: string | undefined) {
  const { actor } = await requirePermission(request, { action: "framework:manage" });
  const domain = await getDomain(getDb(), id ?? "");
  if (!domain) throw notFound("Domain not found");
  return { actor, domain };
}
