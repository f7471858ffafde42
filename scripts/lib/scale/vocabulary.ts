/**
 * Words of quality improvement in the NHS, each list ordered from most to least common so that
 * Zipf-weighted picks make text where a few terms are everywhere and most are rare, as in real
 * learning logs. Methods and problems name the capabilities (by framework code) they belong to.
 */
export interface Term {
  text: string;
  capabilities: readonly string[];
}

export const METHODS: readonly Term[] = [
  { text: "daily safety huddles", capabilities: ["OPS-SAFETY", "OPS-LEAN"] },
  { text: "PDSA cycles", capabilities: ["QSIR-MFI"] },
  { text: "run charts", capabilities: ["QSIR-M4I"] },
  { text: "process mapping", capabilities: ["QSIR-PM"] },
  { text: "SPC charts", capabilities: ["QSIR-M4I", "W6"] },
  { text: "board walk-rounds", capabilities: ["W1", "W3", "W4"] },
  { text: "driver diagrams", capabilities: ["QSIR-DD"] },
  { text: "Pareto analysis", capabilities: ["QSIR-RCA", "QSIR-M4I"] },
  { text: "visual management boards", capabilities: ["OPS-LEAN", "IMPACT-5"] },
  { text: "demand and capacity modelling", capabilities: ["QSIR-DC", "OPS-FLOW"] },
  { text: "fishbone diagrams", capabilities: ["QSIR-RCA"] },
  { text: "stakeholder mapping", capabilities: ["QSIR-SA"] },
  { text: "project charters", capabilities: ["QSIR-PC"] },
  { text: "the five whys", capabilities: ["QSIR-RCA"] },
  { text: "standard work", capabilities: ["OPS-LEAN"] },
  { text: "gemba walks", capabilities: ["OPS-LEAN", "IMPACT-3"] },
  { text: "red to green days", capabilities: ["OPS-FLOW"] },
  { text: "the SAFER patient flow bundle", capabilities: ["OPS-FLOW"] },
  { text: "after action reviews", capabilities: ["OPS-SAFETY", "W8"] },
  { text: "kaizen events", capabilities: ["OPS-LEAN", "W8"] },
  { text: "value stream mapping", capabilities: ["QSIR-PM", "OPS-LEAN"] },
  { text: "statistical process control", capabilities: ["QSIR-M4I", "W6"] },
  { text: "improvement coaching", capabilities: ["IMPACT-4", "IMPACT-2"] },
  { text: "rapid improvement events", capabilities: ["OPS-LEAN", "QSIR-MFI"] },
  { text: "Schwartz rounds", capabilities: ["W3", "IMPACT-2"] },
  { text: "PSIRF learning responses", capabilities: ["OPS-SAFETY", "W5"] },
  { text: "safety crosses", capabilities: ["OPS-SAFETY", "QSIR-M4I"] },
  { text: "5S workplace organisation", capabilities: ["OPS-LEAN"] },
  { text: "kanban boards", capabilities: ["OPS-LEAN", "OPS-FLOW"] },
  { text: "A3 problem solving", capabilities: ["OPS-LEAN", "QSIR-RCA"] },
  { text: "swim-lane maps", capabilities: ["QSIR-PM"] },
  { text: "experience-based co-design", capabilities: ["W7", "QSIR-HDC"] },
  { text: "appreciative inquiry", capabilities: ["QSIR-HDC", "W3"] },
  { text: "the sustainability model", capabilities: ["QSIR-SUS"] },
  { text: "kamishibai audits", capabilities: ["OPS-LEAN", "OPS-SAFETY"] },
  { text: "SBAR handover", capabilities: ["OPS-SAFETY"] },
  { text: "measurement plans", capabilities: ["QSIR-M4I", "QSIR-PC"] },
  { text: "balancing measures", capabilities: ["QSIR-M4I"] },
  { text: "integrated performance reports", capabilities: ["W6", "W4", "IMPACT-5"] },
  { text: "quality strategy workshops", capabilities: ["W2", "IMPACT-1"] },
  { text: "leadership walkabouts", capabilities: ["W1", "IMPACT-3"] },
  { text: "improvement faculty training", capabilities: ["IMPACT-4"] },
  { text: "tiered escalation huddles", capabilities: ["IMPACT-5", "OPS-LEAN"] },
  { text: "patient partner panels", capabilities: ["W7", "IMPACT-1"] },
  { text: "risk registers", capabilities: ["W5", "W4"] },
  { text: "board assurance frameworks", capabilities: ["W4", "W5"] },
  { text: "freedom to speak up guardians", capabilities: ["W3"] },
  { text: "spaghetti diagrams", capabilities: ["QSIR-PM", "OPS-FLOW"] },
  { text: "force field analysis", capabilities: ["QSIR-HDC", "QSIR-SA"] },
  { text: "plan on a page", capabilities: ["W2", "IMPACT-1"] },
  { text: "hoshin kanri", capabilities: ["W2", "IMPACT-5"] },
  { text: "model ward accreditation", capabilities: ["W8", "OPS-SAFETY"] },
  { text: "queueing theory", capabilities: ["QSIR-DC"] },
  { text: "discrete event simulation", capabilities: ["QSIR-DC", "OPS-FLOW"] },
  { text: "human factors training", capabilities: ["OPS-SAFETY", "QSIR-HDC"] },
  { text: "safety culture surveys", capabilities: ["W3", "OPS-SAFETY"] },
];

