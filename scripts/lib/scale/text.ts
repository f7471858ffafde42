import type { Random } from "./random";
import { zipfPicker } from "./random";
import { personName } from "./names";
import { CHARTS, LESSONS, MEASURES, METHODS, PROBLEMS, ROLES, SETTINGS, WARDS, type Term } from "./vocabulary";

// Free text for requests, offers, sessions and learning, built from the vocabulary so that
// searching it behaves like searching real entries.

// Exponents below 1 keep the most common term to under a tenth of entries, as in real logs.
const anyMethod = zipfPicker(METHODS, 0.6);
const anyProblem = zipfPicker(PROBLEMS, 0.6);
const anySetting = zipfPicker(SETTINGS, 0.7);
const anyMeasure = zipfPicker(MEASURES, 0.6);
const anyLesson = zipfPicker(LESSONS, 0.6);
const anyRole = zipfPicker(ROLES, 0.6);
const anyChart = zipfPicker(CHARTS, 0.8);

function byCapability(terms: readonly Term[]) {
  const lists = new Map<string, Term[]>();
  for (const term of terms) for (const code of term.capabilities) lists.set(code, [...(lists.get(code) ?? []), term]);
  return new Map([...lists].map(([code, list]) => [code, zipfPicker(list, 0.5)]));
}
const methodFor = byCapability(METHODS);
const problemFor = byCapability(PROBLEMS);

/** Mostly a term tied to one of the capabilities, sometimes any term (people wander). */
function termFor(
  codes: readonly string[],
  pickers: Map<string, (random: Random) => Term>,
  fallback: (random: Random) => Term,
  random: Random,
): string {
  const own = codes.map((c) => pickers.get(c)).filter((p) => p !== undefined);
  if (own.length > 0 && random.chance(0.6)) return random.pick(own)(random).text;
  return fallback(random).text;
}
export const methodText = (codes: readonly string[], random: Random) => termFor(codes, methodFor, anyMethod, random);
export const problemText = (codes: readonly string[], random: Random) => termFor(codes, problemFor, anyProblem, random);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ward = (random: Random) => `${random.pick(WARDS)} ward`;
const percent = (random: Random) => random.int(12, 88);

/** What a capability is about, in a request's or offer's words; unknown codes fall back to the name. */
const CAPABILITY_PHRASES: Record<string, string> = {
  W1: "leadership capacity for improvement",
  W2: "an improvement strategy the board owns",
  W3: "a just and learning culture",
  W4: "quality governance",
  W5: "risk and performance management",
  W6: "using data at board",
  W7: "engaging patients and staff",
  W8: "continuous improvement and innovation",
  "IMPACT-1": "a shared purpose for improvement",
  "IMPACT-2": "investing in people and culture",
  "IMPACT-3": "leadership behaviours for improvement",
  "IMPACT-4": "building improvement capability",
  "IMPACT-5": "embedding improvement in management systems",
  "QSIR-PC": "project charters",
  "QSIR-SA": "stakeholder analysis",
  "QSIR-PM": "process mapping",
  "QSIR-DC": "demand and capacity planning",
  "QSIR-M4I": "measurement for improvement",
  "QSIR-MFI": "testing changes with PDSA cycles",
  "QSIR-DD": "driver diagrams",
  "QSIR-RCA": "root cause analysis",
  "QSIR-HDC": "leading the human side of change",
  "QSIR-SUS": "sustaining improvement",
  "OPS-LEAN": "a lean management system",
  "OPS-SAFETY": "learning from patient safety incidents",
  "OPS-FLOW": "patient flow",
};

export interface CapabilityWords {
  code: string;
  name: string;
}

export const capabilityPhrase = (c: CapabilityWords) => CAPABILITY_PHRASES[c.code] ?? c.name.toLowerCase();

