import type { LearningVisibility } from "../../db/schema";

/** Says in words who can read an entry, so the colour is never the only sign. */
export function LearningVisibilityTag({ visibility }: { visibility: LearningVisibility }) {
  return visibility === "shared" ? (
    <strong className="nhsuk-tag nhsuk-tag--blue">Shared</strong>
  ) : (
    <strong className="nhsuk-tag nhsuk-tag--grey">Private to the two trusts</strong>
  );
}
