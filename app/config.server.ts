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
  variable(`must be a whole number from ${min} to ${max}`, (text) => (/^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined), fallback);

const positiveNumber = (unit: string, fallback: number) =>
  variable(`must be a number of ${unit} above 0`, (text) => (Number.isFinite(Number(text)) && Number(text) > 0 ? Number(text) : undefined), fallback);

const cacheSeconds = (fallback: number) =>
  variable("must be a number of seconds, 0 or more (0 turns keeping off)", (text) => (Number.isFinite(Number(text)) && Number(text) >= 0 ? Number(text) : undefined), fallback);

const oneOf = <T>(choices: Record<string, T>, fallback: T) =>
  variable(`must be one of ${Object.keys(choices).join(", ")}`, (text) => (Object.hasOwn(choices, text) ? choices[text] : undefined), fallback);

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

const schema = z.object({
  NODE_ENV: oneOf({ development: "development", production: "production", test: "test" } as const, "development"),
  DATABASE_URL: variable<string | undefined>("must be file:PATH for SQLite or postgres://user:password@host:port/database for PostgreSQL", databaseUrl, undefined),
  /** Connections each process keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: wholeNumber(1, 1000, 10),
  PORT: wholeNumber(1, 65535, 3000),
  /** Server processes that share the port; one per core unless set. */
  WEB_CONCURRENCY: wholeNumber(1, 256, os.availableParallelism()),
  HOST: variable("must be a host name or IP address to listen on, like 127.0.0.1", (text) => (/^[\w.:%[\]-]+$/.test(text) ? text : undefined), "0.0.0.0"),
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
  SMTP_URL: variable<string | undefined>("must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example:587", smtpUrl, undefined),
  /** How long after an engagement ends the requester's follow-up re-assessment falls due. */
  FOLLOW_UP_MONTHS: wholeNumber(1, 36, 6),
  LEARNING_SEARCH_CACHE_SECONDS: cacheSeconds(30),
  DASHBOARD_CACHE_SECONDS: cacheSeconds(60),
  /** The service's address as people reach it, for links in mail; unset means this machine's PORT. */
  PUBLIC_URL: variable<string | undefined>("must be an http:// or https:// address, like https://peerlink.example.nhs.uk", httpUrl, undefined),
});

export type Config = z.output<typeof schema>;

/** Values that may hold a password are shown with it hidden. */
const SECRET_URLS = new Set(["DATABASE_URL", "SMTP_URL"]);

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
      return `${name} ${issue.message}, got "${SECRET_URLS.has(name) ? redact(got) : got}"`;
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
    process.stderr.write(`${command} cannot start: the environment is not set up correctly.\n${error.problems.map((p) => `  ${p}\n`).join("")}`);
    process.exit(1);
  }
}

export const isProduction = () => config().NODE_ENV === "production";

/** The service's address for links in mail, without a trailing slash. */
export const publicUrl = () => config().PUBLIC_URL ?? `http://localhost:${config().PORT}`;
