// The termination record (调解终结书): its schema, the rules it must meet, and its PDF.
export * from './model';
export { checkTermination, type CheckedTermination, type RuleError, type TerminationCheck, type TerminationDraft } from './rules';
export { composeTermination, MATERIAL_TEXT, PATH_TEXT, REASON_TEXT, renderTerminationPdf, TERMINATION_TITLE, type TerminationContent } from './document';
