import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "~/auth/password.server";

describe("password rules", () => {
  it("refuses passwords outside 12 to 128 characters", () => {
    expect(passwordProblem("short-pass1")).toMatch(/at least 12/);
    expect(passwordProblem("x".repeat(64) + "y".repeat(65))).toMatch(/128/);
    expect(passwordProblem("battery-staple-horse")).toBeNull();
  });
  it("refuses common passwords, also when padded to length", () => {
    expect(passwordProblem("password1234")).toMatch(/too common/);
    expect(passwordProblem("123456789012")).toMatch(/too common/);
    expect(passwordProblem("qwertyuiop!!")).toMatch(/too common/);
  });
  it("refuses one repeated character", () => {
    expect(passwordProblem("aaaaaaaaaaaaaa")).not.toBeNull();
  });
});

describe("argon2id hashing", () => {
  it("stores argon2id with the chosen cost and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery!")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});
