const BASE_NAME = "peerlink_session";

/** The session cookie's name; in production the __Host- prefix makes browsers insist on Secure, Path=/ and no Domain. */
export function sessionCookieName(production: boolean): string {
  return production ? `__Host-${BASE_NAME}` : BASE_NAME;
}

const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:__Host-)?${BASE_NAME}=[^;\\s]`);

/** Whether a request's Cookie header carries a (non-empty) session cookie, valid or not. */
export function carriesSessionCookie(cookieHeader: string | undefined | null): boolean {
  return !!cookieHeader && SESSION_COOKIE.test(cookieHeader);
}
