import { describe, expect, it } from "vitest";
import {
  PROGRESS_LABELS,
  requestProgress,
  unmatchedReasonForRequester,
  type LatestMatch,
  type LatestProposal,
} from "~/domain/request-progress";

const proposal = (
  status: LatestProposal["status"],
  at = "2026-11-01T10:00:00.000Z",
  unmatchedReason: string | null = null,
): LatestProposal => ({ status, at, unmatchedReason });
const match = (status: LatestMatch["status"], approvedAt = "2026-11-02T10:00:00.000Z"): LatestMatch => ({
  status,
  approvedAt,
});

describe("where a request stands", () => {
  it("follows the row where the row alone tells the truth", () => {
    expect(requestProgress("draft", null, null)).toBe("draft");
    expect(requestProgress("needs_info", null, null)).toBe("needs_info");
    expect(requestProgress("submitted", null, null)).toBe("submitted");
    expect(requestProgress("withdrawn", proposal("proposed"), null)).toBe("withdrawn");
    expect(requestProgress("in_progress", proposal("approved"), match("accepted"))).toBe("in_progress");
    expect(requestProgress("completed", proposal("approved"), match("accepted"))).toBe("completed");
  });

  it("walks a submitted request through a round, approval and the pioneer's answer", () => {
    expect(requestProgress("submitted", proposal("proposed"), null)).toBe("proposed");
    expect(requestProgress("submitted", proposal("unmatched"), null)).toBe("unmatched");
    expect(requestProgress("submitted", proposal("rejected"), null)).toBe("submitted");
    expect(requestProgress("submitted", proposal("approved"), match("approved"))).toBe("waiting_for_pioneer");
    expect(requestProgress("matched", proposal("approved"), match("accepted"))).toBe("accepted");
    expect(requestProgress("submitted", proposal("approved"), match("declined"))).toBe("back_in_matching");
    expect(requestProgress("submitted", proposal("approved"), match("cancelled"))).toBe("back_in_matching");
  });

  it("a later round after a decline shows the new proposal, an older round does not hide the decline", () => {
    expect(requestProgress("submitted", proposal("proposed", "2026-11-20T10:00:00.000Z"), match("declined"))).toBe(
      "proposed",
    );
    expect(requestProgress("submitted", proposal("unmatched", "2026-11-20T10:00:00.000Z"), match("declined"))).toBe(
      "unmatched",
    );
    expect(requestProgress("submitted", proposal("superseded", "2026-11-20T10:00:00.000Z"), match("declined"))).toBe(
      "back_in_matching",
    );
    expect(requestProgress("submitted", proposal("approved", "2026-10-01T10:00:00.000Z"), match("declined"))).toBe(
      "back_in_matching",
    );
    // The proposal that led to the match speaks through the match, whatever the clocks say.
    expect(requestProgress("submitted", proposal("approved", "2026-11-03T10:00:00.000Z"), match("approved"))).toBe(
      "waiting_for_pioneer",
    );
    expect(requestProgress("submitted", proposal("overridden", "2026-11-03T10:00:00.000Z"), match("declined"))).toBe(
      "back_in_matching",
    );
  });

  it("every state has a label", () => {
    for (const key of [
      "draft",
      "submitted",
      "needs_info",
      "proposed",
      "unmatched",
      "waiting_for_pioneer",
      "back_in_matching",
      "accepted",
      "in_progress",
      "completed",
      "withdrawn",
    ] as const) {
      expect(PROGRESS_LABELS[key].label).not.toBe("");
    }
  });

  it("words the round's unmatched reason for the requester, keeping other trusts' pins out of it", () => {
    expect(unmatchedReasonForRequester("No offer teaches Process mapping within your travel limit")).toBe(
      "No offer teaches Process mapping within your travel limit. A coordinator will look again in the next round; changing your request may widen the choice.",
    );
    expect(unmatchedReasonForRequester("Every eligible offer's places went to matches a coordinator pinned")).toBe(
      "The offers that could help you were full this quarter. A coordinator will look again in the next round.",
    );
    expect(unmatchedReasonForRequester(null)).toMatch(/next round/);
  });
});
