import { randomBytes, timingSafeEqual } from "node:crypto";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import QRCode from "qrcode";

/** RFC 6238 as every authenticator app expects it: 30-second steps, six digits, SHA-1. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side, for a phone clock that drifts or a code typed as it changed. */
const GRACE_STEPS = 1;

export const newTotpKey = (): Uint8Array => new Uint8Array(randomBytes(20));
export const encodeKey = (key: Uint8Array): string => Buffer.from(key).toString("base64");
export const decodeKey = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));

export const stepAt = (now: Date): number => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The time step whose code this is, within the grace window, or null. The step is what makes a code
 * single-use: the caller refuses a step at or before the last one accepted.
 */
export function matchingStep(key: Uint8Array, code: string, now = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = stepAt(now);
  let found: number | null = null;
  // Every candidate is compared, so the time taken does not say which step matched.
  for (let step = current - GRACE_STEPS; step <= current + GRACE_STEPS; step++) {
    const expected = generateHOTP(key, BigInt(step), TOTP_DIGITS);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code)) && found === null) found = step;
  }
  return found;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export const keyUri = (accountName: string, key: Uint8Array): string =>
  createTOTPKeyURI("Peerlink", accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);

/** Base32 (RFC 4648), in groups of four, for typing the key in by hand. */
export function keyForTyping(key: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const byte of key) bits += byte.toString(2).padStart(8, "0");
  let out = "";
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, "0"), 2)];
  return out.match(/.{1,4}/g)!.join(" ");
}

/** The QR code as inline SVG, drawn on the server so no script or third party is involved. */
export const qrSvg = (uri: string): Promise<string> =>
  QRCode.toString(uri, { type: "svg", margin: 2, width: 200, errorCorrectionLevel: "M" });
