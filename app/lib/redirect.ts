/** Any origin will do: only whether a value stays on it matters. */
const OWN_ORIGIN = "https://peerlink.invalid";

/**
 * Control, format and separator characters (C0, DEL, C1, zero-width and bidi marks, every kind of
 * space, U+3000 among them) and backslashes. Browsers drop or rewrite some of these before following
 * a Location, which can turn a same-site path into another site.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\\]/u;
/** The same once percent-encoding is undone, less the ordinary space: %20 is how a search query carries one. */
const UNSAFE_ENCODED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]|[^\P{Zs} ]/u;

/** The value with percent-encoding undone (twice over, for double encoding), or null when it is malformed. */
function decoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(current);
      if (next === current) return current;
      current = next;
    } catch {
      return null;
    }
  }
  return current;
}

const leavesSite = (path: string) => path.startsWith("//") || path.startsWith("/\\");

/**
 * Only same-site paths are followed after sign-in, so a crafted link cannot send users elsewhere.
 * The answer is the path as the URL parser normalises it (dot segments resolved, anything non-ASCII
 * percent-encoded), so it is exactly what the browser will follow and always fits a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || !to.startsWith("/")) return fallback;
  const plain = decoded(to);
  if (plain === null || UNSAFE.test(to) || UNSAFE_ENCODED.test(plain) || leavesSite(to) || leavesSite(plain))
    return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN || leavesSite(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
