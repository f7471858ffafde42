/**
 * Signs in through the real login form and returns the Cookie header to send. Production cookies
 * are `__Host-` and Secure, which a client only sends back over https, so the benchmark carries
 * the cookie itself; the Origin header satisfies the cross-site write check.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }).toString(),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const session = cookies.find((c) => /peerlink_session=/.test(c) && !/peerlink_session=$/.test(c));
  if (response.status !== 302 || !session) throw new Error(`Signing in as ${email} failed: HTTP ${response.status}`);
  // The cookie must open a signed-in page, not bounce to the login form.
  const check = await fetch(`${baseUrl}/accessibility`, { headers: { Cookie: session }, redirect: "manual" });
  const body = await check.text();
  if (check.status !== 200 || !body.includes("Sign out"))
    throw new Error(`The session cookie for ${email} does not sign in (HTTP ${check.status})`);
  return session;
}
