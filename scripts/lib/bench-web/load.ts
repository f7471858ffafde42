import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  /** Mean latency in ms: autocannon's percentiles are whole milliseconds, too coarse for a fast page alone. */
  mean: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Status codes other than 2xx, with how often each came. */
  statusCodes: Record<string, number>;
}

export interface LoadSettings {
  baseUrl: string;
  cookie: string;
  connections: number;
  duration: number;
  warmup: number;
}

function fire(settings: LoadSettings, paths: readonly string[], duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: settings.baseUrl,
        connections: settings.connections,
        duration,
        headers: { cookie: settings.cookie, accept: "text/html" },
        // Each connection cycles through the paths, so several searches or request pages share the load.
        requests: paths.map((path) => ({ method: "GET", path })),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/**
 * When a run ends, requests still in flight are dropped by the client but still worked on by the
 * server: on a slow page that backlog would be served during the next run and count against it.
 * One more request, which waits its turn behind that work, gives the server time to catch up.
 */
async function settle(settings: LoadSettings, path: string): Promise<void> {
  const response = await fetch(`${settings.baseUrl}${path}`, {
    headers: { cookie: settings.cookie },
    redirect: "manual",
    signal: AbortSignal.timeout(120_000),
  });
  await response.arrayBuffer();
}

/** A warm-up (discarded), then the measured run; the server catches up after each. */
export async function measure(settings: LoadSettings, paths: readonly string[]): Promise<LoadResult> {
  if (settings.warmup > 0) {
    await fire(settings, paths, settings.warmup);
    await settle(settings, paths[0]);
  }
  const result = await fire(settings, paths, settings.duration);
  await settle(settings, paths[0]);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith("2")) statusCodes[code] = (stats as { count: number }).count;
  }
  return {
    requestsPerSecond: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
