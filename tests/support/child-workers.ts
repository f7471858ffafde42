import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ChildOutcome {
  code: number | null;
  /** The JSON line the child printed last, if any. */
  result: unknown;
  output: string;
}

/**
 * Starts one child process per environment running the script, waits until each says "ready",
 * then releases them together through a file, so their work races.
 */
export async function raceChildren(script: string, environments: Record<string, string>[]): Promise<ChildOutcome[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-race-"));
  const goFile = path.join(dir, "go");
  try {
    const children = environments.map((extra) => {
      const child = spawn(process.execPath, ["--import", "tsx", script], {
        env: { ...process.env, ...extra, GO_FILE: goFile },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          output += chunk;
          if (output.includes("ready\n")) resolve();
        });
        child.on("exit", () => reject(new Error(`${script} exited before it was ready:\n${output}`)));
      });
      child.stderr.on("data", (chunk) => (output += chunk));
      const done = new Promise<ChildOutcome>((resolve) =>
        child.on("exit", (code) => {
          const line = output
            .split("\n")
            .filter((l) => l.startsWith("{"))
            .pop();
          resolve({ code, result: line ? JSON.parse(line) : null, output });
        }),
      );
      return { ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    fs.writeFileSync(goFile, "go");
    return await Promise.all(children.map((c) => c.done));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
