// The case store: everything the case screens read and write.
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
export { CaseChangedError, StoreError, type FieldErrorLike, type StoreErrorCode, type StoreResult } from '../../../kit/result';
