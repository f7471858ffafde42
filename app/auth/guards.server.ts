import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { getAuth } from "../db.server";
import { oncePerRequest } from "../lib/request-scope.server";
import { can, type Actor, type Permission } from "./policy";

export interface SignedIn {
  actor: Actor;
  user: User;
  session: Session;
}

const perRequest = new WeakMap<Request, Promise<SignedIn | null>>();

export function actorOf(user: User): Actor {
  return {
    id: user.id,
    role: user.role,
    organisationId: user.organisationId,
    scope: user.scope,
    organisationIsPioneer: user.organisationIsPioneer,
  };
}

/**
 * The signed-in user, or null. Validated once per HTTP request however many loaders ask: Remix
 * gives each loader its own Request, so the check is shared through the request's scope (and,
 * outside the server, through the Request object).
 */
export function getSignedIn(request: Request): Promise<SignedIn | null> {
  const { lucia, validate } = getAuth();
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return Promise.resolve(null);
  let pending = perRequest.get(request);
  if (!pending) {
    pending = oncePerRequest(`session:${sessionId}`, async () => {
      const result = await validate(sessionId);
      return result ? { ...result, actor: actorOf(result.user) } : null;
    });
    perRequest.set(request, pending);
  }
  return pending;
}

export function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const headers = new Headers();
  // A stale cookie is cleared so the browser stops sending it.
  headers.append("Set-Cookie", getAuth().lucia.createBlankSessionCookie().serialize());
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`, { headers });
}

export async function requireSignedIn(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request);
  if (!signedIn) throw loginRedirect(request);
  return signedIn;
}

export function forbidden(message = "You do not have permission to do this."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Page not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** Throws a 403 response unless the policy allows it. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/** Signed in and allowed: the guard every loader and action starts with. */
export async function requirePermission(
  request: Request,
  permission: Permission | ((actor: Actor) => Permission),
): Promise<SignedIn> {
  const signedIn = await requireSignedIn(request);
  assertCan(signedIn.actor, typeof permission === "function" ? permission(signedIn.actor) : permission);
  return signedIn;
}
