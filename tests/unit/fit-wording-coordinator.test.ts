import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitTextForCoordinator } from "~/domain/fit-wording";

const SECOND_PERSON = /\b(you|your|yours|yourself)\b/i;

/**
 * Every string the matching code writes (factors, eligibility, alternatives' notes, unmatched
 * reasons and relaxation hints), read from its source with each ${…} as a placeholder: a new
 * phrase in the requester's voice that the coordinator's wording misses fails here.
 */
function matchingPhrases(): string[] {
  const dir = join(__dirname, "../../app/matching");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
  return files.flatMap((file) => {
    const source = readFileSync(join(dir, file), "utf8");
    const literals = source.match(/`[^`]*`|"[^"\n]*"/g) ?? [];
    return literals.map((l) => l.slice(1, -1).replace(/\$\{[^}]*\}/g, "Flow")).filter((l) => SECOND_PERSON.test(l));
  });
}

describe("the round's explanations worded for a coordinator", () => {
  it("finds the requester-voiced phrases the matching code writes", () => {
    const phrases = matchingPhrases();
    expect(phrases.length).toBeGreaterThan(20);
    expect(phrases).toContain("you assessed yourself as Flow");
    expect(phrases).toContain("if you would travel anywhere in England");
  });

  it.each(matchingPhrases())("leaves no you in %j", (phrase) => {
    expect(fitTextForCoordinator(phrase, "Royal Free London")).not.toMatch(SECOND_PERSON);
  });

  it("names the requesting trust where it speaks of its own assessment", () => {
    expect(
      fitTextForCoordinator(
        "Pioneer is established in Flow; you assessed yourself as not started. Pioneer teaches Coaching but has not assessed it; you have not assessed it yet",
        "Royal Free London",
      ),
    ).toBe(
      "The pioneer is established in Flow; Royal Free London assessed itself as not started. The pioneer teaches Coaching but has not assessed it; Royal Free London has not assessed it yet",
    );
  });

  it("speaks of the requester in the third person elsewhere, with verbs that agree", () => {
    expect(
      fitTextForCoordinator(
        "Site visit is not a format you asked for (Mentoring), but it can run virtually, which you accept",
      ),
    ).toBe(
      "Site visit is not a format the requester asked for (Mentoring), but it can run virtually, which the requester accepts",
    );
    expect(fitTextForCoordinator("Webinar; you accept virtual help")).toBe(
      "Webinar; the requester accepts virtual help",
    );
    expect(fitTextForCoordinator("Your readiness for change: ready (4 out of 5)")).toBe(
      "The requester's readiness for change: ready (4 out of 5)",
    );
    expect(fitTextForCoordinator("Higher fit (80 against 70), but the plan placed you elsewhere")).toBe(
      "Higher fit (80 against 70), but the plan placed the requester elsewhere",
    );
    expect(
      fitTextForCoordinator(
        "No offer teaches Flow within your travel limit; 2 offers could help if you would travel anywhere in England, or 1 if you could pay a fee",
      ),
    ).toBe(
      "No offer teaches Flow within the requester's travel limit; 2 offers could help if the requester would travel anywhere in England, or 1 if the requester could pay a fee",
    );
    expect(fitTextForCoordinator("This offer is from your own organisation")).toBe(
      "This offer is from the requester's own organisation",
    );
  });

  it("keeps a trust's name as written, even with a dollar sign", () => {
    expect(fitTextForCoordinator("you assessed yourself as emerging", "A$1 Trust")).toBe(
      "A$1 Trust assessed itself as emerging",
    );
  });

  it("leaves words that were never the requester's alone", () => {
    expect(fitTextForCoordinator("Same integrated care board")).toBe("Same integrated care board");
    expect(fitTextForCoordinator("Every eligible offer is full; places went to requests with a better fit")).toBe(
      "Every eligible offer is full; places went to requests with a better fit",
    );
  });
});
