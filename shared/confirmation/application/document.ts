// The application's PDF: composed as the agreement's blocks (title, parties, request, facts and
// reasons, jurisdiction, the undertakings, each party's hand signature as vector strokes), laid
// out by ../pdf/court-document.ts, and then digitally signed like the agreement (pdf-signature/
// sign.ts) by the mediation institution, which submits it on the parties' behalf — the PDF says so.
import { handSignatureSchema, type HandSignature } from '../../agreement/hand-signature';
import { addPdfSignature, type PdfSigningKey } from '../../agreement/pdf-signature/sign';
import type { AgreementFontFiles } from '../../agreement/pdf/fonts';
import { chineseNumber, WORDING } from '../../agreement/pdf/wording';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../domain/deadlines';
import type { Party } from '../../domain/model';
import { partiesForUse } from '../../domain/identity-numbers';
import { orderParties } from '../../domain/party-order';
import { renderCourtDocument, type Block, type RenderedDocument } from '../pdf/court-document';
import { applicationProblems, UNDERTAKINGS, UNDERTAKING_TEXT, type ApplicationInput, type ApplicationProblem } from './model';

export const APPLICATION_TITLE = '司法确认申请书';
const W = WORDING['zh-CN'];

export class ApplicationIncompleteError extends Error {
  constructor(readonly problems: ApplicationProblem[]) {
    super(`The application is incomplete: ${problems.map((p) => p.message).join(' ')}`);
    this.name = 'ApplicationIncompleteError';
  }
}

/** Who submits the signed file, in the words printed at its end. */
export function submissionNote(institutionName: string): string {
  return `本申请书经全体申请人签名后，由${institutionName}受申请人委托，作为提交机构代为向人民法院提交，并以该机构的数字证书对本文件进行电子签名，以证明本文件自提交后未被更改；该电子签名不代替申请人本人的签名。`;
}

function particulars(party: Party, input: ApplicationInput, byId: ReadonlyMap<string, Party>): string {
  const field = (label: string, value: string) => (value.trim() === '' ? [] : [`${label}：${value.trim()}`]);
  if (party.kind === 'agent') {
    const principal = byId.get(party.principalId)?.name ?? '';
    return [`委托代理人：${party.name}`, W.agentOf(party.firm, `申请人${principal}`), ...field(W.licence, party.licenseNo), ...field(W.phone, party.phone)].join('，') + '。';
  }
  const identity = party.kind === 'natural' ? field(W.idLabel[party.idType], party.idNumber) : [...field(W.creditCode, party.creditCode), ...field(W.legalRepresentative, party.legalRepresentative)];
  return [`申请人：${party.name}`, ...identity, ...field(party.kind === 'legal' ? W.residence : W.address, party.address), ...field('送达地址', input.serviceAddresses[party.id] ?? ''), ...field(W.phone, party.phone)].join('，') + '。';
}

function jurisdictionText(input: ApplicationInput): string {
  return input.jurisdiction.reason === 'entrusting_court'
    ? `本案调解系由贵院委派（${input.jurisdiction.basis.trim()}），依照《中华人民共和国民事诉讼法》第二百零五条的规定，应向贵院提出申请。`
    : `${input.institution.name}位于贵院辖区（${input.jurisdiction.basis.trim()}），依照《中华人民共和国民事诉讼法》第二百零五条的规定，由调解组织所在地基层人民法院管辖。`;
}

