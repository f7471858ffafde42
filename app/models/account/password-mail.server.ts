import { formatDateTimeInEngland } from "../../lib/dates";
import type { Mail } from "../notification/outbox.server";

/** Tells the owner their password changed, so a change they did not make does not go unnoticed. */
export function passwordChangedMail(user: { email: string; name: string }, now: Date): Mail {
  return {
    to: user.email,
    subject: "Your Peerlink password was changed",
    body: `Hello ${user.name},\n\nThe password of your Peerlink account was changed on ${formatDateTimeInEngland(now)} (UK time).\n\nIf you did not change it, reset your password now from the sign-in page and tell your organisation's administrator.`,
    why: "You received this because the password of your Peerlink account changed.",
    choosable: false,
  };
}
