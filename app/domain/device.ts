import Bowser from "bowser";

/**
 * A person-readable name for the device behind a User-Agent, like "Firefox on Windows": enough to
 * tell one's own sessions apart, without keeping the header itself (which fingerprints the browser).
 */
export function deviceName(userAgent: string | null | undefined): string | null {
  const header = userAgent?.trim().slice(0, 512);
  if (!header) return null;
  const parser = Bowser.getParser(header);
  const browser = parser.getBrowserName();
  const system = parser.getOSName();
  if (browser && system) return `${browser} on ${system}`;
  return browser || system || null;
}
