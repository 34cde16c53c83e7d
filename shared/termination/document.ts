// The termination record's PDF (调解终结书): composed from the record in the form the committee's
// documents take — the institution and the case number, the parties, how the mediation went and
// why it ends, the paths left to the parties (人民调解法 art. 26), mediator and date — and laid out
// by the same typesetter and shipped fonts as the agreement (shared/confirmation/pdf/court-document).
import type { AgreementFontFiles } from '../agreement/pdf/fonts';
import { WORDING } from '../agreement/pdf/wording';
import { getCategory } from '../domain/categories';
import { renderCourtDocument, type Block, type RenderedDocument } from '../confirmation/pdf/court-document';
import { terminationRecordSchema, type Material, type RemainingPath, type TerminationReason, type TerminationRecord } from './model';

export const TERMINATION_TITLE = '人民调解终结书';
const W = WORDING['zh-CN'];

export const REASON_TEXT: Record<TerminationReason, (partyName: string) => string> = {
  party_refused: (name) => `当事人${name}明确表示拒绝继续调解`,
  party_withdrew: (name) => `当事人${name}退出调解`,
  no_agreement_in_time: () => '经调解，各方当事人在调解期限内未能达成调解协议',
  other: () => '调解无法继续进行',
};

export const PATH_TEXT: Record<RemainingPath, string> = {
  litigation: '向人民法院提起诉讼',
  arbitration: '依法申请仲裁',
  administrative: '请求有关行政机关依法处理',
};

export const MATERIAL_TEXT: Record<Material, string> = {
  application: '调解申请书或受理登记表',
  identity_documents: '当事人身份证明材料',
  investigation_record: '调查记录',
  mediation_record: '调解笔录',
  evidence_list: '证据材料清单',
  termination_record: '人民调解终结书',
};

const SIDE = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' } as const;

/** The record as its document states it: everything but the document's own hash and what happened after. */
export type TerminationContent = Omit<TerminationRecord, 'pdfSha256' | 'answeredAt'>;
const contentSchema = terminationRecordSchema.omit({ pdfSha256: true, answeredAt: true });

export function composeTermination(input: TerminationContent): Block[] {
  const record = contentSchema.parse(input);
  const category = getCategory(record.category)?.name['zh-CN'] ?? record.category;
  const blocks: Block[] = [
    { kind: 'title', text: record.institutionName },
    { kind: 'title', text: TERMINATION_TITLE },
    { kind: 'right', text: record.caseNumber },
    ...record.parties.map((p): Block => ({ kind: 'paragraph', text: `${SIDE[p.side]}：${p.name}`, indent: true })),
    { kind: 'paragraph', text: `上列当事人之间的${category}，本委员会于${W.date(record.registeredOn)}受理并依法进行了调解。`, indent: true },
    { kind: 'paragraph', text: `${REASON_TEXT[record.reason](record.partyName)}。`, indent: true },
  ];
  for (const line of record.explanation.split('\n').filter((l) => l.trim() !== '')) blocks.push({ kind: 'paragraph', text: line.trim(), indent: true });
  blocks.push(
    { kind: 'paragraph', text: `依照《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终结本纠纷的调解。`, indent: true },
    { kind: 'paragraph', text: `当事人可以依法${record.paths.map((p) => PATH_TEXT[p]).join('、')}，维护自己的权利。`, indent: true },
  );
  if (record.materials.length > 0) {
    blocks.push({ kind: 'heading', text: '随附材料' });
    record.materials.forEach((m, i) => blocks.push({ kind: 'paragraph', text: `${i + 1}. ${MATERIAL_TEXT[m]}`, indent: true }));
  }
  blocks.push(
    { kind: 'gap', height: 18 },
    { kind: 'right', text: `调解员\u3000${record.endedBy.name}` },
    { kind: 'gap', height: 10 },
    { kind: 'right', text: record.institutionName },
    { kind: 'gap', height: 10 },
    { kind: 'right', text: W.date(record.endedOn) },
  );
  return blocks;
}

export function renderTerminationPdf(record: TerminationContent, fonts: AgreementFontFiles, options: { creationDate: Date }): Promise<RenderedDocument> {
  return renderCourtDocument(composeTermination(record), fonts, {
    title: `${TERMINATION_TITLE} ${record.caseNumber}`,
    author: record.institutionName,
    subject: record.caseNumber,
    creationDate: options.creationDate,
    banner: null,
    pageLabel: W.page,
  });
}
