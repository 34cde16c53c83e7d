// The home feature's door: what a start page shows above its list — the first steps still to take
// (the setup checklist) and the institution's figures — and how both are read.
export { SetupChecklist } from './SetupChecklist';
export { InstitutionFiguresCard } from './InstitutionFiguresCard';
export { checklistDone, setupChecklist, type ChecklistItem, type ChecklistState, type ChecklistStep } from './checklist';
export { readChecklistState } from './checklist-state';
export { countFigures, readInstitutionFigures, type InstitutionFigures } from './figures';
