import { Link } from "@remix-run/react";

/** What the fit scores on the round page mean: the round's average, the scale, and where the scoring is explained. */
export function RoundFitNote({ fit, maxScore }: { fit: string | null; maxScore: number }) {
  return (
    <p>
      {fit ? `${fit} ` : null}Each proposal&apos;s fit score is out of {maxScore}:{" "}
      <Link to="/matching/weights">how matches are scored</Link>.
    </p>
  );
}