export function requestTitle(capabilities: readonly CapabilityWords[], random: Random): string {
  const phrase = capabilityPhrase(random.pick(capabilities));
  const codes = capabilities.map((c) => c.code);
  const opening = random.pick([
    "Help with",
    "Support to build",
    "Learning from peers on",
    "Advice on",
    "Getting started with",
    "Spreading",
    "Strengthening",
  ]);
  const context = random.pick([
    "",
    " across the trust",
    ` for ${problemText(codes, random)}`,
    ` ${anySetting(random)}`,
    " for our board",
    ` in our ${problemText(codes, random)} programme`,
  ]);
  return `${opening} ${phrase}${context}`;
}

export function requestOutcome(capabilities: readonly CapabilityWords[], random: Random): string {
  const codes = capabilities.map((c) => c.code);
  return [
    `Teams ${anySetting(random)} use ${methodText(codes, random)} routinely and can show ${anyMeasure(random)} improving on a ${anyChart(random)}.`,
    random.pick([
      `Our board sees ${problemText(codes, random)} data every month and asks about it.`,
      `We have a plan we believe in for ${problemText(codes, random)}, with named leads.`,
      `At least ${random.int(2, 8)} teams have tested a change with ${methodText(codes, random)}.`,
    ]),
  ].join(" ");
}

const OFFER_OPENINGS: Record<string, string[]> = {
  site_visit: ["See {p} on our wards", "Visit us: {p} in daily practice", "Come and see {p}"],
  board_to_board: ["Board-to-board: {p}", "Board conversations on {p}"],
  shadowing: ["Shadow our team: {p}", "Work alongside us on {p}"],
  mentoring: ["Mentoring for leaders on {p}", "Coaching on {p}"],
  training: ["Workshop: {p} in practice", "Training in {p}"],
  consultancy: ["Consultancy days on {p}", "Expert support with {p}"],
  virtual: ["Virtual sessions on {p}", "Online masterclass: {p}"],
};

export function offerTitle(formatCode: string, capabilities: readonly CapabilityWords[], random: Random): string {
  const template = random.pick(OFFER_OPENINGS[formatCode] ?? ["Peer support with {p}"]);
  return template.replace("{p}", capabilityPhrase(random.pick(capabilities)));
}

export function offerDescription(capabilities: readonly CapabilityWords[], random: Random): string {
  const codes = capabilities.map((c) => c.code);
  return [
    `Our teams have used ${methodText(codes, random)} for ${random.int(2, 9)} years to tackle ${problemText(codes, random)}.`,
    `We share what worked, what did not, and the ${anyChart(random)}s that convinced our board; ${anyRole(random)} and ${anyRole(random)} join every session.`,
  ].join(" ");
}

export const evidenceText = (random: Random) =>
  random.pick([
    "Sustained, measured results shared with peers.",
    "Rated outstanding for well-led.",
    "Improvement programme running since 2017.",
    "Runs the regional improvement faculty.",
  ]);

export interface EntryText {
  title: string;
  insight: string;
}

const TITLES = [
  (m: string, p: string, r: Random) => `${capitalise(m)} to reduce ${p} ${anySetting(r)}`,
  (m: string, p: string) => `What ${m} taught us about ${p}`,
  (m: string, p: string, r: Random) => `${capitalise(p)}: ${m} on ${ward(r)}`,
  (m: string, p: string) => `Getting started with ${m} for ${p}`,
  (m: string) => `Lessons from our first month of ${m}`,
  (_m: string, p: string, r: Random) => `Plotting ${p} on a ${anyChart(r)}`,
];

