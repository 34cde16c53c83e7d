// The case store: everything the case screens read and write. Other features reach it through
// the feature's door (../index.ts).
export {
  assignMediator,
  extendMediationDeadline,
  getCase,
  getCaseEvents,
  getParties,
  recordAgreementEffective,
  registerCase,
  revealIdNumber,
  transitionCase,
  updateCaseDetails,
  type CaseDetailsPatch,
  type CommandContext,
  type RegisteredCase,
  type TransitionOptions,
} from './commands';
export { withFullIdNumbers } from './full-id-numbers';
export {
  countCases,
  MAX_PAGE_SIZE,
  queryCases,
  type CaseCount,
  type CaseListRow,
  type CasePage,
  type Cursor,
  type QueryContext,
} from './query';
