// Every validation outcome in the domain layer is a code from this list plus optional parameters,
// never a sentence: the UI turns the code into words in the user's language (messages.ts), and
// tests can assert on the exact reason without depending on wording.

export const ERROR_CODES = [
  // generic field rules
  'required',
  'too_long',
  'control_chars',
  'text.encoding',
  'value.invalid',
  'field.option',
  'field.type',
  'number.invalid',
  'number.range',
  'number.integer',
  'date.invalid',
  'date.order',
  // identifiers
  'id.length',
  'id.format',
  'id.region',
  'id.birthdate',
  'id.checksum',
  'credit.length',
  'credit.charset',
  'credit.checksum',
  'phone.invalid',
  'name.invalid',
  // money
  'money.invalid',
  'money.negative',
  'money.decimals',
  'money.too_large',
  // case intake
  'case.no_applicant',
  'case.no_respondent',
  'case.too_many_parties',
  'agent.principal',
  'category.unknown',
  // lifecycle
  'lifecycle.illegal',
  'lifecycle.reason_required',
  'lifecycle.confirmation_window',
  'lifecycle.agreement_date_required',
  'lifecycle.agreement_date_future',
  'lifecycle.act_required',
  'lifecycle.act_date_future',
  'lifecycle.act_before_agreement',
  'deadline.not_running',
  'deadline.extension_days',
  'deadline.extension_reason',
  // case-number pattern
  'pattern.invalid',
  'pattern.no_seq',
  'pattern.placeholder',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

/** One problem with one input field; `path` is what the form maps to its field, e.g. ['parties', 0, 'idNumber']. */
export interface FieldError {
  path: (string | number)[];
  code: ErrorCode;
  params?: ErrorParams;
}

/** The failure half of every check in this layer. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  params?: ErrorParams;
}

export function fail(code: ErrorCode, params?: ErrorParams): Failure {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}

export function isErrorCode(x: string): x is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(x);
}

/** Turns a single-value failure into a FieldError at `path`. */
export function toFieldError(path: (string | number)[], failure: Failure): FieldError {
  return failure.params === undefined ? { path, code: failure.code } : { path, code: failure.code, params: failure.params };
}
