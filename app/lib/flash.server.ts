import { createCookie, redirect } from "@remix-run/node";
import type { Flash } from "~/components/notification-banner";

// Carries the result of an action across its redirect, so the page it lands on can say what happened
// with or without JavaScript. Read once, by the root loader, then cleared.
const cookie = createCookie("peerlink_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 120,
  secure: process.env.NODE_ENV === "production",
});

/** Redirect and show a success (or partial result) banner at the top of the page it lands on. */
export async function redirectWithFlash(to: string, flash: Flash | string, init: ResponseInit = {}) {
  const message: Flash = typeof flash === "string" ? { kind: "success", text: flash } : flash;
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await cookie.serialize(message));
  return redirect(to, { ...init, headers });
}

function asFlash(value: unknown): Flash | null {
  if (!value || typeof value !== "object") return null;
  const { kind, text, items } = value as Record<string, unknown>;
  if ((kind !== "success" && kind !== "error") || typeof text !== "string") return null;
  const lines = Array.isArray(items) ? items.filter((i): i is string => typeof i === "string") : undefined;
  return lines?.length ? { kind, text, items: lines } : { kind, text };
}

/** The waiting message, if any, and the header that clears it so it is shown once. */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const flash = asFlash(await cookie.parse(request.headers.get("Cookie")));
  return { flash, clear: flash ? await cookie.serialize("", { maxAge: 0 }) : null };
}
