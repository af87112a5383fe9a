// Display names for registry codes.

export const CLASSIFICATION = {
  white: { label: 'White', help: 'Any signed-in user may read' },
  green: { label: 'Green', help: "Any SEC Party's users may read" },
  amber: { label: 'Amber', help: 'Named members only' },
  red: { label: 'Red', help: 'Named members only; no export' },
};

/** Modification stages in process order (002 Modification Process guide). */
export const STAGES = ['draft_development', 'refinement', 'report_phase', 'change_board', 'authority_determination',
  'approved', 'rejected', 'withdrawn', 'implemented'];

const STAGE_LABELS = {
  draft_development: 'Draft Proposal',
  refinement: 'Refinement Process',
  report_phase: 'Report Phase',
  change_board: 'Change Board',
  authority_determination: 'Authority determination',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  implemented: 'Implemented',
};

export function stageLabel(stage) {
  return STAGE_LABELS[stage] || String(stage || '').replace(/_/g, ' ');
}

export const BODY_KINDS = [
  ['panel', 'Panel'],
  ['sub_committee', 'Sub-Committees'],
  ['working_group', 'Working Groups'],
];

/** The seven General SEC Objectives, (a) to (g), which a ballot's reason may say it serves. */
export const OBJECTIVES = [
  ['a', 'Efficient provision, installation, operation and interoperability of Smart Metering Systems'],
  ['b', 'Enable the DCC to comply with its Licence'],
  ['c', "Energy Consumers' management of their use of electricity and gas"],
  ['d', 'Effective competition in the Supply of Energy'],
  ['e', 'Innovation in the design and operation of Energy Networks'],
  ['f', 'Protection and security of Data and Systems'],
  ['g', 'Efficient and transparent administration and implementation of the Code'],
];

export const DECISION_KINDS = {
  asynchronous: 'Asynchronous decision',
  postal: 'Postal vote',
  meeting: 'Meeting vote',
};

export const OUTCOMES = {
  carried: 'Carried',
  not_carried: 'Not carried',
  inquorate: 'Inquorate',
  cancelled: 'Cancelled',
  awaiting_casting_vote: "Tied: awaiting the chair's casting vote",
};

export const DECISION_CHANGES = {
  extended: 'extended the closing time',
  amended: 'amended the motion',
  reopened_inquorate: 'closed it inquorate, so it reopens',
};

/** "approve" -> "Approve"; null (withdrawn) -> "Withdrawn". */
export function choiceLabel(choice) {
  return choice ? choice.charAt(0).toUpperCase() + choice.slice(1) : 'Withdrawn';
}

export function objectivesText(list) {
  return (list || []).map((o) => `(${o})`).join(', ');
}

export const ROLE_LABELS = {
  administrator: 'Administrator (SECAS)',
  moderator: 'Moderator (SECAS)',
  chair: 'Chair',
  member: 'Member',
  party_representative: 'Party representative',
  observer: 'Observer',
};

/** The four Modification Paths (SEC Section D). */
export const PATHS = {
  path_1_authority_led: 'Path 1: Authority-led',
  path_2_authority_determination: 'Path 2: Authority determination',
  path_3_self_governance: 'Path 3: Self-governance',
  fast_track: 'Fast Track',
};
