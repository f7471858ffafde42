import nodemailer, { type SendMailOptions } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { NotifyClient } from "notifications-node-client";
import { config } from "../config.server";

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  body: string;
  /** An iCalendar invitation to attach; SMTP only (GOV.UK Notify sends no attachments of this kind). */
  calendar?: { method: "REQUEST" | "CANCEL"; ics: string };
}

/** A temporary failure is tried again later; a permanent one never is. */
export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

export interface MailTransport {
  /** Shown to administrators, e.g. "SMTP (mail.example.org)". */
  description: string;
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close?(): void;
}

/** The nodemailer message for one outbox row; a calendar invitation goes as a text/calendar part mail programs offer to add. */
export function nodemailerMessage(mail: OutgoingMail, from: string): SendMailOptions {
  const message: SendMailOptions = {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.body,
    messageId: `<${mail.id}@peerlink>`,
  };
  if (mail.calendar)
    message.icalEvent = { method: mail.calendar.method, filename: "session.ics", content: mail.calendar.ics };
  return message;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  message?: string;
}

/** SMTP 5xx replies are permanent; 4xx replies and connection problems are temporary. */
export function classifySmtpError(error: SmtpError): SendOutcome {
  const reason = (error.response ?? error.message ?? "Unknown SMTP error").trim();
  if (typeof error.responseCode === "number") return { ok: false, permanent: error.responseCode >= 500, reason };
  return { ok: false, permanent: false, reason };
}

export function smtpTransport(url: string, from: string): MailTransport {
  const options: SMTPTransport.Options = {
    url,
    // Kept well inside the outbox claim, so a slow server never lets a second process take the message.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 40_000,
  };
  const transporter = nodemailer.createTransport(options);
  return {
    description: `SMTP (${new URL(url).hostname})`,
    async send(mail) {
      try {
        await transporter.sendMail(nodemailerMessage(mail, from));
        return { ok: true };
      } catch (error) {
        return classifySmtpError(error as SmtpError);
      }
    },
    close: () => transporter.close(),
  };
}

interface NotifyError {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
  message?: string;
}

/** Notify's 400 and 403 are permanent (bad address, template or key); 429, 5xx and network errors are temporary. */
export function classifyNotifyError(error: NotifyError): SendOutcome {
  const status = error.response?.status;
  const detail = error.response?.data?.errors?.map((e) => e.message ?? e.error).join("; ");
  const reason = `${status ? `Notify ${status}: ` : ""}${detail || error.message || "Unknown Notify error"}`;
  if (status === undefined || status === 429 || status >= 500) return { ok: false, permanent: false, reason };
  return { ok: false, permanent: true, reason };
}

/** GOV.UK Notify with one generic template whose personalisation is `subject` and `body`. */
export function notifyTransport(input: { apiKey: string; templateId: string; baseUrl: string }): MailTransport {
  const client = new NotifyClient(input.baseUrl, input.apiKey);
  return {
    description: "GOV.UK Notify",
    async send(mail) {
      try {
        await client.sendEmail(input.templateId, mail.to, {
          personalisation: { subject: mail.subject, body: mail.body },
          reference: mail.id,
        });
        return { ok: true };
      } catch (error) {
        return classifyNotifyError(error as NotifyError);
      }
    },
  };
}

/** The transport the settings describe: SMTP first, then Notify; none leaves mail in the outbox. */
export function transportFromConfig(): MailTransport | null {
  const settings = config();
  if (settings.SMTP_URL) return smtpTransport(settings.SMTP_URL, settings.MAIL_FROM);
  if (settings.NOTIFY_API_KEY && settings.NOTIFY_TEMPLATE_ID) {
    return notifyTransport({
      apiKey: settings.NOTIFY_API_KEY,
      templateId: settings.NOTIFY_TEMPLATE_ID,
      baseUrl: settings.NOTIFY_BASE_URL,
    });
  }
  return null;
}

export const mailTransportConfigured = () => {
  const settings = config();
  return Boolean(settings.SMTP_URL || (settings.NOTIFY_API_KEY && settings.NOTIFY_TEMPLATE_ID));
};
