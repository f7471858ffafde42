/**
 * The round's fit explanation is written to the requesting trust ("you assessed yourself as …").
 * The pioneer reads the same facts from its own side: the requester becomes "they" and the
 * pioneer "you". Ordered so that each phrase is rewritten once.
 */
const FOR_PIONEER: [RegExp, string][] = [
  [/\bPioneer teaches (.+?) but has not assessed it\b/g, "You teach $1 but have not assessed it"],
  [/\bPioneer is\b/g, "You are"],
  [/\byou assessed yourself as\b/g, "their team assessed itself as"],
  [/\byou have not assessed it yet\b/g, "their team has not assessed it yet"],
  [/\byou did not ask\b/g, "they did not ask"],
  [/\byou asked for\b/g, "they asked for"],
  [/\bwhich you accept\b/g, "which they accept"],
  [/\byou accept\b/g, "they accept"],
  [/\bYour readiness\b/g, "Their readiness"],
  [/\byour window\b/g, "their window"],
  [/\byour budget\b/g, "their budget"],
];

export function fitTextForPioneer(text: string): string {
  return FOR_PIONEER.reduce((words, [pattern, replacement]) => words.replace(pattern, replacement), text);
}
