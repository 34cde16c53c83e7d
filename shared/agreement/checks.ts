// What must be true before an agreement can be finalised (人民调解法 art. 29: the parties' basic
// information; the facts, the matters in dispute and each side's responsibility; what was agreed
// and how and by when it is performed), and the rules a term must keep (amounts positive, dates
// not before the agreement, instalments in order). Every problem names where it is, so the editor
// can point at the field and the finalise button can list them all at once.
import type { ErrorCode, ErrorParams } from '../domain/errors';
import type { Party } from '../domain/model';
import { cleanText } from '../domain/text';
import { CLAUSE_MAX, NARRATIVE_MAX, type AgreementContent, type Term } from './model';

export const AGREEMENT_CODES = [
  'agreement.no_terms',
  'agreement.party_unknown',
  'agreement.same_party',
  'agreement.due_before_agreement',
  'agreement.instalments_order',
  'agreement.party_id_number',
  'agreement.party_address',
  'agreement.party_representative',
  'agreement.copies',
  'agreement.glyph_missing',
  'agreement.amount',
  'agreement.default_clause',
  'agreement.instalments_count',
] as const;
export type AgreementCode = (typeof AGREEMENT_CODES)[number];

export interface AgreementProblem {
  /** Where in the content (['terms', 2, 'dueDate']) or which party (['parties', id]). */
  path: (string | number)[];
  code: ErrorCode | AgreementCode;
  params?: ErrorParams;
}

type TextField = 'place' | 'facts' | 'dispute' | 'responsibility' | 'defaultClause' | 'otherMatters';
const TEXT_LIMITS: Record<TextField, number> = { place: 100, facts: NARRATIVE_MAX, dispute: NARRATIVE_MAX, responsibility: CLAUSE_MAX, defaultClause: CLAUSE_MAX, otherMatters: CLAUSE_MAX };

function clean(value: string, max: number, multiline: boolean, path: AgreementProblem['path'], problems: AgreementProblem[]): string {
  const result = cleanText(value, { maxLength: max, multiline });
  if (result.ok) return result.value;
  problems.push({ path, code: result.code, ...(result.params ? { params: result.params } : {}) });
  return value;
}

function cleanTerm(term: Term, i: number, problems: AgreementProblem[]): Term {
  const at = (field: string) => ['terms', i, field];
  switch (term.kind) {
    case 'payment':
    case 'instalments':
      return { ...term, account: clean(term.account, 200, false, at('account'), problems), note: clean(term.note, CLAUSE_MAX, true, at('note'), problems) };
    case 'performance':
      return { ...term, action: clean(term.action, CLAUSE_MAX, true, at('action'), problems), place: clean(term.place, 200, false, at('place'), problems) };
    case 'return_property':
      return { ...term, items: clean(term.items, CLAUSE_MAX, true, at('items'), problems), place: clean(term.place, 200, false, at('place'), problems) };
    case 'apology':
      return term;
    case 'other':
      return { ...term, text: clean(term.text, CLAUSE_MAX, true, at('text'), problems) };
  }
}

/**
 * Normalises the typed texts (NFC, no control characters, trimmed) and reports texts that are too
 * long or damaged. A draft with such problems is not saved: the editor keeps what was typed.
 */
export function cleanContent(content: AgreementContent): { content: AgreementContent; problems: AgreementProblem[] } {
  const problems: AgreementProblem[] = [];
  const next = { ...content };
  for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
    next[field] = clean(content[field], TEXT_LIMITS[field], field !== 'place', [field], problems);
  }
  next.terms = content.terms.map((term, i) => cleanTerm(term, i, problems));
  return { content: next, problems };
}

function partyIdsOf(term: Term): [string, string] | null {
  switch (term.kind) {
    case 'payment':
    case 'instalments':
      return [term.payerId, term.payeeId];
    case 'performance':
    case 'return_property':
    case 'apology':
      return [term.obligorId, term.obligeeId];
    case 'other':
      return null;
  }
}

