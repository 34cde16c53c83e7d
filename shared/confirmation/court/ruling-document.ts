// The ruling's PDF (民事裁定书): composed from the ruling model in the form civil rulings take — the
// court and the case number, the applicants, what was applied for, the review, the decision
// (确认有效, or 驳回 with its grounds and the parties' remaining routes), judge, date and clerk —
// laid out like the application and signed with the court's certificate the way the agreement is.
import { addPdfSignature, type PdfSigningKey } from '../../agreement/pdf-signature/sign';
import type { AgreementFontFiles } from '../../agreement/pdf/fonts';
import { WORDING } from '../../agreement/pdf/wording';
import { renderCourtDocument, type Block, type RenderedDocument } from '../pdf/court-document';
import { REJECTION_GROUNDS, rulingSchema, type Ruling } from './ruling';

export const RULING_TITLE = '民事裁定书';
const W = WORDING['zh-CN'];

export function composeRuling(input: Ruling): Block[] {
  const ruling = rulingSchema.parse(input);
  const names = ruling.applicants.map((a) => a.name).join('、');
  const agreement = `${ruling.institutionName}于${W.date(ruling.agreement.signedOn)}主持达成的人民调解协议（编号：${ruling.agreement.number}）`;
  const blocks: Block[] = [
    { kind: 'title', text: ruling.court.name },
    { kind: 'title', text: RULING_TITLE },
    { kind: 'right', text: ruling.docketNumber },
    ...ruling.applicants.map((a): Block => ({ kind: 'paragraph', text: `申请人：${a.name}${a.particulars.trim() === '' ? '' : `，${a.particulars.trim()}`}${/[。.]$/.test(a.particulars.trim()) ? '' : '。'}`, indent: true })),
    { kind: 'paragraph', text: `申请人${names}于${W.date(ruling.receivedOn)}向本院申请确认其经${agreement}的效力。本院于${W.date(ruling.acceptedOn)}受理后，依法进行了审查。`, indent: true },
  ];
  if (ruling.reasoning.trim() !== '') for (const line of ruling.reasoning.split('\n').filter((l) => l.trim() !== '')) blocks.push({ kind: 'paragraph', text: line.trim(), indent: true });
  if (ruling.outcome === 'confirmed') {
    blocks.push(
      { kind: 'paragraph', text: '本院经审查认为，申请人达成的调解协议系各方自愿达成，内容明确，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益，不违背公序良俗，符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零六条的规定，裁定如下：', indent: true },
      { kind: 'paragraph', text: `一、申请人${names}经${agreement}有效。`, indent: true },
      { kind: 'paragraph', text: '二、当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。', indent: true },
    );
  } else {
    blocks.push(
      { kind: 'paragraph', text: `本院经审查认为，该调解协议${ruling.grounds.map((g) => REJECTION_GROUNDS[g]).join('；')}，不符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零六条的规定，裁定如下：`, indent: true },
      { kind: 'paragraph', text: `驳回申请人${names}的司法确认申请。`, indent: true },
      { kind: 'paragraph', text: '申请人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。', indent: true },
    );
  }
  blocks.push(
    { kind: 'paragraph', text: '本裁定自即日起发生法律效力。', indent: true },
    { kind: 'gap', height: 18 },
    { kind: 'right', text: `审判员\u3000${ruling.judge}` },
    { kind: 'gap', height: 10 },
    { kind: 'right', text: W.date(ruling.decidedOn) },
    { kind: 'gap', height: 10 },
    { kind: 'right', text: `书记员\u3000${ruling.clerk}` },
    { kind: 'gap', height: 10 },
    { kind: 'paragraph', text: `本裁定书由${ruling.court.name}以数字证书电子签名；所涉调解协议文件的 SHA-256 为 ${ruling.agreement.pdfSha256}。`, indent: false },
  );
  return blocks;
}

export async function renderRulingPdf(ruling: Ruling, fonts: AgreementFontFiles, options: { creationDate: Date }): Promise<RenderedDocument> {
  return renderCourtDocument(composeRuling(ruling), fonts, {
    title: `${RULING_TITLE} ${ruling.docketNumber}`,
    author: ruling.court.name,
    subject: ruling.docketNumber,
    creationDate: options.creationDate,
    banner: null,
    pageLabel: W.page,
  });
}

/** Signs the ruling with the court's certificate (the key stays in WebCrypto). */
export function signRulingPdf(pdf: Uint8Array, court: PdfSigningKey & { name: string }, signingTime: Date): Promise<Uint8Array> {
  return addPdfSignature(pdf, court, { name: court.name, reason: RULING_TITLE, location: court.name, signingTime });
}
