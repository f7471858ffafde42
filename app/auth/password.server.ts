import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// OWASP's argon2id baseline, set explicitly so a library default change cannot weaken it.
const ARGON2_OPTIONS = {
  algorithm: 2 /* Argon2id; the enum is a const enum that isolated modules cannot read */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const common = new Set((dictionary.passwords as string[]).map((p) => p.toLowerCase()));

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails are registered. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("peerlink-decoy-password-not-for-use");
  return decoyHash;
}

/** Why a new password is unacceptable, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  const lower = password.toLowerCase();
  // Common passwords padded with digits or symbols to reach the length rule are just as guessable.
  const stripped = lower.replace(/[^a-z]+$/, "").replace(/^[^a-z]+/, "");
  if (common.has(lower) || (stripped.length >= 4 && common.has(stripped))) {
    return "Password is too common. Choose a less predictable password, such as three random words";
  }
  if (/^(.)\1+$/.test(password)) return "Password must not be one character repeated";
  return null;
}
