import { describe, expect, it } from "vitest";
import { carriesSessionCookie, sessionCookieName } from "~/auth/session-cookie";

describe("recognising a signed-in request by its cookie", () => {
  it.each([
    ["the development cookie", "peerlink_session=abc123"],
    ["the production cookie", "__Host-peerlink_session=abc123"],
    ["among other cookies", "theme=dark; peerlink_session=abc123; lang=en"],
  ])("sees %s", (_name, header) => expect(carriesSessionCookie(header)).toBe(true));

  it.each([
    ["no header", undefined],
    ["an emptied cookie", "peerlink_session="],
    ["an emptied cookie among others", "peerlink_session=; theme=dark"],
    ["a cookie whose name merely ends the same", "not_peerlink_session=abc123"],
    ["other cookies only", "theme=dark"],
  ])("does not see a session in %s", (_name, header) => expect(carriesSessionCookie(header)).toBe(false));

  it("names the cookie the way the checker expects, in both modes", () => {
    for (const production of [true, false])
      expect(carriesSessionCookie(`${sessionCookieName(production)}=x`)).toBe(true);
  });
});
