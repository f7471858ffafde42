import { publicUrl } from "../config.server";

export interface MailText {
  body: string;
  /** A path in the service (made absolute here) or an absolute address; null for none. */
  link?: string | null;
  /** Why this person received the message, in one sentence. */
  why: string;
  /** Whether the person may choose how messages like this reach them (false for account mail). */
  choosable: boolean;
}

/** An absolute address for a path in the service, so links work from a mail program. */
export function absoluteLink(link: string): string {
  return /^https?:\/\//.test(link) ? link : `${publicUrl()}${link.startsWith("/") ? "" : "/"}${link}`;
}

/** The plain-text body every message is sent with: the text, its link, and a footer saying why it came and how to change that. */
export function composeBody(mail: MailText): string {
  const parts = [mail.body.trim()];
  if (mail.link) parts.push(`Open it in Peerlink: ${absoluteLink(mail.link)}`);
  const footer = mail.choosable
    ? `${mail.why} To choose whether messages like this come at once, in a daily digest or only in Peerlink, go to ${absoluteLink("/account")}`
    : `${mail.why} Messages like this are always sent by mail.`;
  parts.push(`--\n${footer}`);
  return parts.join("\n\n");
}
