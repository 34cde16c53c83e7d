// The case store's door: cases and their parties as every feature reads and changes them. A case
// changes only through these commands, which check the actor's permission and the version read
// and audit the change in the same transaction; a feature that moves a case on (an agreement
// signed, an application filed, an act recorded) calls them too.
//
// The store uses the data layer and kit, never another feature, so every feature may use it —
// the case screens (../cases) included, which host other features' tabs.
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
export { updateCaseStatistics, DISTRICT_MAX, PERSONS_MAX, RISK_REASON_MAX, type CaseStatisticsPatch } from './statistics-details';
export {
  caseDistricts,
  countCases,
  MAX_PAGE_SIZE,
  queryCases,
  type CaseCount,
  type CaseListRow,
  type CasePage,
  type Cursor,
  type QueryContext,
} from './query';