const SENTENCES = [
  (m: string, p: string, r: Random) => `We used ${m} to tackle ${p} ${anySetting(r)}.`,
  (m: string, _p: string, r: Random) =>
    `${capitalise(anyRole(r))} led a ${r.int(2, 12)}-week test of ${m}; ${anyMeasure(r)} moved from ${percent(r)}% to ${percent(r)}%.`,
  (_m: string, _p: string, r: Random) => `The biggest lesson: ${anyLesson(r)}.`,
  (_m: string, p: string, r: Random) =>
    `Plotting ${p} on a ${anyChart(r)} showed the variation was common cause, so we stopped reacting to single bad days.`,
  (m: string, _p: string, r: Random) =>
    `Seeing ${m} on ${ward(r)} at the host trust changed how our ${anyRole(r)} think about it.`,
  (m: string, _p: string, r: Random) =>
    `We agreed to spread ${m} ${anySetting(r)} once the change has held for ${r.int(4, 12)} weeks.`,
  (_m: string, p: string, r: Random) => `${capitalise(anyRole(r))} said the work on ${p} finally felt like theirs.`,
  (m: string, p: string, r: Random) => `A second PDSA cycle on ${p} adjusted ${m} after feedback from ${anyRole(r)}.`,
  (_m: string, _p: string, r: Random) => `Balancing measures such as ${anyMeasure(r)} did not get worse.`,
  (m: string, _p: string, r: Random) =>
    `Our board now sees ${m} in the integrated performance report; ${anyLesson(r)}.`,
];

/** A learning entry's title and insight: two to five sentences about a method and a problem. */
export function learningText(codes: readonly string[], random: Random): EntryText {
  const method = methodText(codes, random);
  const problem = problemText(codes, random);
  const title = random.pick(TITLES)(method, problem, random);
  const count = random.int(2, 5);
  const sentences = random.sample(SENTENCES, count).map((s) => s(method, problem, random));
  // A second method now and then, as real notes mix approaches.
  if (random.chance(0.3)) sentences.push(`We also tried ${methodText(codes, random)} alongside it.`);
  return { title, insight: sentences.join(" ") };
}

export function linkText(codes: readonly string[], random: Random): { title: string; document: string } {
  const method = methodText(codes, random);
  const title = random.pick([
    `${capitalise(anyChart(random))} template`,
    `Guide to ${method}`,
    `Standard operating procedure: ${method}`,
    `Measurement plan for ${problemText(codes, random)}`,
    "Photo of our visual management board",
    "Slides from the session",
  ]);
  return {
    title,
    document: title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, ""),
  };
}

export function actionText(codes: readonly string[], random: Random): { description: string; owner: string } {
  const description = random.pick([
    `Run a ${methodText(codes, random)} pilot on ${ward(random)}`,
    `Add ${anyMeasure(random)} to the monthly board report`,
    `Train ${random.int(4, 30)} ${anyRole(random)} in ${methodText(codes, random)}`,
    `Set up a weekly review of ${problemText(codes, random)} data`,
    `Share the ${anyChart(random)} with the quality committee`,
    `Arrange a return visit to see ${methodText(codes, random)}`,
  ]);
  return {
    description,
    owner: `${personName(random)}, ${random.pick(["ward manager", "matron", "improvement lead", "divisional director", "chief nurse", "head of performance"])}`,
  };
}

export function sessionAgenda(codes: readonly string[], random: Random): string {
  return [
    "Welcome and introductions",
    `How we use ${methodText(codes, random)}`,
    random.chance(0.5)
      ? `Walk-round ${anySetting(random)}`
      : `Looking at your ${problemText(codes, random)} data together`,
    `Questions with ${anyRole(random)}`,
    "Agree actions and next steps",
  ].join("; ");
}

export function sessionOutcome(codes: readonly string[], random: Random): string {
  return `Good discussion of ${problemText(codes, random)}; ${anyLesson(random)}.`;
}

export function questionnaireText(codes: readonly string[], random: Random) {
  return {
    wantsToSee: `${capitalise(methodText(codes, random))} ${anySetting(random)}, and how the board uses the data.`,
    currentData: `We track ${anyMeasure(random)} weekly in a spreadsheet; ${random.pick(["no charts yet", "a monthly bar chart", "a run chart for one ward"])}.`,
    questions: random.chance(0.6)
      ? `How did you get ${anyRole(random)} on board with ${problemText(codes, random)}?`
      : "",
  };
}
