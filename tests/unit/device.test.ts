import { describe, expect, it } from "vitest";
import { deviceName } from "~/domain/device";

describe("naming a session's device", () => {
  it("names the browser and the system", () => {
    expect(deviceName("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe(
      "Firefox on Windows",
    );
    expect(
      deviceName(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iOS");
  });
  it("gives nothing for a missing or unrecognisable header", () => {
    expect(deviceName(null)).toBeNull();
    expect(deviceName("   ")).toBeNull();
    expect(deviceName("curl-like-thing")).toBeNull();
  });
});
