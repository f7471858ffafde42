import { createHash, randomBytes } from "node:crypto";

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

/** A URL-safe secret with 256 bits of entropy, for invitation links. */
export const newSecretToken = () => randomBytes(32).toString("base64url");
