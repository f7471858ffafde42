import { describe, expect, it } from "vitest";
import { isCrossSiteWrite, securityHeaders } from "~/http/security";

const own = "http://localhost:3000";

describe("cross-site write check", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteWrite("GET", { origin: "https://evil.example", secFetchSite: "cross-site" }, own)).toBe(false);
    expect(isCrossSiteWrite("HEAD", { secFetchSite: "cross-site" }, own)).toBe(false);
  });
  it("refuses a post from another origin", () => {
    expect(isCrossSiteWrite("POST", { origin: "https://evil.example" }, own)).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "null" }, own)).toBe(true);
  });
  it("refuses a post the browser marks as cross-site or same-site (a sibling subdomain)", () => {
    expect(isCrossSiteWrite("POST", { origin: own, secFetchSite: "cross-site" }, own)).toBe(true);
    expect(isCrossSiteWrite("POST", { secFetchSite: "same-site" }, own)).toBe(true);
  });
  it("refuses a post that says nowhere where it comes from: no client outside a browser is allowed to write", () => {
    expect(isCrossSiteWrite("POST", {}, own)).toBe(true);
    expect(isCrossSiteWrite("PUT", { origin: null, secFetchSite: null }, own)).toBe(true);
    expect(isCrossSiteWrite("DELETE", { origin: "", secFetchSite: "" }, own)).toBe(true);
    expect(isCrossSiteWrite("POST", { secFetchSite: "none" }, own)).toBe(true);
  });
  it("accepts a post from this site", () => {
    expect(isCrossSiteWrite("POST", { secFetchSite: "same-origin" }, own)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: own, secFetchSite: "same-origin" }, own)).toBe(false);
    expect(isCrossSiteWrite("DELETE", { origin: own }, own)).toBe(false);
  });
});

describe("security headers", () => {
  it("enforces a CSP with the request's nonce and forbids framing", () => {
    const headers = securityHeaders({ nonce: "abc123", production: false });
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-inline");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBeTruthy();
  });
  it("adds HSTS only in production", () => {
    expect(securityHeaders({ nonce: "n", production: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", production: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });
});
