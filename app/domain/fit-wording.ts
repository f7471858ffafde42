/**
 * The round's explanations (fit factors, alternatives' notes, unmatched reasons and their hints)
 * are written to the requesting trust ("you assessed yourself as …"). Other readers get the same
 * facts in their own words: the pioneer reads the requester as "they" and itself as "you"; a
 * coordinator reads both in the third person. Each rewording is an ordered list of phrases,
 * longest first, so that each phrase is rewritten once.
 */
type Rewording = [RegExp, string][];

const reword = (rules: Rewording, text: string) =>
  rules.reduce((words, [pattern, replacement]) => words.replace(pattern, replacement), text);

const FOR_PIONEER: Rewording = [
  [/\bPioneer teaches (.+?) but has not assessed it\b/g, "You teach $1 but have not assessed it"],
  [/\bPioneer is\b/g, "You are"],
  [/\bYou asked for this offer\b/g, "They asked for your offer"],
  [/\bthe pioneer said they are interested in helping you\b/g, "you said you are interested in helping them"],
  [/\bThe pioneer said they are interested in helping you\b/g, "You said you are interested in helping them"],
  [/\byou assessed yourself as\b/g, "their team assessed itself as"],
  [/\byou have not assessed it yet\b/g, "their team has not assessed it yet"],
  [/\byou did not ask\b/g, "they did not ask"],
  [/\byou asked for\b/g, "they asked for"],
  [/\bwhich you accept\b/g, "which they accept"],
  [/\byou accept\b/g, "they accept"],
  [/\bYour readiness\b/g, "Their readiness"],
  [/\byour window\b/g, "their window"],
  [/\byour budget\b/g, "their budget"],
  [/\byour trust\b/g, "their trust"],
  [/\byour maturity\b/g, "their maturity"],
];

export function fitTextForPioneer(text: string): string {
  return reword(FOR_PIONEER, text);
}

/**
 * For a coordinator: the requesting trust by name where the sentence is about its own
 * assessment, "the requester" elsewhere, and the pioneer as "the pioneer". The last two rules
 * catch any "you" or "your" a new phrase brings, so nothing reaches a coordinator in the
 * requester's voice.
 */
function forCoordinator(requesterName: string): Rewording {
  const requester = requesterName.replace(/\$/g, "$$$$"); // a literal "$" in a replacement
  return [
    [/\bPioneer (is|teaches)\b/g, "The pioneer $1"],
    [/\byou assessed yourself\b/g, `${requester} assessed itself`],
    [/\byou have not assessed it yet\b/g, `${requester} has not assessed it yet`],
    [/\byou have\b/g, "the requester has"],
    [/\bwhich you accept\b/g, "which the requester accepts"],
    [/\byou accept\b/g, "the requester accepts"],
    [/\bplaced you\b/g, "placed the requester"],
    [/\byour own organisation\b/g, "the requester's own organisation"],
    [/\bYour\b/g, "The requester's"],
    [/\byour\b/g, "the requester's"],
    [/\bYou\b/g, "The requester"],
    [/\byou\b/g, "the requester"],
  ];
}

/**
 * Any of the round's explanation text in a coordinator's words, e.g. "you assessed yourself as
 * not started" becomes "Royal Free London assessed itself as not started", and "if you would
 * travel anywhere in England" becomes "if the requester would travel anywhere in England".
 */
export function fitTextForCoordinator(text: string, requesterName = "the requester"): string {
  return reword(forCoordinator(requesterName), text);
}

/** Who reads a match's explanation: the requester reads it as stored. */
export type FitReader = "requester" | "pioneer" | "coordinator";

export function fitTextFor(reader: FitReader, text: string, requesterName?: string): string {
  if (reader === "pioneer") return fitTextForPioneer(text);
  if (reader === "coordinator") return fitTextForCoordinator(text, requesterName);
  return text;
}

interface ExplainedProposal {
  request_organisation_name: string;
  unmatched_reason: string | null;
  factors: { text: string }[];
  alternatives: { note: string }[];
}

/** A round's proposal with its factors, alternatives' notes and unmatched reason in a coordinator's words. */
export function proposalForCoordinator<P extends ExplainedProposal>(p: P): P {
  const words = (text: string) => fitTextForCoordinator(text, p.request_organisation_name);
  return {
    ...p,
    unmatched_reason: p.unmatched_reason === null ? null : words(p.unmatched_reason),
    factors: p.factors.map((f) => ({ ...f, text: words(f.text) })),
    alternatives: p.alternatives.map((a) => ({ ...a, note: words(a.note) })),
  };
}
