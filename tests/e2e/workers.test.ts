import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { startServer } from "./support/server";

/** Processes whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // The command name sits in brackets and may hold spaces: the parent id follows the closing one.
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false; // gone while we looked
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("several server processes", () => {
  it("serves from two workers, replaces one that dies, and stops them all on SIGTERM", async () => {
    const server = await startServer({ WEB_CONCURRENCY: "2" });
    try {
      const workers = await until(
        "two workers",
        () => childrenOf(server.pid),
        (pids) => pids.length === 2,
      );
      process.kill(workers[0], "SIGKILL");
      const replaced = await until(
        "a replacement worker",
        () => childrenOf(server.pid),
        (pids) => pids.length === 2 && !pids.includes(workers[0]),
      );
      expect(replaced).toContain(workers[1]);
      // The service answers throughout: the port is shared by the workers still running.
      for (let i = 0; i < 10; i++) expect((await fetch(`${server.baseUrl}/accessibility`)).status).toBe(200);

      process.kill(server.pid, "SIGTERM");
      await until(
        "every process to stop",
        () => [server.pid, ...replaced].filter(alive),
        (left) => left.length === 0,
      );
    } finally {
      await server.stop();
    }
  }, 120_000);
});
