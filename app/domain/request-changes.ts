// What an edit changed, in the words the timeline uses ("Changed: dates, formats").

/** The parts of a help request its trust can edit, as the form sends them. */
export interface EditableRequest {
  title: string;
  outcome: string;
  capabilityIds: string[];
  audienceCodes: string[];
  formatCodes: string[];
  windowStart: string;
  windowEnd: string;
  virtualOk: boolean;
  travelLimit: string;
  budget: string;
  priority: string;
}

const sameSet = (a: string[], b: string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

/** The changed parts, in the form's order; empty when the edit changed nothing. */
export function requestChanges(before: EditableRequest, after: EditableRequest): string[] {
  const parts: [string, boolean][] = [
    ["title", before.title !== after.title],
    ["capabilities", !sameSet(before.capabilityIds, after.capabilityIds)],
    ["outcome", before.outcome !== after.outcome],
    ["audiences", !sameSet(before.audienceCodes, after.audienceCodes)],
    ["formats", !sameSet(before.formatCodes, after.formatCodes)],
    ["dates", before.windowStart !== after.windowStart || before.windowEnd !== after.windowEnd],
    ["virtual sessions", before.virtualOk !== after.virtualOk],
    ["travel", before.travelLimit !== after.travelLimit],
    ["budget", before.budget !== after.budget],
    ["priority", before.priority !== after.priority],
  ];
  return parts.filter(([, changed]) => changed).map(([name]) => name);
}
