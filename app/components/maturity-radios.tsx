import type { ReactNode } from "react";
import { MATURITY_LEVELS, READINESS_LEVELS } from "~/domain/maturity";
import { ChoiceField } from "./form";

interface ScaleProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The level chosen, as the form sends it ("1" to "5"), or "" for none. */
  selected: string;
}

const MATURITY_OPTIONS = MATURITY_LEVELS.map((l) => ({ value: String(l.value), label: `${l.value} ${l.name}` }));
const READINESS_OPTIONS = READINESS_LEVELS.map((l) => ({ value: String(l.value), label: `${l.value} ${l.name}` }));

/** The five maturity levels by name; the page shows what each means once, above all the capabilities. */
export function MaturityRadios({ name, legend, hint, error, selected }: ScaleProps) {
  return (
    <ChoiceField
      kind="radio"
      small
      name={name}
      legend={legend}
      hint={hint}
      error={error}
      options={MATURITY_OPTIONS}
      selected={selected ? [selected] : []}
    />
  );
}

export function ReadinessRadios({ name, legend, hint, error, selected }: ScaleProps) {
  return (
    <ChoiceField
      kind="radio"
      small
      name={name}
      legend={legend}
      hint={hint}
      error={error}
      options={READINESS_OPTIONS}
      selected={selected ? [selected] : []}
    />
  );
}
