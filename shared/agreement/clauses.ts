// Clause suggestions per dispute category: the usual shapes of what parties agree to (a lump sum,
// instalments, an apology, returning property, stopping a nuisance) as pre-filled terms or texts
// that the mediator then adjusts. Suggestions never decide anything: they fill the editor.
import type { CategoryCode, LocalizedText } from '../domain/categories';
import { addDays } from '../domain/deadlines';
import type { Term } from './model';

export interface SuggestionContext {
  /** The party who usually receives (the applicant) and the one who usually performs. */
  applicantId: string;
  respondentId: string;
  agreementDate: string;
  /** The amount claimed at intake, in fen, when there was one. */
  amountFen: number | null;
}

export type Suggested =
  | { target: 'term'; term: Omit<Term, 'id'> }
  | { target: 'defaultClause' | 'otherMatters'; text: LocalizedText };

export interface ClauseSuggestion {
  id: string;
  title: LocalizedText;
  /** The categories where this is commonly agreed; 'all' for every category. */
  categories: readonly CategoryCode[] | 'all';
  make(ctx: SuggestionContext): Suggested;
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

const MONEY: readonly CategoryCode[] = ['CON', 'BUS', 'DMG', 'WAG', 'LAB', 'MED', 'PRP', 'TRF', 'TOU', 'ECM', 'CSM', 'OTH', 'INH', 'LEN', 'FIN', 'HSE', 'EXP', 'ENV', 'IPR', 'SCH', 'NBR', 'FAM', 'LND', 'VIL'];
const INSTALMENTS: readonly CategoryCode[] = ['CON', 'BUS', 'DMG', 'WAG', 'LAB', 'MED', 'PRP', 'TRF', 'LEN', 'FIN', 'HSE', 'INH', 'ECM', 'CSM'];

/** Splits `total` into `n` instalments a month apart, the remainder of the division on the last. */
function monthlyInstalments(total: number, n: number, from: string): { amountFen: number; dueDate: string }[] {
  const share = Math.floor(total / n / 100) * 100;
  return Array.from({ length: n }, (_, i) => ({
    amountFen: i === n - 1 ? total - share * (n - 1) : share,
    dueDate: addDays(from, 30 * (i + 1)),
  }));
}

/**
 * The respondent pays the applicant in `months` monthly instalments of the amount claimed — or,
 * when none was claimed or it is less than one yuan a month, of a placeholder 1,000 yuan a month.
 */
function monthlyPayments(months: number, accelerateOnDefault: boolean): ClauseSuggestion['make'] {
  return (c) => ({
    target: 'term',
    term: {
      kind: 'instalments',
      payerId: c.respondentId,
      payeeId: c.applicantId,
      instalments: monthlyInstalments(c.amountFen && c.amountFen >= months * 100 ? c.amountFen : months * 100_000, months, c.agreementDate),
      method: 'bank_transfer',
      account: '',
      accelerateOnDefault,
      note: '',
    },
  });
}

/** The respondent does `action` for the applicant within `days` of the agreement. */
function performance(action: string, days: number): ClauseSuggestion['make'] {
  return (c) => ({ target: 'term', term: { kind: 'performance', obligorId: c.respondentId, obligeeId: c.applicantId, action, dueDate: addDays(c.agreementDate, days), place: '' } });
}

export const CLAUSE_SUGGESTIONS: readonly ClauseSuggestion[] = [
  {
    id: 'lump_sum',
    title: t('一次性付款', 'Payment in one sum'),
    categories: MONEY,
    make: (c) => ({
      target: 'term',
      term: { kind: 'payment', payerId: c.respondentId, payeeId: c.applicantId, amountFen: c.amountFen ?? 0, dueDate: addDays(c.agreementDate, 15), method: 'bank_transfer', account: '', note: '' },
    }),
  },
  {
    id: 'instalments',
    title: t('分期付款', 'Payment in instalments'),
    categories: INSTALMENTS,
    make: monthlyPayments(3, true),
  },
  {
    id: 'apology',
    title: t('赔礼道歉', 'Apology'),
    categories: ['NBR', 'FAM', 'DMG', 'MED', 'SCH', 'CSM', 'VIL', 'IPR', 'TOU', 'ECM', 'PRP', 'OTH'],
    make: (c) => ({ target: 'term', term: { kind: 'apology', obligorId: c.respondentId, obligeeId: c.applicantId, form: 'written', dueDate: addDays(c.agreementDate, 7) } }),
  },
  {
    id: 'return_property',
    title: t('返还财产', 'Return of property'),
    categories: ['FAM', 'INH', 'CON', 'HSE', 'PRP', 'CSM', 'ECM', 'NBR', 'LEN', 'LND', 'TOU', 'OTH'],
    make: (c) => ({ target: 'term', term: { kind: 'return_property', obligorId: c.respondentId, obligeeId: c.applicantId, items: '', dueDate: addDays(c.agreementDate, 15), place: '' } }),
  },
  {
    id: 'stop_nuisance',
    title: t('停止侵害、排除妨碍', 'Stop the nuisance'),
    categories: ['NBR', 'ENV', 'HSE', 'LND', 'IPR', 'VIL', 'PRP', 'EXP'],
    make: performance('停止侵害并排除妨碍：', 15),
  },
  {
    id: 'restore',
    title: t('修复、恢复原状', 'Repair and restore'),
    categories: ['NBR', 'HSE', 'PRP', 'ENV', 'LND', 'DMG', 'TRF'],
    make: performance('自费修复并恢复原状：', 30),
  },
  {
    id: 'work_certificate',
    title: t('出具离职证明、办理社保转移', 'Employment certificate and social insurance transfer'),
    categories: ['LAB', 'WAG'],
    make: performance('出具解除劳动关系证明，并办理档案和社会保险关系转移手续', 15),
  },
  {
    id: 'support',
    title: t('按月给付赡养费、抚养费', 'Monthly support payments'),
    categories: ['FAM', 'INH'],
    make: monthlyPayments(12, false),
  },
  {
    id: 'default_interest',
    title: t('违约责任：逾期利息', 'Default: interest on late payment'),
    categories: MONEY,
    make: () => ({
      target: 'defaultClause',
      text: t(
        '任何一方未按本协议约定的期限足额履行付款义务的，应自逾期之日起按一年期贷款市场报价利率（LPR）向对方支付逾期利息；本协议经人民法院司法确认后，对方可就未履行部分申请强制执行。',
        'A party who does not pay in full on time pays the other interest on the overdue amount at the one-year Loan Prime Rate (LPR) from the day it fell due; once the people’s court has confirmed this agreement, the other party may apply for enforcement of what remains unperformed.',
      ),
    }),
  },
  {
    id: 'default_general',
    title: t('违约责任：申请强制执行', 'Default: enforcement'),
    categories: 'all',
    make: () => ({
      target: 'defaultClause',
      text: t(
        '任何一方不履行或者不完全履行本协议的，另一方可以就本协议申请人民法院司法确认后申请强制执行，或者就履行情况向人民法院提起诉讼。',
        'If a party does not perform this agreement or performs it only in part, the other party may, after judicial confirmation, apply to the people’s court for enforcement, or bring an action on the performance.',
      ),
    }),
  },
  {
    id: 'full_settlement',
    title: t('一次性了结', 'Full and final settlement'),
    categories: 'all',
    make: () => ({
      target: 'otherMatters',
      text: t(
        '本协议履行完毕后，双方就本纠纷再无其他争议，任何一方不得再以同一事实和理由向对方主张权利。',
        'Once this agreement is performed, the parties have no further dispute over this matter, and neither may claim against the other again on the same facts and grounds.',
      ),
    }),
  },
  {
    id: 'confirmation',
    title: t('共同申请司法确认', 'Joint application for judicial confirmation'),
    categories: 'all',
    make: () => ({
      target: 'otherMatters',
      text: t(
        '双方同意自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认。',
        'The parties agree to apply jointly to the competent people’s court for judicial confirmation within 30 days of this agreement taking effect.',
      ),
    }),
  },
];

/** The suggestions for one category, in the order above. */
export function suggestionsFor(category: string): ClauseSuggestion[] {
  return CLAUSE_SUGGESTIONS.filter((s) => s.categories === 'all' || (s.categories as readonly string[]).includes(category));
}
