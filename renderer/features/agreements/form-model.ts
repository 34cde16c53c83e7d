// The editor's form values and the agreement's content, both ways. Amounts are typed as yuan text
// and parsed digit by digit (shared/domain/money): "-500", "abc" or "1.234" never become a number
// silently; each is a field error naming the field.
import type { FieldErrorLike } from '../../kit/translate';
import { fenToYuanString, parseYuan } from '../../../shared/domain/money';
import type { AgreementContent, Term, TermKind } from '../../../shared/agreement/model';
import type { PAYMENT_METHODS, APOLOGY_FORMS } from '../../../shared/agreement/model';

type Method = (typeof PAYMENT_METHODS)[number];
type ApologyForm = (typeof APOLOGY_FORMS)[number];

export interface InstalmentValues {
  amount: string;
  dueDate: string;
}

export interface TermValues {
  id: string;
  kind: TermKind;
  payerId?: string;
  payeeId?: string;
  obligorId?: string;
  obligeeId?: string;
  amount?: string;
  dueDate?: string;
  method?: Method;
  account?: string;
  note?: string;
  instalments?: InstalmentValues[];
  accelerateOnDefault?: boolean;
  action?: string;
  items?: string;
  place?: string;
  form?: ApologyForm;
  text?: string;
}

export interface AgreementFormValues {
  agreementDate: string;
  place: string;
  facts: string;
  dispute: string;
  responsibility: string;
  terms: TermValues[];
  defaultClause: string;
  otherMatters: string;
  copies: number;
}

const yuan = (fen: number) => (fen > 0 ? fenToYuanString(fen) : '');

export function termToValues(term: Term): TermValues {
  switch (term.kind) {
    case 'payment':
      return { ...term, amount: yuan(term.amountFen) };
    case 'instalments':
      return { ...term, instalments: term.instalments.map((i) => ({ amount: yuan(i.amountFen), dueDate: i.dueDate })) };
    default:
      return { ...term };
  }
}

export function toFormValues(content: AgreementContent): AgreementFormValues {
  return { ...content, terms: content.terms.map(termToValues) };
}

let counter = 0;
/** A term id unique within the draft (terms are data; the id keeps React rows and errors apart). */
export function newTermId(): string {
  counter += 1;
  return `t${Date.now().toString(36)}${counter.toString(36)}`;
}

interface Reader {
  errors: FieldErrorLike[];
}

function text(value: string | undefined): string {
  return value ?? '';
}

function required(r: Reader, path: (string | number)[], value: string | undefined): string {
  if (!value) r.errors.push({ path, code: 'required' });
  return value ?? '';
}

function amount(r: Reader, path: (string | number)[], value: string | undefined): number {
  const parsed = parseYuan(value ?? '');
  if (parsed.ok) {
    if (parsed.fen === 0) r.errors.push({ path, code: 'agreement.amount' });
    return parsed.fen;
  }
  r.errors.push({ path, code: parsed.code, ...(parsed.params ? { params: parsed.params } : {}) });
  return 0;
}

function termFromValues(r: Reader, v: TermValues, i: number): Term {
  const at = (...rest: (string | number)[]) => ['terms', i, ...rest];
  const base = { id: v.id };
  switch (v.kind) {
    case 'payment':
      return {
        ...base,
        kind: 'payment',
        payerId: required(r, at('payerId'), v.payerId),
        payeeId: required(r, at('payeeId'), v.payeeId),
        amountFen: amount(r, at('amount'), v.amount),
        dueDate: required(r, at('dueDate'), v.dueDate),
        method: v.method ?? 'bank_transfer',
        account: text(v.account),
        note: text(v.note),
      };
    case 'instalments': {
      const instalments = (v.instalments ?? []).map((inst, k) => ({ amountFen: amount(r, at('instalments', k, 'amount'), inst?.amount), dueDate: required(r, at('instalments', k, 'dueDate'), inst?.dueDate) }));
      if (instalments.length < 2) r.errors.push({ path: at('instalments'), code: 'agreement.instalments_count' });
      return {
        ...base,
        kind: 'instalments',
        payerId: required(r, at('payerId'), v.payerId),
        payeeId: required(r, at('payeeId'), v.payeeId),
        instalments,
        method: v.method ?? 'bank_transfer',
        account: text(v.account),
        accelerateOnDefault: v.accelerateOnDefault ?? false,
        note: text(v.note),
      };
    }
    case 'performance':
      return { ...base, kind: 'performance', obligorId: required(r, at('obligorId'), v.obligorId), obligeeId: required(r, at('obligeeId'), v.obligeeId), action: text(v.action), dueDate: required(r, at('dueDate'), v.dueDate), place: text(v.place) };
    case 'return_property':
      return { ...base, kind: 'return_property', obligorId: required(r, at('obligorId'), v.obligorId), obligeeId: required(r, at('obligeeId'), v.obligeeId), items: text(v.items), dueDate: required(r, at('dueDate'), v.dueDate), place: text(v.place) };
    case 'apology':
      return { ...base, kind: 'apology', obligorId: required(r, at('obligorId'), v.obligorId), obligeeId: required(r, at('obligeeId'), v.obligeeId), form: v.form ?? 'written', dueDate: required(r, at('dueDate'), v.dueDate) };
    case 'other':
      return { ...base, kind: 'other', text: text(v.text) };
  }
}

/** The content the form describes, or the fields that keep it from being one. */
export function fromFormValues(values: AgreementFormValues): { content: AgreementContent; errors: FieldErrorLike[] } {
  const r: Reader = { errors: [] };
  const content: AgreementContent = {
    agreementDate: required(r, ['agreementDate'], values.agreementDate),
    place: text(values.place),
    facts: text(values.facts),
    dispute: text(values.dispute),
    responsibility: text(values.responsibility),
    terms: (values.terms ?? []).map((term, i) => termFromValues(r, term, i)),
    defaultClause: text(values.defaultClause),
    otherMatters: text(values.otherMatters),
    copies: Number.isInteger(values.copies) ? values.copies : 0,
  };
  if (!(content.copies >= 2 && content.copies <= 20)) r.errors.push({ path: ['copies'], code: 'number.range', params: { min: 2, max: 20 } });
  return { content, errors: r.errors };
}

/** The form field a content path points at (amounts are typed as `amount`, kept as `amountFen`). */
export function formPath(path: readonly (string | number)[]): (string | number)[] {
  return path.map((part) => (part === 'amountFen' ? 'amount' : part));
}
