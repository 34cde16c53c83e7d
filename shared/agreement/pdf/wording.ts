// The words of the document itself, in Chinese (the original) and English (a translation copy,
// marked as such on every page). They live here, not in the UI's i18n, because the CLI renders the
// same document and a court reads these words, not a screen.
import type { IdType, PartySide } from '../../domain/model';
import { fenToChineseCapital, fenToFigures } from '../amount-words';
import type { PAYMENT_METHODS, APOLOGY_FORMS } from '../model';

export type DocumentLanguage = 'zh-CN' | 'en-US';

type Method = (typeof PAYMENT_METHODS)[number];
type ApologyForm = (typeof APOLOGY_FORMS)[number];

export interface Wording {
  title: string;
  translationNotice: string | null;
  draftNotice(version: number): string;
  number(caseNumber: string): string;
  side: Record<PartySide, string>;
  agent: string;
  partiesHeading: string;
  idLabel: Record<IdType, string>;
  creditCode: string;
  address: string;
  residence: string;
  phone: string;
  legalRepresentative: string;
  agentOf(firm: string, principal: string): string;
  licence: string;
  factsHeading: string;
  disputeHeading: string;
  responsibilityHeading: string;
  termsIntro: string;
  date(iso: string): string;
  money(fen: number): string;
  method: Record<Method, string>;
  apology: Record<ApologyForm, string>;
  payment(payer: string, payee: string, due: string, money: string, method: string): string;
  account(account: string): string;
  instalments(payer: string, payee: string, count: number, money: string, method: string): string;
  instalment(n: number, due: string, money: string): string;
  accelerate(payer: string, payee: string): string;
  performance(obligor: string, obligee: string, due: string, action: string, place: string): string;
  returnProperty(obligor: string, obligee: string, due: string, items: string, place: string): string;
  apologyTerm(obligor: string, obligee: string, due: string, form: string): string;
  defaultHeading: string;
  otherHeading: string;
  effect(copies: number, parties: number): string;
  ordinal(n: number): string;
  partiesSign: string;
  mediatorSign: string;
  committeeSeal(name: string): string;
  electronicNote: string;
  placeAndDate(place: string, date: string): string;
  signedOn(date: string): string;
  page(n: number, total: number): string;
  sentenceEnd: string;
  listSeparator: string;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 45 → 四十五 (clause numbers stay below 100). */
export function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones === 0 ? '' : CHINESE_DIGITS[ones]}`;
}

const ZH_MONTHS = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
};

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const zh: Wording = {
  title: '人民调解协议书',
  translationNotice: null,
  draftNotice: (v) => `草稿（第 ${v} 版）· 未签署，不发生效力`,
  number: (n) => `编号：${n}`,
  side: { applicant: '申请人', respondent: '被申请人', third_party: '第三人' },
  agent: '委托代理人',
  partiesHeading: '当事人基本情况',
  idLabel: { resident_id: '居民身份证号码', passport: '护照号码', hk_macao_permit: '港澳居民来往内地通行证号码', taiwan_permit: '台湾居民来往大陆通行证号码', foreign_permanent: '外国人永久居留身份证号码', other: '证件号码' },
  creditCode: '统一社会信用代码',
  address: '住址',
  residence: '住所',
  phone: '联系电话',
  legalRepresentative: '法定代表人',
  agentOf: (firm, principal) => `${firm === '' ? '' : `${firm}，`}受${principal}委托`,
  licence: '执业证号',
  factsHeading: '纠纷的主要事实',
  disputeHeading: '争议事项',
  responsibilityHeading: '各方当事人的责任',
  termsIntro: '经人民调解委员会主持调解，各方当事人在平等协商、互谅互让的基础上，自愿达成如下协议：',
  date: ZH_MONTHS,
  money: (fen) => `人民币${fenToChineseCapital(fen)}（${fenToFigures(fen)}）`,
  method: { bank_transfer: '银行转账', cash: '现金', mobile_payment: '微信或支付宝转账', other: '双方约定的其他' },
  apology: { written: '书面', oral: '口头', in_person: '当面' },
  payment: (payer, payee, due, money, method) => `${payer}于${due}前以${method}方式向${payee}一次性支付${money}。`,
  account: (a) => `收款账户：${a}。`,
  instalments: (payer, payee, count, money, method) => `${payer}分${count}期以${method}方式向${payee}支付${money}，具体为：`,
  instalment: (n, due, money) => `第${n}期于${due}前支付${money}`,
  accelerate: (payer, payee) => `${payer}任何一期未按期足额支付的，${payee}有权要求${payer}一次性支付全部剩余款项。`,
  performance: (obligor, obligee, due, action, place) => `${obligor}于${due}前${place === '' ? '' : `在${place}`}${action.replace(/[。；;.]$/, '')}${obligee === '' ? '' : `（权利人：${obligee}）`}。`,
  returnProperty: (obligor, obligee, due, items, place) => `${obligor}于${due}前${place === '' ? '' : `在${place}`}向${obligee}返还以下财产：${items.replace(/[。；;.]$/, '')}。`,
  apologyTerm: (obligor, obligee, due, form) => `${obligor}于${due}前以${form}形式向${obligee}赔礼道歉。`,
  defaultHeading: '违约责任：',
  otherHeading: '其他约定：',
  effect: (copies, parties) =>
    `本协议自各方当事人签名、人民调解员签名并加盖人民调解委员会印章（电子签名）之日起生效。本协议一式${chineseNumber(copies)}份，各方当事人各执一份，人民调解委员会留存${chineseNumber(Math.max(1, copies - parties))}份，具有同等效力。`,
  ordinal: (n) => `${chineseNumber(n)}、`,
  partiesSign: '当事人（签名、盖章或者按指印）：',
  mediatorSign: '人民调解员（签名）：',
  committeeSeal: (name) => `人民调解委员会（印章）：${name}`,
  electronicNote: '本协议书以人民调解员和人民调解委员会的数字签名签署，可用 PDF 阅读器校验签名是否有效、内容是否被改动。',
  placeAndDate: (place, date) => `${place === '' ? '' : `签订地点：${place}\u3000\u3000`}签订日期：${date}`,
  signedOn: (date) => `签名日期：${date}`,
  page: (n, total) => `第 ${n} 页 共 ${total} 页`,
  sentenceEnd: '。',
  listSeparator: '；',
};

const en: Wording = {
  title: 'People’s Mediation Agreement',
  translationNotice: 'English translation for reference only — the Chinese original prevails',
  draftNotice: (v) => `Draft (version ${v}) · not signed, without effect`,
  number: (n) => `No. ${n}`,
  side: { applicant: 'Applicant', respondent: 'Respondent', third_party: 'Third party' },
  agent: 'Agent',
  partiesHeading: 'The parties',
  idLabel: { resident_id: 'resident ID no.', passport: 'passport no.', hk_macao_permit: 'Mainland travel permit (HK/Macao) no.', taiwan_permit: 'Mainland travel permit (Taiwan) no.', foreign_permanent: 'foreign permanent resident ID no.', other: 'ID document no.' },
  creditCode: 'unified social credit code',
  address: 'address',
  residence: 'registered address',
  phone: 'telephone',
  legalRepresentative: 'legal representative',
  agentOf: (firm, principal) => `${firm === '' ? '' : `${firm}, `}acting for ${principal}`,
  licence: 'licence no.',
  factsHeading: 'Main facts of the dispute',
  disputeHeading: 'Matters in dispute',
  responsibilityHeading: 'Responsibility of each party',
  termsIntro: 'Through mediation by the People’s Mediation Committee, the parties, negotiating as equals, have voluntarily agreed as follows:',
  date: (iso) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return `${d} ${EN_MONTHS[m - 1]} ${y}`;
  },
  money: (fen) => `CNY ${fenToFigures(fen).slice(1)}`,
  method: { bank_transfer: 'bank transfer', cash: 'cash', mobile_payment: 'WeChat Pay or Alipay transfer', other: 'another agreed method' },
  apology: { written: 'in writing', oral: 'orally', in_person: 'in person' },
  payment: (payer, payee, due, money, method) => `${payer} pays ${payee} ${money} in one sum by ${method} no later than ${due}.`,
  account: (a) => `Account for payment: ${a}.`,
  instalments: (payer, payee, count, money, method) => `${payer} pays ${payee} ${money} by ${method} in ${count} instalments:`,
  instalment: (n, due, money) => `instalment ${n}, ${money}, no later than ${due}`,
  accelerate: (payer, payee) => `If ${payer} misses any instalment, ${payee} may demand the whole remaining amount at once.`,
  performance: (obligor, obligee, due, action, place) => `${obligor}, no later than ${due}${place === '' ? '' : ` at ${place}`}: ${action}${obligee === '' ? '' : ` (for ${obligee})`}.`,
  returnProperty: (obligor, obligee, due, items, place) => `${obligor} returns to ${obligee}${place === '' ? '' : ` at ${place}`}, no later than ${due}, the following property: ${items}.`,
  apologyTerm: (obligor, obligee, due, form) => `${obligor} apologises to ${obligee} ${form} no later than ${due}.`,
  defaultHeading: 'Default: ',
  otherHeading: 'Other matters: ',
  effect: (copies, parties) =>
    `This agreement takes effect on the day all parties have signed and the mediator has signed and the People’s Mediation Committee has affixed its seal (electronic signatures). It is made in ${copies} copies of equal effect: one for each party and ${Math.max(1, copies - parties)} for the committee.`,
  ordinal: (n) => `${n}. `,
  partiesSign: 'Parties (signature, seal or fingerprint):',
  mediatorSign: 'People’s mediator (signature):',
  committeeSeal: (name) => `People’s Mediation Committee (seal): ${name}`,
  electronicNote: 'This document is signed with the digital signatures of the mediator and of the committee; any PDF reader can check that they are valid and that the content has not changed.',
  placeAndDate: (place, date) => `${place === '' ? '' : `Signed at ${place}, `}${date}`,
  signedOn: (date) => `Signed on ${date}`,
  page: (n, total) => `Page ${n} of ${total}`,
  sentenceEnd: '.',
  listSeparator: '; ',
};

export const WORDING: Record<DocumentLanguage, Wording> = { 'zh-CN': zh, 'en-US': en };
