import { describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { keyForTyping, keyUri, matchingStep, stepAt } from "~/auth/two-factor/totp.server";

// RFC 6238 appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const RFC_KEY = new TextEncoder().encode("12345678901234567890");

describe("authenticator codes", () => {
  it("match the RFC 6238 test vectors (last six digits)", () => {
    const vectors: [number, string][] = [
      [59, "287082"],
      [1111111109, "081804"],
      [1234567890, "005924"],
      [2000000000, "279037"],
    ];
    for (const [seconds, code] of vectors)
      expect(matchingStep(RFC_KEY, code, new Date(seconds * 1000))).toBe(Math.floor(seconds / 30));
  });

  it("accept one step either side and nothing further", () => {
    const now = new Date(1_700_000_000_000);
    const step = stepAt(now);
    const code = (s: number) => generateHOTP(RFC_KEY, BigInt(s), 6);
    expect(matchingStep(RFC_KEY, code(step - 1), now)).toBe(step - 1);
    expect(matchingStep(RFC_KEY, code(step + 1), now)).toBe(step + 1);
    for (const far of [step - 3, step - 2, step + 2, step + 3]) {
      if (![step - 1, step, step + 1].some((s) => code(s) === code(far)))
        expect(matchingStep(RFC_KEY, code(far), now)).toBeNull();
    }
    expect(matchingStep(RFC_KEY, "12345", now)).toBeNull();
    expect(matchingStep(RFC_KEY, "12345a", now)).toBeNull();
  });

  it("give the key in base32 for typing, as authenticator apps expect", () => {
    // RFC 4648 test vector: "foobar" is MZXW6YTBOI.
    expect(keyForTyping(new TextEncoder().encode("foobar"))).toBe("MZXW 6YTB OI");
    expect(keyForTyping(RFC_KEY).replace(/ /g, "")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(keyUri("cora@example.org", RFC_KEY)).toContain("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });
});
