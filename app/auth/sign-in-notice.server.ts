import { createCookie } from "@remix-run/node";

export type SignInNoticeKind = "invitation_accepted" | "password_reset";

export interface SignInNotice {
  kind: SignInNoticeKind;
  email: string;
}

// A short-lived cookie read once by the sign-in page, so the email address is not put in the URL.
const cookie = createCookie("peerlink_sign_in_notice", {
  httpOnly: true,
  sameSite: "lax",
  path: "/login",
  maxAge: 600,
  secure: process.env.NODE_ENV === "production",
});

export const setSignInNotice = (notice: SignInNotice) => cookie.serialize(notice);

export async function readSignInNotice(request: Request): Promise<SignInNotice | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { kind, email } = value as Record<string, unknown>;
  if ((kind !== "invitation_accepted" && kind !== "password_reset") || typeof email !== "string") return null;
  return { kind, email };
}

export const clearSignInNotice = () => cookie.serialize("", { maxAge: 0 });
