import os from "node:os";
import { z } from "zod";
import { parseDatabaseUrl, redact } from "../db/database-url";

/*
 * Every environment variable the service reads, checked in one place. A bad value stops the
 * server or command at start-up with a message naming the variable, what it expects and what it
 * got; an empty value counts as unset, so its default applies.
 */

type Env = Record<string, string | undefined>;

/** A variable read from text by `read`, which returns undefined when the text is not acceptable. */
function variable<T>(expected: string, read: (text: string) => T | undefined, fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const text = raw?.trim();
      if (!text) return fallback;
      const value = read(text);
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: expected });
        return z.NEVER;
      }
      return value;
    });
}

const wholeNumber = (min: number, max: number, fallback: number) =>
  variable(
    `must be a whole number from ${min} to ${max}`,
    (text) => (/^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined),
    fallback,
  );

const positiveNumber = (unit: string, fallback: number) =>
  variable(
    `must be a number of ${unit} above 0`,
    (text) => (Number.isFinite(Number(text)) && Number(text) > 0 ? Number(text) : undefined),
    fallback,
  );

const cacheSeconds = (fallback: number) =>
  variable(
    "must be a number of seconds, 0 or more (0 turns keeping off)",
    (text) => (Number.isFinite(Number(text)) && Number(text) >= 0 ? Number(text) : undefined),
    fallback,
  );

const oneOf = <T>(choices: Record<string, T>, fallback: T) =>
  variable(
    `must be one of ${Object.keys(choices).join(", ")}`,
    (text) => (Object.hasOwn(choices, text) ? choices[text] : undefined),
    fallback,
  );

function databaseUrl(text: string): string | undefined {
  try {
    parseDatabaseUrl(text);
    return text;
  } catch {
    return undefined;
  }
}

function smtpUrl(text: string): string | undefined {
  try {
    return ["smtp:", "smtps:"].includes(new URL(text).protocol) ? text : undefined;
  } catch {
    return undefined;
  }
}

function httpUrl(text: string): string | undefined {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol) ? text.replace(/\/+$/, "") : undefined;
  } catch {
    return undefined;
  }
}

const ROLES = ["member", "org_admin", "coordinator", "admin"] as const;

/** A comma-separated list of roles, or "none". */
function roleList(text: string): (typeof ROLES)[number][] | undefined {
  if (text === "none") return [];
  const roles = text
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  return roles.every((r): r is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(r)) ? roles : undefined;
}

const schema = z
  .object({
    NODE_ENV: oneOf({ development: "development", production: "production", test: "test" } as const, "development"),
    DATABASE_URL: variable<string | undefined>(
      "must be file:PATH for SQLite or postgres://user:password@host:port/database for PostgreSQL",
      databaseUrl,
      undefined,
    ),
    /** Connections each process keeps open to PostgreSQL. */
    DATABASE_POOL_SIZE: wholeNumber(1, 1000, 10),
    PORT: wholeNumber(1, 65535, 3000),
    /** Server processes that share the port; one per core unless set. */
    WEB_CONCURRENCY: wholeNumber(1, 256, os.availableParallelism()),
    HOST: variable(
      "must be a host name or IP address to listen on, like 127.0.0.1",
      (text) => (/^[\w.:%[\]-]+$/.test(text) ? text : undefined),
      "0.0.0.0",
    ),
    SESSION_IDLE_MINUTES: wholeNumber(1, 1_000_000, 30),
    SESSION_ABSOLUTE_HOURS: positiveNumber("hours", 12),
    SIGN_IN_MAX_FAILURES: wholeNumber(1, 1_000_000, 5),
    SIGN_IN_WINDOW_MINUTES: wholeNumber(1, 1_000_000, 15),
    /**
     * How many reverse proxies in front of the app add to X-Forwarded-For (and set X-Forwarded-Proto).
     * The client address is the entry the outermost trusted proxy added, never one the client wrote.
     */
    TRUST_PROXY: variable(
      "must be the number of trusted proxies from 0 to 99, or true (one) or false (none)",
      (text) => (text === "true" ? 1 : text === "false" ? 0 : /^\d{1,2}$/.test(text) ? Number(text) : undefined),
      0,
    ),
    /** Whether to seed the demo on an empty database; unset leaves it to NODE_ENV (never in production). */
    PEERLINK_SEED_DEMO: oneOf<boolean | null>({ "0": false, "1": true }, null),
    /** Where mail is sent; unset keeps mail in the outbox and shows invitation links instead. */
    SMTP_URL: variable<string | undefined>(
      "must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example:587",
      smtpUrl,
      undefined,
    ),
    /** How long after an engagement ends the requester's follow-up re-assessment falls due. */
    FOLLOW_UP_MONTHS: wholeNumber(1, 36, 6),
    LEARNING_SEARCH_CACHE_SECONDS: cacheSeconds(30),
    DASHBOARD_CACHE_SECONDS: cacheSeconds(60),
    /** The service's address as people reach it, for links in mail; unset means this machine's PORT. */
    PUBLIC_URL: variable<string | undefined>(
      "must be an http:// or https:// address, like https://peerlink.example.nhs.uk",
      httpUrl,
      undefined,
    ),
    MAIL_FROM: variable(
      "must be a sender, like Peerlink <no-reply@peerlink.nhs.uk>",
      (text) => text,
      "Peerlink <no-reply@peerlink.nhs.uk>",
    ),
    /** GOV.UK Notify: used when both are set and SMTP_URL is not. */
    NOTIFY_API_KEY: variable<string | undefined>("must be a GOV.UK Notify API key", (text) => text, undefined),
    NOTIFY_TEMPLATE_ID: variable<string | undefined>(
      "must be a Notify template id (a UUID)",
      (text) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text : undefined),
      undefined,
    ),
    NOTIFY_BASE_URL: variable(
      "must be an http:// or https:// address",
      httpUrl,
      "https://api.notifications.service.gov.uk",
    ),
    /** How often the outbox is checked for mail to send, besides right after mail is queued. */
    OUTBOX_POLL_SECONDS: wholeNumber(1, 300, 5),
    /** Working days a pioneer has to answer an approved match before its coordinators are told. */
    MATCH_ANSWER_WORKING_DAYS: wholeNumber(1, 60, 10),
    /** Sign-in through an OpenID Connect provider (NHSmail, NHS Identity); unset offers passwords only. */
    OIDC_ISSUER: variable<string | undefined>(
      "must be the provider's issuer URL, like https://login.example.nhs.uk",
      (t) => (httpUrl(t) ? t : undefined),
      undefined,
    ),
    OIDC_CLIENT_ID: variable<string | undefined>(
      "must be the client id the provider gave Peerlink",
      (t) => t,
      undefined,
    ),
    OIDC_CLIENT_SECRET: variable<string | undefined>(
      "must be the client secret the provider gave Peerlink",
      (t) => t,
      undefined,
    ),
    OIDC_LABEL: variable("must be the text of the sign-in button", (t) => t, "Sign in with NHSmail"),
    /** 0 hides the password form when sign-in through the provider is set up. */
    PASSWORD_SIGN_IN: oneOf({ "0": false, "1": true }, true),
    /** Roles that must give an authenticator code after their password; unset means coordinator,admin in production and none elsewhere. */
    MFA_REQUIRED_ROLES: variable<(typeof ROLES)[number][] | null>(
      `must be "none" or a comma-separated list of ${ROLES.join(", ")}`,
      roleList,
      null,
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.PUBLIC_URL)
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required in production, for links in mail" });
    if (Boolean(env.NOTIFY_API_KEY) !== Boolean(env.NOTIFY_TEMPLATE_ID))
      ctx.addIssue({
        code: "custom",
        path: ["NOTIFY_TEMPLATE_ID"],
        message: "must be set together with NOTIFY_API_KEY",
      });
    if (env.OIDC_ISSUER) {
      for (const name of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "PUBLIC_URL"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "must be set when OIDC_ISSUER is set" });
      }
    }
  });