export const PROBLEMS: readonly Term[] = [
  { text: "delayed discharge", capabilities: ["OPS-FLOW"] },
  { text: "inpatient falls", capabilities: ["OPS-SAFETY"] },
  { text: "sepsis screening", capabilities: ["OPS-SAFETY", "QSIR-M4I"] },
  { text: "nursing handover", capabilities: ["OPS-SAFETY", "OPS-LEAN"] },
  { text: "pressure ulcers", capabilities: ["OPS-SAFETY"] },
  { text: "emergency department waits", capabilities: ["OPS-FLOW", "QSIR-DC"] },
  { text: "theatre utilisation", capabilities: ["QSIR-DC", "OPS-LEAN"] },
  { text: "medication errors", capabilities: ["OPS-SAFETY", "QSIR-RCA"] },
  { text: "outpatient did-not-attend rates", capabilities: ["QSIR-DC"] },
  { text: "staff sickness absence", capabilities: ["IMPACT-2", "W3"] },
  { text: "deteriorating patients", capabilities: ["OPS-SAFETY"] },
  { text: "length of stay", capabilities: ["OPS-FLOW"] },
  { text: "ambulance handover delays", capabilities: ["OPS-FLOW"] },
  { text: "bed occupancy", capabilities: ["OPS-FLOW", "QSIR-DC"] },
  { text: "cancer waiting times", capabilities: ["QSIR-DC", "W6"] },
  { text: "out-of-area mental health placements", capabilities: ["OPS-FLOW", "W5"] },
  { text: "elective waiting lists", capabilities: ["QSIR-DC", "W6"] },
  { text: "catheter-associated infections", capabilities: ["OPS-SAFETY"] },
  { text: "staff turnover", capabilities: ["IMPACT-2", "W3"] },
  { text: "complaint response times", capabilities: ["W7", "W8"] },
  { text: "diagnostic waits", capabilities: ["QSIR-DC"] },
  { text: "frailty assessment", capabilities: ["OPS-FLOW"] },
  { text: "end-of-life care planning", capabilities: ["W7"] },
  { text: "restrictive practice", capabilities: ["OPS-SAFETY", "W3"] },
  { text: "nutrition and hydration", capabilities: ["OPS-SAFETY"] },
  { text: "VTE risk assessment", capabilities: ["OPS-SAFETY", "QSIR-M4I"] },
  { text: "weekend discharges", capabilities: ["OPS-FLOW"] },
  { text: "patient experience scores", capabilities: ["W7"] },
  { text: "clinic letter turnaround", capabilities: ["OPS-LEAN"] },
  { text: "violence and aggression on wards", capabilities: ["OPS-SAFETY", "W3"] },
  { text: "stroke door-to-needle times", capabilities: ["OPS-FLOW", "QSIR-M4I"] },
  { text: "maternity triage", capabilities: ["OPS-SAFETY", "OPS-FLOW"] },
  { text: "pharmacy discharge prescriptions", capabilities: ["OPS-FLOW", "QSIR-PM"] },
  { text: "community nursing caseloads", capabilities: ["QSIR-DC"] },
  { text: "agency staffing spend", capabilities: ["W5", "IMPACT-2"] },
  { text: "board reporting", capabilities: ["W6", "W4"] },
  { text: "incident investigation backlogs", capabilities: ["OPS-SAFETY", "W5"] },
  { text: "hip fracture time to theatre", capabilities: ["OPS-FLOW"] },
  { text: "hospital-acquired pneumonia", capabilities: ["OPS-SAFETY"] },
  { text: "paediatric asthma readmissions", capabilities: ["W7", "QSIR-MFI"] },
];

