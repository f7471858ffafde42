import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /**
   * How many reverse proxies in front of the app add to X-Forwarded-For (and set X-Forwarded-Proto).
   * The client address is the entry the outermost trusted proxy added, never one the client wrote itself.
   * "true" means one proxy and "false" none.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|true|false)$/, "must be the number of trusted proxies, such as 1")
    .default("0")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
  /** How long after an engagement ends the requester's follow-up re-assessment falls due. */
  FOLLOW_UP_MONTHS: z.coerce.number().int().min(1).max(36).default(6),
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