export type Config = z.output<typeof schema>;

/** Values that may hold a password are shown with it hidden. */
const SECRET_URLS = new Set(["DATABASE_URL", "SMTP_URL"]);
/** Values never shown at all. */
const SECRETS = new Set(["OIDC_CLIENT_SECRET", "NOTIFY_API_KEY"]);

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigurationError";
  }
}

/** The configuration in `env`; throws a ConfigurationError listing every bad variable. */
export function readConfig(env: Env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigurationError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const got = env[name] ?? "";
      return `${name} ${issue.message}, got "${SECRETS.has(name) ? "(hidden)" : SECRET_URLS.has(name) ? redact(got) : got}"`;
    }),
  );
}

let cached: Config | undefined;

/** Environment settings, checked once per process. */
export function config(): Config {
  cached ??= readConfig(process.env);
  return cached;
}

/**
 * Called first by the server and by every command: a bad setting stops the process here, with
 * the message and without a stack trace, rather than halfway through its work.
 */
export function configOrExit(command: string): Config {
  try {
    return config();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(
      `${command} cannot start: the environment is not set up correctly.\n${error.problems.map((p) => `  ${p}\n`).join("")}`,
    );
    process.exit(1);
  }
}

export const isProduction = () => config().NODE_ENV === "production";

/** The service's address for links in mail, without a trailing slash. */
export const publicUrl = () => config().PUBLIC_URL ?? `http://localhost:${config().PORT}`;

/** Forgets the checked settings, so a test can change the environment. */
export function resetConfigForTests() {
  cached = undefined;
}
/** The allowance for wrong passwords and codes: sign-in, the code step and the current password on /account. */
export const signInThrottle = (settings: Config = config()) => ({
  maxFailures: settings.SIGN_IN_MAX_FAILURES,
  windowMinutes: settings.SIGN_IN_WINDOW_MINUTES,
});

/** The roles that must use two-factor sign-in with a password. */
export function mfaRequiredRoles(settings: Config = config()): Config["MFA_REQUIRED_ROLES"] & object {
  return settings.MFA_REQUIRED_ROLES ?? (settings.NODE_ENV === "production" ? ["coordinator", "admin"] : []);
}

/** The provider settings, when sign-in through one is set up. */
export function oidcSettings(settings: Config = config()) {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL, OIDC_LABEL } = settings;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !PUBLIC_URL) return null;
  return {
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    publicUrl: PUBLIC_URL,
    label: OIDC_LABEL,
  };
}

/** Passwords stay available unless a provider is set up and PASSWORD_SIGN_IN=0. */
export const passwordSignInAllowed = (settings: Config = config()) =>
  settings.PASSWORD_SIGN_IN || !oidcSettings(settings);
