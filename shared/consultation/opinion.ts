// The 法律咨询意见书 (issue 18 item 3): the written opinion a legal-service desk gives the person,
// composed as the agreement's blocks and set in the agreement's typesetting (shared/agreement/pdf
// render.ts: embedded fonts, rare characters, page lines). Chinese is the original; the English
// copy is a translation and says so on every page. The legal bases are the statute's title and the
// article the lawyer typed, with the lawyer's own words: no statute text is printed or invented.
import { INSTITUTION_TIME_ZONE, todayIn } from '../domain/deadlines';
import { maskIdNumber } from '../domain/identifiers';
import type { HandSignature } from '../agreement/hand-signature';
import type { AgreementFontFiles } from '../agreement/pdf/fonts';
import { renderDocumentPdf, type DocumentFrame, type RenderedAgreement } from '../agreement/pdf/render';
import type { Block } from '../agreement/pdf/compose';
import { WORDING, type DocumentLanguage } from '../agreement/pdf/wording';
import type { Consultation } from './model';
import { CHANNEL_NAMES, OUTCOME_NAMES } from './names';
import { statuteTitle } from './statutes';
import { topicName } from './topics';

export interface OpinionInput {
  consultation: Consultation;
  institutionName: string;
  /** The lawyer's hand signature, when they signed the opinion. */
  signature: HandSignature | null;
  language: DocumentLanguage;
}

interface OpinionWords {
  title: string;
  translationNotice: string | null;
  number: (n: string) => string;
  person: string;
  idNumber: string;
  time: string;
  channel: string;
  topic: string;
  question: string;
  facts: string;
  advice: string;
  bases: string;
  basis: (title: string, article: string, note: string) => string;
  outcome: string;
  referredTo: (agency: string) => string;
  notice: string;
  lawyer: string;
  institution: (name: string) => string;
  issuedOn: (date: string) => string;
  signedOn: (date: string) => string;
  headingNumber: (n: number) => string;
}

const ZH_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

const WORDS: Record<DocumentLanguage, OpinionWords> = {
  'zh-CN': {
    title: '法律咨询意见书',
    translationNotice: null,
    number: (n) => `编号：${n}`,
    person: '咨询人',
    idNumber: '证件号码',
    time: '咨询时间',
    channel: '咨询方式',
    topic: '咨询事项',
    question: '咨询的问题',
    facts: '咨询人陈述的事实',
    advice: '咨询意见',
    bases: '法律依据',
    basis: (title, article, note) => `《${title}》${/^第/.test(article) ? article : `第${article}条`}${note === '' ? '' : `：${note}`}`,
    outcome: '处理建议',
    referredTo: (agency) => `（${agency}）`,
    notice:
      '本意见书根据咨询人陈述的事实和提供的材料作出，仅供咨询人参考，不具有强制约束力；事实或材料有变化的，意见可能随之不同。咨询人可依法选择人民调解、仲裁、行政或者诉讼途径维护自身权益。',
    lawyer: '值班律师（签名）',
    institution: (name) => `出具单位：${name}`,
    issuedOn: (date) => `出具日期：${date}`,
    signedOn: (date) => `签名日期：${date}`,
    headingNumber: (n) => `${ZH_NUMBERS[n - 1] ?? String(n)}、`,
  },
  'en-US': {
    title: 'Legal Consultation Opinion',
    translationNotice: 'English translation for reference only — the Chinese original prevails',
    number: (n) => `No. ${n}`,
    person: 'Person consulting',
    idNumber: 'ID number',
    time: 'Consulted on',
    channel: 'Channel',
    topic: 'Topic',
    question: 'The question',
    facts: 'Facts as stated by the person',
    advice: 'Opinion',
    bases: 'Legal bases',
    basis: (title, article, note) => `${title}, article ${article}${note === '' ? '' : `: ${note}`}`,
    outcome: 'Recommended next step',
    referredTo: (agency) => ` (${agency})`,
    notice:
      'This opinion rests on the facts the person stated and the materials they provided; it is for their reference and binds no one. Different facts may lead to a different opinion. The person may protect their rights through people’s mediation, arbitration, administrative or judicial channels.',
    lawyer: 'Duty lawyer (signature)',
    institution: (name) => `Issued by: ${name}`,
    issuedOn: (date) => `Issued on: ${date}`,
    signedOn: (date) => `Signed on: ${date}`,
    headingNumber: (n) => `${n}. `,
  },
};

