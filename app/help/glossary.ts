/** The words Peerlink uses with a meaning of their own; the glossary page and in-page links use these ids. */
export const GLOSSARY = [
  {
    id: "capability",
    term: "Capability",
    meaning:
      "One thing an organisation can be good at, from the capability framework, such as a quality improvement method. Trusts assess their maturity in each capability, ask for help with some, and offer help with those they are strong in.",
  },
  {
    id: "pioneer",
    term: "Pioneer",
    meaning:
      "An organisation a coordinator has recognised as strong in some capabilities. Only pioneers publish offers and take on requests from other trusts.",
  },
  {
    id: "round",
    term: "Matching round",
    meaning:
      "One run of matching by a coordinator for an area and a quarter. It proposes a pairing of open requests with pioneers' offers; the coordinator approves, changes or rejects each proposal before anyone is told.",
  },
  {
    id: "engagement",
    term: "Engagement",
    meaning:
      "The work two organisations do together once a match is accepted: sessions, contacts, a questionnaire, feedback and the learning they record.",
  },
  {
    id: "impact",
    term: "Impact",
    meaning:
      "The change in a requesting trust's assessed maturity in a capability between the assessment before an engagement and the one after it.",
  },
  {
    id: "quarter",
    term: "Quarter",
    meaning:
      "Three months of the NHS financial year, which runs from April to March: Q1 is April to June, Q2 July to September, Q3 October to December and Q4 January to March. An offer's places are counted per quarter.",
  },
] as const;

export type GlossaryTerm = (typeof GLOSSARY)[number]["id"];
