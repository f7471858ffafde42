import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Engine-independent: a bad setting must stop the process before it opens any database.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-config-"));
const databaseFile = path.join(dir, "never-created.db");

function run(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", DATABASE_URL: `file:${databaseFile}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a bad setting at start-up", () => {
  it("stops the server with a message naming the variable, without a stack trace", async () => {
    const { code, output } = await run("server/serve.ts", { PORT: "abc" });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a whole number from 1 to 65535, got "abc"');
    expect(output).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(databaseFile)).toBe(false);
  });

  it("stops a command the same way", async () => {
    const { code, output } = await run("scripts/migrate.ts", { DATABASE_POOL_SIZE: "ten", TRUST_PROXY: "yes" });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "ten"');
    expect(output).toContain(
      'TRUST_PROXY must be the number of trusted proxies from 0 to 99, or true (one) or false (none), got "yes"',
    );
    expect(output).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(databaseFile)).toBe(false);
  });
});
