// The cases feature's door: what other features and the app may use of it. A case changes through
// these commands, which check the actor's permission and the version read and audit the change;
// a feature that moves a case on (an agreement signed, an application filed) calls them too.
// The screens under /cases load lazily from CasesRoutes.
export { CasesRoutes } from './CasesRoutes';
export {
  assignMediator,
  countCases,
  extendMediationDeadline,
  getCase,
  getCaseEvents,
  getParties,
  MAX_PAGE_SIZE,
  queryCases,
  recordAgreementEffective,
  registerCase,
  revealIdNumber,
  transitionCase,
  updateCaseDetails,
  withFullIdNumbers,
  type CaseCount,
  type CaseDetailsPatch,
  type CaseListRow,
  type CasePage,
  type CommandContext,
  type Cursor,
  type QueryContext,
  type RegisteredCase,
  type TransitionOptions,
} from './store';
