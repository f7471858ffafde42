import type { CostModel, Priority, TravelLimit } from "../../schema";

/** Pioneers' strengths (capability code → maturity): what they can teach. */
export const DEMO_STRENGTHS: Record<string, Record<string, number>> = {
  RWK: { "QSIR-M4I": 5, "QSIR-MFI": 5, "IMPACT-4": 5, W8: 5, "QSIR-DD": 4, "IMPACT-2": 4 },
  RX3: { "QSIR-PM": 5, "OPS-LEAN": 5, "QSIR-DC": 4, "IMPACT-5": 4 },
  RM3: { "OPS-SAFETY": 5, "QSIR-M4I": 4, W6: 5, "QSIR-RCA": 4 },
  RAL: { W4: 5, W1: 4, "IMPACT-5": 4 },
  RKB: { "OPS-LEAN": 5, "QSIR-PM": 4, "QSIR-SUS": 4 },
  RR8: { "OPS-FLOW": 5, "QSIR-DC": 5, W6: 4 },
  RHQ: { "QSIR-HDC": 5, "IMPACT-3": 5, "OPS-FLOW": 4 },
  RYR: { "IMPACT-2": 5, W3: 4, "OPS-LEAN": 4 },
  RTF: { W7: 5, W3: 5, "IMPACT-1": 4 },
};

/** Trusts' named gaps: what their requests ask for. */
export const DEMO_GAPS: Record<string, Record<string, number>> = {
  RF4: { "QSIR-M4I": 1, "QSIR-MFI": 2, W4: 2, "OPS-SAFETY": 2 },
  RQX: { "QSIR-M4I": 1 },
  R1H: { "QSIR-M4I": 2 },
  RJ1: { "QSIR-M4I": 2, "QSIR-MFI": 2 },
  RYJ: { "QSIR-M4I": 1 },
  RGT: { "QSIR-M4I": 2 },
  RDU: { "QSIR-PM": 1 },
  RTH: { "OPS-FLOW": 2 },
  RN7: { "OPS-SAFETY": 1 },
  RA7: { "OPS-LEAN": 2 },
  RTE: { W4: 1 },
  RTG: { "QSIR-HDC": 2 },
  RX1: { "OPS-LEAN": 1 },
  RW3: { "OPS-SAFETY": 2 },
  RBL: { W7: 1 },
  RCB: { "OPS-FLOW": 1 },
};

export interface DemoOffer {
  ods: string;
  title: string;
  description: string;
  capabilities: string[];
  format: string;
  audiences: string[];
  capacity: number;
  cost: CostModel;
  virtual: boolean;
  contact: string;
  pausedForDays?: number;
}

