import { parseArgs } from "node:util";

export interface ScaleOptions {
  orgs: number;
  requests: number;
  learning: number;
  /** Null: a seed is drawn from the clock and printed. */
  seed: number | null;
  /** Add to scaled data already in the database instead of refusing. */
  append: boolean;
}

export type ParsedArgs = { help: true } | ({ help: false } & ScaleOptions);

/** A mistake on the command line: printed as one line, exit code 2, nothing written. */
export class UsageError extends Error {}

/** Synthetic ODS codes are "Z" plus four digits, so at most this many scaled organisations fit. */
export const MAX_SCALED_ORGANISATIONS = 9_999;

export const DEFAULTS = { orgs: 5_000, requests: 50_000, learning: 200_000 } as const;

export const USAGE = `Usage: npm run seed -- [--orgs N] [--requests N] [--learning N] [--seed N] [--append]

Adds a realistic scaled data set to the database at DATABASE_URL (default: file:./data/peerlink.db),
SQLite or PostgreSQL. The database is migrated first; an empty one gets the demo data and accounts
first (password peerlink-demo-2026), so coordinator@example.org can look at the result.

  --orgs N       organisations to create (default ${DEFAULTS.orgs}, at most ${MAX_SCALED_ORGANISATIONS} in all);
                 ODS codes are "Z" plus four digits, which no real organisation uses
  --requests N   help requests across those organisations (default ${DEFAULTS.requests})
  --learning N   learning entries across the engagements (default ${DEFAULTS.learning})
  --seed N       seed for the generator: the same seed on an empty database gives the same data
  --append       add to scaled data already there; without it a database that already holds
                 scaled organisations (ODS codes Z0001 and up) is refused, so a second run
                 never doubles the data by accident
  --help         show this text

Each synthetic trust has an improvement lead, lead.zNNNN@example.org, with the demo password.
Exit codes: 0 done, 2 bad arguments or refused, 1 anything else.`;

const COUNT_FLAGS = ["orgs", "requests", "learning", "seed"] as const;

/**
 * parseArgs reads "--orgs -3" as a flag without its value; joining such a pair into
 * "--orgs=-3" lets the negative number reach the check that explains what is wrong with it.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (COUNT_FLAGS.some((flag) => arg === `--${flag}`) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function wholeNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${flag} must be a whole number, not "${text}"`);
  const value = Number(text);
  if (value < 0) throw new UsageError(`--${flag} must be 0 or more, not ${text}`);
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${flag} is too large: ${text}`);
  return value;
}

export function parseScaleArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        orgs: { type: "string" },
        requests: { type: "string" },
        learning: { type: "string" },
        seed: { type: "string" },
        append: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's messages name the flag ("Unknown option '--org'"); the stack adds nothing.
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0] : String(error));
  }
  if (values.help) return { help: true };
  const options: ScaleOptions = {
    orgs: wholeNumber("orgs", values.orgs, DEFAULTS.orgs),
    requests: wholeNumber("requests", values.requests, DEFAULTS.requests),
    learning: wholeNumber("learning", values.learning, DEFAULTS.learning),
    seed: values.seed === undefined ? null : wholeNumber("seed", values.seed, 0),
    append: values.append ?? false,
  };
  if (options.seed !== null && options.seed > 0xffffffff) throw new UsageError("--seed must be at most 4294967295");
  checkShape(options);
  return { help: false, ...options };
}

/** Combinations that cannot be built, refused before anything is written. */
export function checkShape(options: Pick<ScaleOptions, "orgs" | "requests" | "learning">): void {
  if (options.orgs > MAX_SCALED_ORGANISATIONS)
    throw new UsageError(`--orgs must be at most ${MAX_SCALED_ORGANISATIONS}: synthetic ODS codes have four digits`);
  if (options.requests > 0 && options.orgs === 0)
    throw new UsageError("--requests needs organisations to file them: give --orgs 1 or more");
  if (options.learning > 0 && (options.orgs < 2 || options.requests === 0)) {
    throw new UsageError(
      "--learning needs engagements, which need at least 2 organisations (--orgs 2) and some requests (--requests 1)",
    );
  }
}