function checkTerm(term: Term, i: number, principals: ReadonlyMap<string, Party>, agreementDate: string, problems: AgreementProblem[]): void {
  const at = (...rest: (string | number)[]) => ['terms', i, ...rest];
  const ids = partyIdsOf(term);
  if (ids) {
    const [fromField, toField] = term.kind === 'payment' || term.kind === 'instalments' ? ['payerId', 'payeeId'] : ['obligorId', 'obligeeId'];
    if (!principals.has(ids[0])) problems.push({ path: at(fromField), code: 'agreement.party_unknown' });
    if (!principals.has(ids[1])) problems.push({ path: at(toField), code: 'agreement.party_unknown' });
    if (ids[0] === ids[1]) problems.push({ path: at(toField), code: 'agreement.same_party' });
  }
  const dueDates: { date: string; path: (string | number)[] }[] = [];
  if (term.kind === 'instalments') {
    term.instalments.forEach((inst, k) => {
      dueDates.push({ date: inst.dueDate, path: at('instalments', k, 'dueDate') });
      if (!(inst.amountFen > 0)) problems.push({ path: at('instalments', k, 'amountFen'), code: 'agreement.amount' });
      const previous = term.instalments[k - 1];
      if (previous && inst.dueDate <= previous.dueDate) problems.push({ path: at('instalments', k, 'dueDate'), code: 'agreement.instalments_order', params: { n: k + 1 } });
    });
  } else if (term.kind !== 'other') {
    dueDates.push({ date: term.dueDate, path: at('dueDate') });
  }
  if (term.kind === 'payment' && !(term.amountFen > 0)) problems.push({ path: at('amountFen'), code: 'agreement.amount' });
  for (const due of dueDates) {
    if (due.date < agreementDate) problems.push({ path: due.path, code: 'agreement.due_before_agreement', params: { due: due.date, date: agreementDate } });
  }
  const required = (field: string, value: string) => {
    if (value.trim() === '') problems.push({ path: at(field), code: 'required' });
  };
  if (term.kind === 'performance') required('action', term.action);
  if (term.kind === 'return_property') required('items', term.items);
  if (term.kind === 'other') required('text', term.text);
}

/** The particulars art. 29 requires of a party that the case does not hold yet. */
function missingParticulars(party: Party): AgreementCode[] {
  const missing: AgreementCode[] = [];
  if (party.kind === 'natural' && party.idNumber.trim() === '') missing.push('agreement.party_id_number');
  if (party.kind === 'legal' && party.legalRepresentative.trim() === '') missing.push('agreement.party_representative');
  if (party.address.trim() === '') missing.push('agreement.party_address');
  return missing;
}

/** Texts the document will print, with where each comes from, for the font check. */
export function printedTexts(content: AgreementContent, parties: readonly Party[]): { path: AgreementProblem['path']; text: string }[] {
  const out: { path: AgreementProblem['path']; text: string }[] = [];
  for (const p of parties) out.push({ path: ['parties', p.id], text: [p.name, p.address, p.kind === 'legal' ? p.legalRepresentative : '', p.kind === 'agent' ? p.firm : ''].join('') });
  for (const field of Object.keys(TEXT_LIMITS) as TextField[]) out.push({ path: [field], text: content[field] });
  content.terms.forEach((term, i) => {
    for (const [field, value] of Object.entries(term)) if (typeof value === 'string' && !field.endsWith('Id') && field !== 'id') out.push({ path: ['terms', i, field], text: value });
  });
  return out;
}

/**
 * Everything that blocks finalisation. `covers` tells whether the shipped fonts can print a
 * character: a name with a character no font has must be fixed, not printed as a blank box.
 */
export function finalisationProblems(
  content: AgreementContent,
  parties: readonly Party[],
  covers: (codePoint: number) => boolean,
  /** Other names the document prints (the institution's, the mediator's), for the font check. */
  alsoPrinted: readonly { path: AgreementProblem['path']; text: string }[] = [],
): AgreementProblem[] {
  const problems = [...cleanContent(content).problems];
  for (const field of ['facts', 'dispute', 'responsibility'] as const) {
    if (content[field].trim() === '') problems.push({ path: [field], code: 'required' });
  }
  const principals = new Map(parties.filter((p) => p.kind !== 'agent').map((p) => [p.id, p]));
  if (content.terms.length === 0) problems.push({ path: ['terms'], code: 'agreement.no_terms' });
  content.terms.forEach((term, i) => checkTerm(term, i, principals, content.agreementDate, problems));
  if (content.terms.some((t) => t.kind !== 'other') && content.defaultClause.trim() === '') problems.push({ path: ['defaultClause'], code: 'agreement.default_clause' });
  for (const party of principals.values()) {
    for (const code of missingParticulars(party)) problems.push({ path: ['parties', party.id], code, params: { name: party.name } });
  }
  if (content.copies < principals.size + 1) problems.push({ path: ['copies'], code: 'agreement.copies', params: { min: principals.size + 1 } });
  for (const { path, text } of [...printedTexts(content, parties), ...alsoPrinted]) {
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0) as number;
      if (cp > 0x20 && !covers(cp)) problems.push({ path, code: 'agreement.glyph_missing', params: { char: ch, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` } });
    }
  }
  return problems;
}
