import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** Set when a reverse proxy in front of the app sets X-Forwarded-For and X-Forwarded-Proto. */
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
  /** How long after an engagement ends the requester's follow-up re-assessment falls due. */
  FOLLOW_UP_MONTHS: z.coerce.number().int().min(1).max(36).default(6),
  PORT: z.coerce.number().int().positive().default(3000),
  /** The address people use to reach the service, for links in mail; required in production. */
  PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:password@host:port or smtps://… for TLS; mail is sent over SMTP when set. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().default("Peerlink <no-reply@peerlink.nhs.uk>"),
  /** GOV.UK Notify: used when both are set and SMTP_URL is not. */
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_TEMPLATE_ID: z.string().uuid().optional(),
  NOTIFY_BASE_URL: z.string().url().default("https://api.notifications.service.gov.uk"),
  /** How often the outbox is checked for mail to send, besides right after mail is queued. */
  OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  /** Working days a pioneer has to answer an approved match before its coordinators are told. */
  MATCH_ANSWER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === "production" && !env.PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required in production, for links in mail" });
  if (Boolean(env.NOTIFY_API_KEY) !== Boolean(env.NOTIFY_TEMPLATE_ID)) ctx.addIssue({ code: "custom", path: ["NOTIFY_TEMPLATE_ID"], message: "NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are set together" });
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

/** Environment settings, checked once; a bad value stops start-up with a message naming it. */
export function config(): Config {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export const isProduction = () => config().NODE_ENV === "production";

/** The service's own address without a trailing slash, for absolute links in mail. */
export const publicUrl = () => (config().PUBLIC_URL ?? `http://localhost:${config().PORT}`).replace(/\/$/, "");

/** Forgets the checked settings, so a test can change the environment. */
export function resetConfigForTests() {
  cached = undefined;
}
