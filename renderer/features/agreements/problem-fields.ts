// Which field of the agreement editor a finalise problem is about, as the editor labels it
// ("纠纷的主要事实", "第 2 条：付款 · 履行期限"), and the form name to take the user there (issue 15
// item 5). A refusal that only says "此项为必填项" three times leaves the user hunting.
import type { TFunction } from 'i18next';
import type { AgreementContent } from '../../../shared/agreement/model';
import { formPath } from './form-model';

/** The editor's own top-level fields (their label is editor.<name>). */
const EDITOR_FIELDS = new Set(['agreementDate', 'place', 'copies', 'facts', 'dispute', 'responsibility', 'terms', 'defaultClause', 'otherMatters']);

/** A term's field → its label key under term.* */
const TERM_FIELD_LABELS: Record<string, string> = {
  payerId: 'term.payer',
  payeeId: 'term.payee',
  amountFen: 'term.amount',
  amount: 'term.amount',
  dueDate: 'term.dueDate',
  method: 'term.method',
  account: 'term.account',
  note: 'term.note',
  instalments: 'term.instalments',
  obligorId: 'term.obligor',
  obligeeId: 'term.obligee',
  action: 'term.action',
  items: 'term.items',
  place: 'term.place',
  form: 'term.apologyForm',
  text: 'term.text',
};

export interface ProblemField {
  /** The field as the user reads it on the form. */
  label: string;
  /** The form name to scroll to and focus; null when the field is not on this form (a party's particulars). */
  name: (string | number)[] | null;
}

/** The field of problem `path`, or null when it is about no field (then the message says it all). */
export function problemField(path: readonly (string | number)[], content: AgreementContent, t: TFunction): ProblemField | null {
  const [head, index, field, k, sub] = path;
  if (typeof head !== 'string') return null;
  if (head === 'terms' && typeof index === 'number') {
    const term = content.terms[index];
    const termLabel = t('agreements:editor.termLabel', { n: index + 1, kind: term ? t(`agreements:kind.${term.kind}`) : '' });
    if (typeof field !== 'string') return { label: termLabel, name: ['terms', index] };
    let fieldLabel = TERM_FIELD_LABELS[field] ? t(`agreements:${TERM_FIELD_LABELS[field]}`) : field;
    if (field === 'instalments' && typeof k === 'number') fieldLabel = t(sub === 'dueDate' ? 'agreements:term.instalmentDue' : 'agreements:term.instalmentAmount', { n: k + 1 });
    return { label: `${termLabel} · ${fieldLabel}`, name: formPath(path) };
  }
  if (EDITOR_FIELDS.has(head)) return { label: t(`agreements:editor.${head}`), name: head === 'terms' ? null : [head] };
  return null;
}
