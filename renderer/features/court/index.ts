// The court feature's door: who works the court's intake (the shell's menu and guards ask), and
// the clerk's screens under /court, each loaded when first opened.
export { mayUseCourtIntake } from './permissions';
export { default as CourtRoutes } from './CourtRoutes';
