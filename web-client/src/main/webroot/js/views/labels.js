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
