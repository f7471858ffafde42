import { createCookie } from "@remix-run/node";
import { isProduction } from "../config.server";

/**
 * Cookies that carry only a random token for a sign-in on its way (the code step, a trip to the
 * identity provider); what the token stands for is kept on the server.
 */
function flowCookie(name: string) {
  const production = isProduction();
  return createCookie(production ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: 600,
  });
}

let cookies: { challenge: ReturnType<typeof flowCookie>; oidc: ReturnType<typeof flowCookie> } | undefined;
const all = () => (cookies ??= { challenge: flowCookie("peerlink_code_step"), oidc: flowCookie("peerlink_oidc") });

export async function readFlowToken(kind: "challenge" | "oidc", request: Request): Promise<string> {
  const value: unknown = await all()[kind].parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : "";
}

export const setFlowToken = (kind: "challenge" | "oidc", token: string) => all()[kind].serialize(token);
export const clearFlowToken = (kind: "challenge" | "oidc") => all()[kind].serialize("", { maxAge: 0 });
