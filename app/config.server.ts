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
  /** The service's address as people reach it, for links in mail; defaults to this machine. */
  PUBLIC_URL: z.string().url().optional(),
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

/** Absolute base for links in mail, without a trailing slash. */
export const publicUrl = () => (config().PUBLIC_URL ?? `http://localhost:${config().PORT}`).replace(/\/$/, "");

export const isProduction = () => config().NODE_ENV === "production";
