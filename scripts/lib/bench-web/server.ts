import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** What the server printed, for when it fails. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody is listening on now, chosen by the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a server script (the compiled Peerlink server, or the bare reference) as a child process
 * on a free port and waits until /healthz answers 200.
 */
export async function startServer(
  root: string,
  script: string,
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--enable-source-maps", script], {
    cwd: root,
    // Production requires the address links in mail use; the benchmark sends none, so its own will do.
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Production asks coordinators for an authenticator code; the benchmark signs in by password alone.
      MFA_REQUIRED_ROLES: "none",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code ?? -1;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited !== null) return;
    child.kill("SIGTERM");
    const killed = await Promise.race([exit.then(() => true), sleep(15_000).then(() => false)]);
    if (!killed) {
      child.kill("SIGKILL");
      await exit;
    }
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${script} exited with code ${exited} before it was ready:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return { baseUrl, pid: child.pid!, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`${script} did not answer /healthz within ${timeoutMs / 1000} s:\n${output}`);
}
