import { describe, expect, it } from "vitest";
import { fitTextForPioneer } from "~/domain/fit-wording";

describe("the fit explanation worded for the pioneer", () => {
  it("speaks of the requester's team and of the pioneer as you", () => {
    expect(
      fitTextForPioneer("Pioneer is established in Measurement for improvement; you assessed yourself as emerging"),
    ).toBe("You are established in Measurement for improvement; their team assessed itself as emerging");
    expect(fitTextForPioneer("Pioneer teaches Coaching but has not assessed it; you have not assessed it yet")).toBe(
      "You teach Coaching but have not assessed it; their team has not assessed it yet",
    );
  });

  it("rewords formats, audiences, windows, readiness and budget", () => {
    expect(
      fitTextForPioneer(
        "Site visit is not a format you asked for (Mentoring), but it can run virtually, which you accept",
      ),
    ).toBe("Site visit is not a format they asked for (Mentoring), but it can run virtually, which they accept");
    expect(fitTextForPioneer("Serves every audience you asked for (Board)")).toBe(
      "Serves every audience they asked for (Board)",
    );
    expect(fitTextForPioneer("Available throughout your window")).toBe("Available throughout their window");
    expect(fitTextForPioneer("Your readiness for change: ready (4 out of 5)")).toBe(
      "Their readiness for change: ready (4 out of 5)",
    );
    expect(fitTextForPioneer("Cost recovery only, within your budget")).toBe("Cost recovery only, within their budget");
    expect(fitTextForPioneer("Same integrated care board")).toBe("Same integrated care board");
  });
});
