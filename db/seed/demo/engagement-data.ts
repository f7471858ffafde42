import type { LearningVisibility } from "../../schema";

/** Days are relative to the day the demo is seeded, so the story is always current. */
export interface DemoSession {
  inDays: number;
  time: string;
  held: boolean;
  agenda: string;
  attendance: Record<string, number>;
}

export interface DemoLearning {
  /** The side writing: the requesting trust or the pioneer. */
  by: "requester" | "pioneer";
  title: string;
  insight: string;
  capabilities: string[];
  visibility: LearningVisibility;
  links?: { title: string; url: string }[];
  actions?: { description: string; owner: string; dueInDays: number; status: "open" | "in_progress" | "done" }[];
}

export interface DemoEngagement {
  requester: string;
  /** Title of the pioneer's demo offer. */
  offer: string;
  title: string;
  outcome: string;
  capabilities: string[];
  audiences: string[];
  openedDaysAgo: number;
  /** Completed this many days ago; absent while the engagement is active. */
  endedDaysAgo?: number;
  /** The requester's maturity on the targeted capabilities before the engagement; with a date. */
  baseline?: { daysAgo: number; change: number };
  sessions: DemoSession[];
  questionnaire?: { wantsToSee: string; currentData: string };
  feedback?: { requester?: [number, number, boolean, string]; pioneer?: [number, number, boolean, string] };
  learning: DemoLearning[];
}

const spc = "Measurement for improvement: run charts and SPC in practice";