export const DEMO_OFFERS: DemoOffer[] = [
  {
    ods: "RWK",
    title: "Measurement for improvement: run charts and SPC in practice",
    description: "A two-day workshop, then coaching on your own data: run charts, statistical process control and using them in board reports.",
    capabilities: ["QSIR-M4I", "QSIR-MFI"],
    format: "training",
    audiences: ["managers", "coaches", "all_staff"],
    capacity: 2,
    cost: "free",
    virtual: false,
    contact: "Amara Osei",
  },
  {
    ods: "RWK",
    title: "Building an organisation-wide improvement programme",
    description: "Mentoring for boards and senior leaders setting up a QI programme: strategy, dosing of skills, and embedding improvement in management.",
    capabilities: ["IMPACT-4", "W8"],
    format: "mentoring",
    audiences: ["board", "senior_leaders"],
    capacity: 1,
    cost: "cost_recovery",
    virtual: true,
    contact: "Amara Osei",
  },
  {
    ods: "RX3",
    title: "Process mapping and lean: see it on the wards",
    description: "A site visit to our wards and community teams to see process mapping and lean management in daily use.",
    capabilities: ["QSIR-PM", "OPS-LEAN"],
    format: "site_visit",
    audiences: ["managers", "all_staff"],
    capacity: 3,
    cost: "free",
    virtual: false,
    contact: "Helen Barker",
  },
  {
    ods: "RM3",
    title: "Learning from patient safety events",
    description: "Consultancy days on building a safety learning system: incident review, root cause analysis and closing the loop with data.",
    capabilities: ["OPS-SAFETY", "QSIR-RCA", "W6"],
    format: "consultancy",
    audiences: ["senior_leaders", "managers"],
    capacity: 2,
    cost: "fee",
    virtual: false,
    contact: "Michael Grant",
  },
  {
    ods: "RM3",
    title: "Measurement for improvement virtual clinic",
    description: "Monthly online clinics where your analysts and improvement leads bring their charts and get advice.",
    capabilities: ["QSIR-M4I"],
    format: "virtual",
    audiences: ["managers", "coaches"],
    capacity: 2,
    cost: "free",
    virtual: true,
    contact: "Michael Grant",
  },
  {
    ods: "RAL",
    title: "Board-to-board: governing for improvement",
    description: "Our board meets yours to share how we govern improvement: what we ask for, what we measure and how we hold ourselves to account.",
    capabilities: ["W4", "W1"],
    format: "board_to_board",
    audiences: ["board"],
    capacity: 1,
    cost: "free",
    virtual: false,
    contact: "Catherine Ellis",
  },
  {
    ods: "RKB",
    title: "Lean daily management: shadow our huddles",
    description: "Spend a week shadowing our daily huddles, visual boards and leader standard work.",
    capabilities: ["OPS-LEAN", "QSIR-SUS"],
    format: "shadowing",
    audiences: ["managers", "all_staff"],
    capacity: 2,
    cost: "free",
    virtual: false,
    contact: "Raj Patel",
  },
  {
    ods: "RR8",
    title: "Flow, demand and capacity workshop",
    description: "A workshop on measuring demand and capacity and improving flow through urgent and elective pathways.",
    capabilities: ["OPS-FLOW", "QSIR-DC"],
    format: "training",
    audiences: ["senior_leaders", "managers"],
    capacity: 3,
    cost: "cost_recovery",
    virtual: true,
    contact: "Joanne Firth",
  },
  {
    ods: "RHQ",
    title: "Leading the human side of change",
    description: "Coaching for leaders on motivation, resistance and the emotional side of change.",
    capabilities: ["QSIR-HDC", "IMPACT-3"],
    format: "mentoring",
    audiences: ["senior_leaders", "coaches"],
    capacity: 2,
    cost: "free",
    virtual: true,
    contact: "Owen Marsh",
  },
  {
    ods: "RTF",
    title: "Engaging patients and staff in improvement",
    description: "Visit us to see patient partners and frontline staff leading improvement together.",
    capabilities: ["W7", "W3"],
    format: "site_visit",
    audiences: ["senior_leaders", "all_staff", "patients"],
    capacity: 2,
    cost: "free",
    virtual: false,
    contact: "Lucy Armstrong",
  },
  {
    ods: "RYR",
    title: "Psychological safety and improvement culture",
    description: "Mentoring for teams building a culture where staff speak up and improve.",
    capabilities: ["IMPACT-2", "W3"],
    format: "mentoring",
    audiences: ["senior_leaders", "managers"],
    capacity: 2,
    cost: "free",
    virtual: true,
    contact: "Nadia Rahman",
    pausedForDays: 45,
  },
];

export interface DemoRequest {
  ods: string;
  title: string;
  outcome: string;
  capabilities: string[];
  audiences: string[];
  formats: string[];
  virtual: boolean;
  travel: TravelLimit;
  budget: CostModel;
  priority: Priority;
  startsInDays?: number;
  draft?: boolean;
}

const m4i = "Teams read their own data as run charts and SPC and stop reacting to noise.";