function paragraphs(text: string): Block[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ kind: 'paragraph', text: line, indent: true }) as const);
}

/** A date (Beijing) of an instant in the document's words: 2026年12月7日 / 7 December 2026. */
function dateOf(instant: string, language: DocumentLanguage): string {
  return WORDING[language].date(todayIn(INSTITUTION_TIME_ZONE, new Date(instant)));
}

/** The opinion as blocks in reading order; refused for an anonymised record (nothing left to say). */
export function composeOpinion(input: OpinionInput, issuedAt: Date): Block[] {
  const { consultation: c, language } = input;
  if (c.person === null) throw new Error('An anonymised consultation has no opinion to print.');
  const w = WORDS[language];
  const sep = language === 'zh-CN' ? '：' : ': ';
  const blocks: Block[] = [{ kind: 'title', text: w.title }, { kind: 'right', text: w.number(c.number) }];
  const line = (label: string, value: string) => blocks.push({ kind: 'paragraph', text: `${label}${sep}${value}`, indent: false });
  line(w.person, c.person.name);
  // Masked: the opinion is handed to the person and may travel; the full number is not needed on it.
  if (c.person.idNumber !== '') line(w.idNumber, maskIdNumber(c.person.idNumber));
  line(w.time, dateOf(c.receivedAt, language));
  line(w.channel, CHANNEL_NAMES[c.channel][language]);
  line(w.topic, topicName(c.topic)[language]);
  let n = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading', text: w.headingNumber(++n) + text });
  heading(w.question);
  blocks.push(...paragraphs(c.question));
  if (c.facts.trim() !== '') {
    heading(w.facts);
    blocks.push(...paragraphs(c.facts));
  }
  heading(w.advice);
  blocks.push(...paragraphs(c.advice));
  if (c.legalBases.length > 0) {
    heading(w.bases);
    for (const b of c.legalBases) blocks.push({ kind: 'paragraph', text: w.basis(statuteTitle(b.statute)[language], b.article, b.note), indent: true });
  }
  heading(w.outcome);
  blocks.push({ kind: 'paragraph', text: OUTCOME_NAMES[c.outcome][language] + (c.referredTo === '' ? '' : w.referredTo(c.referredTo)), indent: true });
  blocks.push({ kind: 'gap', height: 8 }, { kind: 'paragraph', text: w.notice, indent: true }, { kind: 'gap', height: 8 });
  const signed = input.signature;
  blocks.push({
    kind: 'signature',
    label: w.lawyer,
    name: c.lawyerName,
    signature: signed,
    date: signed ? w.signedOn(dateOf(signed.capturedAt, language)) : null,
  });
  blocks.push({ kind: 'gap', height: 6 });
  blocks.push({ kind: 'paragraph', text: w.institution(input.institutionName), indent: false });
  blocks.push({ kind: 'paragraph', text: w.issuedOn(dateOf(issuedAt.toISOString(), language)), indent: false });
  return blocks;
}

/** The opinion as a PDF in the agreement's typesetting. */
export function renderOpinionPdf(input: OpinionInput, fonts: AgreementFontFiles, issuedAt: Date): Promise<RenderedAgreement> {
  const w = WORDS[input.language];
  const frame: DocumentFrame = {
    language: input.language,
    title: `${w.title} ${input.consultation.number}`,
    author: input.institutionName,
    subject: input.consultation.number,
    notices: w.translationNotice === null ? [] : [{ text: w.translationNotice, warning: false }],
    page: WORDING[input.language].page,
  };
  return renderDocumentPdf(composeOpinion(input, issuedAt), frame, fonts, { creationDate: issuedAt });
}
