/**
 * Web security baseline, framework-free so it can be unit-tested: response headers and the
 * cross-site write check that stands in for CSRF tokens.
 */
export function securityHeaders({ nonce, production }: { nonce: string; production: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    // The NHS.UK typeface is served from the NHS assets host; without it pages fall back to Arial.
    "font-src 'self' https://assets.nhs.uk",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request is refused unless it shows it comes from this site. Browsers send
 * Sec-Fetch-Site and Origin with form posts, so a forged cross-site form or fetch is recognised by
 * either, and a write that carries neither is refused too: Peerlink has no API, so no client outside
 * a browser (curl, scripts, another server) is allowed to write without naming this origin.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { origin?: string | null; secFetchSite?: string | null },
  ownOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const site = headers.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.origin;
  if (origin && origin !== ownOrigin) return true;
  return site !== "same-origin" && origin !== ownOrigin;
}