/** The application as blocks; signatures missing so far leave their lines empty. */
export function composeApplication(input: ApplicationInput, signatures: readonly HandSignature[]): Block[] {
  const byId = new Map(input.parties.map((p) => [p.id, p]));
  const ordered = orderParties(input.parties);
  const principals = ordered.filter((p) => p.kind !== 'agent');
  const names = principals.map((p) => p.name).join('与');
  const agreementDate = W.date(input.agreement.effectiveOn);
  const blocks: Block[] = [{ kind: 'title', text: APPLICATION_TITLE }, { kind: 'right', text: `调解案件编号：${input.caseNumber}` }];
  for (const party of ordered) blocks.push({ kind: 'paragraph', text: particulars(party, input, byId), indent: true });
  blocks.push(
    { kind: 'heading', text: '请求事项' },
    { kind: 'paragraph', text: `请求确认申请人${names}于${agreementDate}经${input.institution.name}主持调解达成的人民调解协议（编号：${input.agreement.number}）有效。`, indent: true },
    { kind: 'heading', text: '事实和理由' },
    {
      kind: 'paragraph',
      text: `申请人之间的纠纷经${input.institution.name}主持调解，于${agreementDate}达成人民调解协议，该协议自各方签名并加盖调解组织印章之日起生效。现申请人依照《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条的规定，自调解协议生效之日起三十日内共同向贵院申请司法确认。`,
      indent: true,
    },
    { kind: 'paragraph', text: `所涉调解协议为随本申请书一并提交的电子文件 agreement.pdf（SHA-256：${input.agreement.pdfSha256}）。`, indent: true },
    { kind: 'heading', text: '管辖' },
    { kind: 'paragraph', text: jurisdictionText(input), indent: true },
    { kind: 'heading', text: '申请人承诺' },
  );
  UNDERTAKINGS.forEach((u, i) => blocks.push({ kind: 'paragraph', text: `${chineseNumber(i + 1)}、${UNDERTAKING_TEXT[u]}。`, indent: true }));
  blocks.push({ kind: 'gap', height: 8 }, { kind: 'paragraph', text: '此致', indent: true }, { kind: 'paragraph', text: input.court.name, indent: false }, { kind: 'gap', height: 8 }, { kind: 'heading', text: '申请人（签名）' });
  for (const party of ordered) {
    const signature = signatures.find((s) => s.signerId === party.id) ?? null;
    const date = signature ? W.signedOn(W.date(todayIn(INSTITUTION_TIME_ZONE, new Date(signature.capturedAt)))) : null;
    blocks.push({ kind: 'signature', label: party.kind === 'agent' ? W.agent : '申请人', name: party.name, signature, date });
  }
  blocks.push({ kind: 'gap', height: 6 }, { kind: 'paragraph', text: W.date(input.date), indent: false }, { kind: 'gap', height: 6 }, { kind: 'paragraph', text: submissionNote(input.institution.name), indent: false });
  return blocks;
}

export interface ApplicationRenderOptions {
  creationDate: Date;
  /** A preview before everything is complete: marked on every page, and missing items allowed. */
  draft?: boolean;
}

/**
 * The application's PDF, unsigned. A final one needs every item (applicationProblems) and a hand
 * signature of every principal party (agents sign where they act); otherwise
 * ApplicationIncompleteError lists what is missing.
 */
export async function renderApplicationPdf(input: ApplicationInput, signatures: readonly HandSignature[], fonts: AgreementFontFiles, options: ApplicationRenderOptions): Promise<RenderedDocument> {
  const checked = signatures.map((s) => handSignatureSchema.parse(s));
  if (!options.draft) {
    const problems = applicationProblems(input);
    input.parties.forEach((p, i) => {
      if (p.kind !== 'agent' && !checked.some((s) => s.signerId === p.id)) problems.push({ path: ['parties', i, 'signature'], code: 'application.signature', message: `${p.name} has not signed the application.` });
    });
    if (problems.length > 0) throw new ApplicationIncompleteError(problems);
  }
  // A preview masks the ID numbers; only the application filed prints them in full.
  const printed = { ...input, parties: partiesForUse(input.parties, options.draft ? 'draft' : 'legal_document') };
  return renderCourtDocument(composeApplication(printed, checked), fonts, {
    title: `${APPLICATION_TITLE} ${input.caseNumber}`,
    author: input.institution.name,
    subject: input.caseNumber,
    creationDate: options.creationDate,
    banner: options.draft ? '草稿 · 未经全体申请人签名，不得提交' : null,
    pageLabel: W.page,
  });
}

/** Signs the rendered application as the submitting institution (an incremental update, like the agreement's signatures). */
export function signApplicationPdf(pdf: Uint8Array, institution: PdfSigningKey & { name: string }, signingTime: Date): Promise<Uint8Array> {
  return addPdfSignature(pdf, institution, { name: institution.name, reason: '提交机构代为提交司法确认申请书', location: institution.name, signingTime });
}
