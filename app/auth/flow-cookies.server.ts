import { createCookie } from "@remix-run/node";
import { isProduction } from "../config.server";

/**
 * Short-lived cookies for a sign-in on its way: a random token for the code step or a trip to the
 * identity provider (what the token stands for is kept on the server), and the notice the sign-in
 * page reads once after an invitation or a reset link, so the email address is not put in the URL.
 */
function flowCookie(name: string, path = "/") {
  const production = isProduction();
  // The __Host- prefix needs Path=/; the notice is only ever sent to the sign-in page.
  return createCookie(production && path === "/" ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path,
    maxAge: 600,
  });
}

let cookies: Record<"challenge" | "oidc" | "notice", ReturnType<typeof flowCookie>> | undefined;
const all = () =>
  (cookies ??= {
    challenge: flowCookie("peerlink_code_step"),
    oidc: flowCookie("peerlink_oidc"),
    notice: flowCookie("peerlink_sign_in_notice", "/login"),
  });

export async function readFlowToken(kind: "challenge" | "oidc", request: Request): Promise<string> {
  const value: unknown = await all()[kind].parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : "";
}

export const setFlowToken = (kind: "challenge" | "oidc", token: string) => all()[kind].serialize(token);
export const clearFlowToken = (kind: "challenge" | "oidc" | "notice") => all()[kind].serialize("", { maxAge: 0 });

export type SignInNoticeKind = "invitation_accepted" | "password_reset";

export interface SignInNotice {
  kind: SignInNoticeKind;
  email: string;
}

export const setSignInNotice = (notice: SignInNotice) => all().notice.serialize(notice);

export async function readSignInNotice(request: Request): Promise<SignInNotice | null> {
  const value: unknown = await all().notice.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { kind, email } = value as Record<string, unknown>;
  if ((kind !== "invitation_accepted" && kind !== "password_reset") || typeof email !== "string") return null;
  return { kind, email };
}