export const DEMO_REQUESTS: DemoRequest[] = [
  { ods: "RF4", title: "SPC skills for our divisional teams", outcome: m4i, capabilities: ["QSIR-M4I", "QSIR-MFI"], audiences: ["managers", "coaches"], formats: ["training", "virtual"], virtual: true, travel: "region", budget: "free", priority: "high" },
  { ods: "RF4", title: "Board development on governing improvement", outcome: "Our board asks for and uses improvement data in every meeting.", capabilities: ["W4"], audiences: ["board"], formats: ["board_to_board"], virtual: false, travel: "anywhere", budget: "free", priority: "medium" },
  { ods: "RF4", title: "A patient safety learning system", outcome: "Every serious incident leads to a tested change.", capabilities: ["OPS-SAFETY"], audiences: ["senior_leaders"], formats: ["consultancy"], virtual: false, travel: "anywhere", budget: "fee", priority: "low", draft: true },
  // Only one offer can reach this trust: it cannot travel beyond its board's area and wants face-to-face training.
  { ods: "RQX", title: "Measurement for improvement for ward managers", outcome: m4i, capabilities: ["QSIR-M4I"], audiences: ["managers"], formats: ["training"], virtual: false, travel: "icb", budget: "free", priority: "high" },
  { ods: "R1H", title: "Run charts for our performance reports", outcome: m4i, capabilities: ["QSIR-M4I"], audiences: ["managers"], formats: ["training", "virtual"], virtual: true, travel: "anywhere", budget: "free", priority: "medium" },
  { ods: "RJ1", title: "Measurement and PDSA for clinical teams", outcome: m4i, capabilities: ["QSIR-M4I", "QSIR-MFI"], audiences: ["coaches", "all_staff"], formats: ["training", "virtual"], virtual: true, travel: "region", budget: "free", priority: "medium" },
  { ods: "RYJ", title: "SPC for our analysts", outcome: m4i, capabilities: ["QSIR-M4I"], audiences: ["coaches"], formats: ["virtual", "training"], virtual: true, travel: "anywhere", budget: "free", priority: "low" },
  { ods: "RGT", title: "Measurement for improvement across divisions", outcome: m4i, capabilities: ["QSIR-M4I"], audiences: ["managers"], formats: ["training", "virtual"], virtual: true, travel: "anywhere", budget: "cost_recovery", priority: "medium" },
  { ods: "RDU", title: "Process mapping our discharge pathway", outcome: "A mapped discharge process with the waits named and owned.", capabilities: ["QSIR-PM"], audiences: ["managers"], formats: ["site_visit", "training"], virtual: false, travel: "anywhere", budget: "free", priority: "high" },
  { ods: "RTH", title: "Improving flow through urgent care", outcome: "Fewer patients waiting over 12 hours in the emergency department.", capabilities: ["OPS-FLOW"], audiences: ["senior_leaders"], formats: ["training", "virtual"], virtual: true, travel: "anywhere", budget: "cost_recovery", priority: "high" },
  { ods: "RN7", title: "Learning from incidents", outcome: "A learning system that closes the loop on incidents.", capabilities: ["OPS-SAFETY"], audiences: ["senior_leaders", "managers"], formats: ["consultancy"], virtual: false, travel: "anywhere", budget: "fee", priority: "high" },
  { ods: "RA7", title: "Starting lean daily management", outcome: "Daily huddles in ten pilot wards.", capabilities: ["OPS-LEAN"], audiences: ["managers"], formats: ["shadowing", "site_visit"], virtual: false, travel: "anywhere", budget: "free", priority: "medium" },
  // Nobody in the South West offers board governance and this trust cannot travel further: it goes unmatched.
  { ods: "RTE", title: "Board governance of improvement", outcome: "A board that governs improvement rather than projects.", capabilities: ["W4"], audiences: ["board"], formats: ["board_to_board"], virtual: false, travel: "region", budget: "free", priority: "medium" },
  { ods: "RTG", title: "Leading change with clinicians", outcome: "Clinical leaders who can lead change through resistance.", capabilities: ["QSIR-HDC"], audiences: ["senior_leaders"], formats: ["mentoring", "virtual"], virtual: true, travel: "anywhere", budget: "free", priority: "medium" },
  { ods: "RX1", title: "Lean management for theatres", outcome: "Standard work and huddles in every theatre.", capabilities: ["OPS-LEAN"], audiences: ["managers", "all_staff"], formats: ["shadowing", "site_visit"], virtual: false, travel: "region", budget: "free", priority: "medium" },
  // The only safety offer charges a fee, which is over this trust's budget.
  { ods: "RW3", title: "Safety culture and incident learning", outcome: "Incident learning shared across our hospitals.", capabilities: ["OPS-SAFETY"], audiences: ["managers"], formats: ["consultancy", "site_visit"], virtual: false, travel: "anywhere", budget: "cost_recovery", priority: "medium" },
  { ods: "RBL", title: "Patients as partners in improvement", outcome: "Patient partners on every improvement project.", capabilities: ["W7"], audiences: ["senior_leaders", "patients"], formats: ["site_visit"], virtual: false, travel: "anywhere", budget: "free", priority: "low" },
  { ods: "RCB", title: "Demand and capacity for elective recovery", outcome: "Waiting lists planned on measured demand.", capabilities: ["OPS-FLOW"], audiences: ["managers"], formats: ["training"], virtual: true, travel: "anywhere", budget: "cost_recovery", priority: "medium" },
];