export const DEMO_ENGAGEMENTS: DemoEngagement[] = [
  {
    // The engagement the demo accounts share: active, one session past and waiting to be recorded.
    requester: "RF4",
    offer: spc,
    title: "Coaching on our own SPC charts",
    outcome: "Divisional reports that show variation properly, so the board reacts to signals and not to noise.",
    capabilities: ["QSIR-M4I", "QSIR-MFI"],
    audiences: ["managers", "coaches"],
    // Over a quarter ago, so its place counts against an earlier quarter and the current one stays open to matching.
    openedDaysAgo: 100,
    baseline: { daysAgo: 120, change: 0 },
    sessions: [
      {
        inDays: -2,
        time: "10:00",
        held: false,
        agenda: "Walk through our divisional performance report; rebuild two charts as SPC together.",
        attendance: { managers: 6, coaches: 2 },
      },
      {
        inDays: 14,
        time: "09:30",
        held: false,
        agenda: "Coaching clinic on the charts the divisions have drawn since.",
        attendance: { managers: 8 },
      },
    ],
    learning: [],
  },
  {
    requester: "RJ1",
    offer: spc,
    title: "Run charts for our medical wards",
    outcome: "Every medical ward tracks its own measures on a run chart at its huddle.",
    capabilities: ["QSIR-M4I", "QSIR-MFI"],
    audiences: ["managers", "all_staff"],
    openedDaysAgo: 300,
    endedDaysAgo: 220,
    baseline: { daysAgo: 330, change: 1 },
    sessions: [
      {
        inDays: -280,
        time: "09:00",
        held: true,
        agenda: "Workshop day one: measures, run charts and the rules for spotting change.",
        attendance: { managers: 12, all_staff: 10 },
      },
      {
        inDays: -250,
        time: "09:00",
        held: true,
        agenda: "Coaching on the wards' first charts.",
        attendance: { managers: 9 },
      },
    ],
    questionnaire: {
      wantsToSee: "How your wards choose one measure and keep it going.",
      currentData: "Falls and pressure ulcer counts, monthly, in RAG tables.",
    },
    feedback: {
      requester: [
        5,
        4,
        true,
        "Practical and generous with their own data. Our ward managers now bring charts to huddles.",
      ],
      pioneer: [4, 5, true, "A well-prepared team: they had their data ready before the first day."],
    },
    learning: [
      {
        by: "pioneer",
        title: "Run charts beat red-amber-green ratings in board papers",
        insight:
          "Replacing monthly RAG tables with run charts stopped the board reacting to single bad months. Twelve data points before judging change was the rule that mattered most; the median line made it visible.",
        capabilities: ["QSIR-M4I"],
        visibility: "shared",
        links: [
          {
            title: "Making data count (NHS England)",
            url: "https://www.england.nhs.uk/publication/making-data-count/",
          },
        ],
      },
      {
        by: "requester",
        title: "Start with one measure per ward",
        insight:
          "Wards that picked a single measure they cared about (falls for care of the elderly, discharge before noon for acute medicine) kept charting; wards given five measures stopped within a month.",
        capabilities: ["QSIR-MFI"],
        visibility: "shared",
        actions: [
          {
            description: "Agree one measure with each medical ward manager",
            owner: "Head of nursing, medicine",
            dueInDays: -230,
            status: "done",
          },
        ],
      },
    ],
  },
  {
    requester: "RTH",
    offer: "Lean daily management: shadow our huddles",
    title: "Huddles that last in the emergency department",
    outcome: "A daily huddle in the emergency department that the team runs without the improvement team.",
    capabilities: ["OPS-LEAN"],
    audiences: ["managers"],
    openedDaysAgo: 260,
    endedDaysAgo: 150,
    baseline: { daysAgo: 280, change: 2 },
    sessions: [
      {
        inDays: -240,
        time: "07:45",
        held: true,
        agenda: "Shadow the 07:45 huddle and the visual board walk.",
        attendance: { managers: 4 },
      },
      {
        inDays: -200,
        time: "08:00",
        held: true,
        agenda: "Return visit: observe our own huddle and feed back.",
        attendance: { managers: 5, all_staff: 12 },
      },
    ],
    feedback: {
      requester: [5, 5, true, "Seeing a huddle that had run for five years changed what we thought was possible."],
    },
    learning: [
      {
        by: "pioneer",
        title: "A huddle board needs a named owner on every shift",
        insight:
          "Huddles decay when the board belongs to nobody. A named owner per shift, on the rota, kept the board current and the huddle under ten minutes.",
        capabilities: ["OPS-LEAN"],
        visibility: "shared",
        actions: [
          {
            description: "Add the huddle owner to the emergency department rota",
            owner: "ED matron",
            dueInDays: -180,
            status: "done",
          },
        ],
      },
      {
        by: "requester",
        title: "Our barriers to a daily huddle",
        insight:
          "Night-shift handover overlaps the huddle; consultants rarely attend. We need the clinical director to attend for the first month.",
        capabilities: ["OPS-LEAN"],
        visibility: "private",
      },
    ],
  },
  {
    requester: "R1H",
    offer: "Board-to-board: governing for improvement",
    title: "How a board governs improvement",
    outcome: "A board that asks for improvement data and acts on it.",
    capabilities: ["W4"],
    audiences: ["board"],
    openedDaysAgo: 200,
    endedDaysAgo: 120,
    baseline: { daysAgo: 210, change: 0 },
    sessions: [
      {
        inDays: -170,
        time: "14:00",
        held: true,
        agenda: "Board-to-board: how we read the integrated performance report.",
        attendance: { board: 9 },
      },
    ],
    learning: [
      {
        by: "pioneer",
        title: "Board questions that drive improvement",
        insight:
          "Three questions our chair asks of every paper: what is the system telling us, what are we testing, and what will we stop doing. Papers changed within two cycles.",
        capabilities: ["W4"],
        visibility: "shared",
      },
    ],
  },
  {
    // Ended recently: the follow-up re-assessment is not done yet, so impact shows as missing.
    requester: "RTE",
    offer: "Learning from patient safety events",
    title: "Learning from incidents at ward level",
    outcome: "Every incident review leads to a tested change on the ward.",
    capabilities: ["OPS-SAFETY"],
    audiences: ["senior_leaders", "managers"],
    openedDaysAgo: 90,
    endedDaysAgo: 20,
    // Its current assessment was made while the engagement ran, so it measures nothing.
    baseline: { daysAgo: 120, change: 1 },
    sessions: [
      {
        inDays: -60,
        time: "10:00",
        held: true,
        agenda: "Consultancy day: our incident review process end to end.",
        attendance: { senior_leaders: 3, managers: 6 },
      },
    ],
    learning: [
      {
        by: "pioneer",
        title: "After-action reviews within 72 hours",
        insight:
          "Reviews held within three days of an incident, with the staff involved, found system causes that later written reviews missed.",
        capabilities: ["OPS-SAFETY"],
        visibility: "shared",
        actions: [
          {
            description: "Pilot 72-hour after-action reviews on two wards",
            owner: "Patient safety lead",
            dueInDays: 30,
            status: "in_progress",
          },
        ],
      },
    ],
  },
];