export const SETTINGS: readonly string[] = [
  "on the acute medical unit",
  "in the emergency department",
  "on the elderly care wards",
  "across the surgical wards",
  "in theatres",
  "in outpatients",
  "in the discharge lounge",
  "in the community nursing teams",
  "on the stroke unit",
  "in maternity",
  "in critical care",
  "in the crisis team",
  "on the respiratory ward",
  "on the children's ward",
  "in radiology",
  "in pharmacy",
  "at the front door",
  "in the same-day emergency care unit",
  "on the older adult mental health wards",
  "in the virtual ward",
  "in district nursing",
  "in the control room",
  "in endoscopy",
  "in the renal unit",
  "in the integrated discharge team",
];

/** Tree names of wards: common in English hospitals, each one rare in the text. */
export const WARDS: readonly string[] = [
  "Acorn", "Ash", "Aspen", "Beech", "Birch", "Cedar", "Chestnut", "Elm", "Hawthorn", "Hazel", "Holly", "Juniper", "Larch",
  "Laurel", "Linden", "Magnolia", "Maple", "Oak", "Poplar", "Rowan", "Sycamore", "Walnut", "Willow", "Yew", "Cherry", "Alder",
];

export const ROLES: readonly string[] = [
  "ward managers",
  "matrons",
  "junior doctors",
  "consultants",
  "healthcare assistants",
  "discharge coordinators",
  "therapists",
  "pharmacists",
  "non-executive directors",
  "divisional directors",
  "improvement coaches",
  "patient partners",
  "operational managers",
  "paramedics",
  "midwives",
  "data analysts",
  "physician associates",
  "site managers",
];

export const MEASURES: readonly string[] = [
  "falls per 1,000 bed days",
  "time to antibiotics",
  "median length of stay",
  "handover time",
  "four-hour performance",
  "the incident reporting rate",
  "theatre start times",
  "the did-not-attend rate",
  "the share of patients screened",
  "time from decision to admit",
  "staff engagement scores",
  "days from referral to first appointment",
  "the readmission rate",
  "bed days lost to delays",
  "discharges before noon",
  "harm-free care",
];

export const CHARTS: readonly string[] = ["run chart", "SPC chart", "Pareto chart", "control chart", "scatter plot", "histogram"];

export const LESSONS: readonly string[] = [
  "start small with one team and one measure",
  "protect time for whoever leads the huddle",
  "the board needs to see the data monthly, not quarterly",
  "involve patients from the start, not at the end",
  "agree the operational definition before collecting any data",
  "celebrate small wins where staff can see them",
  "make the data visible on the ward, not in a spreadsheet",
  "a stable baseline matters more than a perfect one",
  "executive sponsorship unblocks estates and IT problems quickly",
  "frontline ownership matters more than the tool",
  "test on a Tuesday, not a Friday",
  "one page is enough for a project charter",
  "coaching beats classroom training for busy teams",
  "spread only once the change holds for eight weeks",
  "medical engagement grows when consultants see their own data",
  "do not change the measure halfway through",
  "ask the night staff too",
  "the discharge conversation starts on admission",
  "a shared language of improvement helps teams work together",
  "leaders have to ask about improvement at every meeting",
];

export const CANCEL_REASONS: readonly string[] = [
  "Cancelled because of industrial action.",
  "Cancelled: the host site was at OPEL 4.",
  "Postponed for winter pressures.",
  "Cancelled as key staff were off sick.",
  "Cancelled at the requesting trust's request; a new date is being agreed.",
];

export const STOP_REASONS: readonly string[] = [
  "Our priorities changed after a CQC inspection.",
  "The project lead left and the work paused.",
  "Winter pressures meant we could not release staff.",
  "The trust merged its improvement teams and will ask again later.",
  "We found the support we needed within our integrated care system.",
];

export const WITHDRAW_REASONS: readonly string[] = [
  "No longer a priority this year.",
  "We are getting help from our integrated care board instead.",
  "The service was reorganised.",
  "Filed twice by mistake.",
];

export const INFO_QUESTIONS: readonly string[] = [
  "Which teams would take part, and how many people?",
  "Can you say more about the data you already collect?",
  "Is there an executive sponsor for this work?",
  "Would a virtual session work for you, or must it be on site?",
];

export const INFO_ANSWERS: readonly string[] = [
  "Two ward teams, about twelve people, with the divisional director as sponsor.",
  "We collect the data weekly but do not yet plot it over time.",
  "Our chief nurse sponsors the work and reports to the quality committee.",
  "Virtual is fine for the first session; we would like one visit later.",
];

export const FEEDBACK_COMMENTS: readonly string[] = [
  "Seeing it in practice made the difference.",
  "Generous hosts; we came back with a clear plan.",
  "Useful, though the sessions could have been shorter.",
  "The coaching on our own data was the most valuable part.",
  "We would have liked more time with the frontline team.",
  "Excellent preparation and honest about what did not work.",
  "Good to learn from a trust with the same pressures as ours.",
  "",
];
