// The demo's signed mediation agreement (issue 4 item 7): the same rendering and signing code as
// the app, for a loan case between 张堃 and 李喆 (rare characters in both names), hand signatures
// drawn by a script, a mediator certificate issued by the demo institution, two PDF signatures.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { AgreementContent } from '../../../shared/agreement/model';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import type { AgreementFontFiles } from '../../../shared/agreement/pdf/fonts';
import { renderAgreementPdf } from '../../../shared/agreement/pdf/render';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import type { Party } from '../../../shared/domain/model';
import { issueMediatorCertificate } from '../../../shared/identity/mediator-certificate';

export function shippedFonts(): AgreementFontFiles {
  const read = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../build/fonts/${name}`, import.meta.url))));
  return { cjk: read('DroidSansFallbackFull.ttf'), latin: read('DejaVuSans.ttf') };
}

export interface DemoInstitution {
  name: string;
  certificatePem: string;
  privateKeyPem: string;
}

export interface DemoAgreement {
  pdf: Uint8Array;
  pages: number;
  mediatorCertificatePem: string;
  handSignatures: HandSignature[];
}

const MEDIATOR = { id: 'demo-mediator', name: '王芳' };

export const DEMO_PARTIES: Party[] = [
  { id: 'demo-applicant', caseId: 'demo', side: 'applicant', kind: 'natural', name: '张堃', idType: 'resident_id', idNumber: '340202199001011231', address: '安徽省芜湖市镜湖区北京东路 8 号', phone: '13800138000' },
  { id: 'demo-respondent', caseId: 'demo', side: 'respondent', kind: 'natural', name: '李喆', idType: 'resident_id', idNumber: '340202198512310028', address: '安徽省芜湖市弋江区中山南路 1 号', phone: '13900139000' },
];

function content(today: string): AgreementContent {
  const due = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    agreementDate: today,
    place: '芜湖市镜湖区人民调解委员会调解室',
    facts: '2026年3月，申请人张堃借给被申请人李喆人民币50,000元，约定2026年9月30日前归还。到期后被申请人未归还，双方就还款发生纠纷。',
    dispute: '被申请人应否归还借款本金，以及还款的期限和方式。',
    responsibility: '被申请人未按约定期限还款，应承担归还借款的责任；申请人同意不再主张利息。',
    terms: [
      { id: 't1', kind: 'instalments', payerId: 'demo-respondent', payeeId: 'demo-applicant', instalments: [{ amountFen: 3_000_000, dueDate: due(15) }, { amountFen: 2_000_000, dueDate: due(45) }], method: 'bank_transfer', account: '申请人名下中国工商银行芜湖分行账户', accelerateOnDefault: true, note: '' },
    ],
    defaultClause: '任何一方不履行或者不完全履行本协议的，另一方可以就本协议申请人民法院司法确认后申请强制执行。',
    otherMatters: '本协议履行完毕后，双方就本纠纷再无其他争议。双方同意自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认。',
    copies: 3,
  };
}

/** A signature-like stroke set: a few loops, different for each signer (also the demo application's). */
export function demoHandSignature(signerId: string, signerRole: HandSignature['signerRole'], signerName: string, capturedAt: string, seed: number): HandSignature {
  const points = Array.from({ length: 48 }, (_, i) => {
    const x = 30 + i * 7;
    const y = 100 + Math.sin(i / (2 + seed)) * 35 + Math.cos(i / 5) * 10;
    return [Math.round(x * 100) / 100, Math.round(y * 100) / 100, i * 15, 0.5] as [number, number, number, number];
  });
  return { version: 1, signerId, signerRole, signerName, capturedAt, width: 400, height: 200, strokes: [{ pointerType: 'pen', points }] };
}

export async function demoAgreement(institution: DemoInstitution, caseNumber: string, now: Date): Promise<DemoAgreement> {
  const today = todayIn(INSTITUTION_TIME_ZONE, now);
  const institutionKey = createPrivateKey(institution.privateKeyPem);
  const mediatorPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { certificatePem: mediatorCertificatePem } = await issueMediatorCertificate(
    { name: MEDIATOR.name, userId: MEDIATOR.id, organization: institution.name },
    new Uint8Array(mediatorPair.publicKey.export({ type: 'spki', format: 'der' })),
    { certificatePem: institution.certificatePem, sign: async (data) => new Uint8Array(sign('sha256', data, institutionKey)) },
    now,
  );
  const at = now.toISOString();
  const handSignatures = [
    demoHandSignature('demo-applicant', 'party', '张堃', at, 0),
    demoHandSignature('demo-respondent', 'party', '李喆', at, 1),
    demoHandSignature(MEDIATOR.id, 'mediator', MEDIATOR.name, at, 2),
  ];
  const rendered = await renderAgreementPdf(
    { caseNumber, parties: DEMO_PARTIES, content: content(today), institutionName: institution.name, mediator: MEDIATOR, signatures: handSignatures, version: 1, draft: false, language: 'zh-CN' },
    shippedFonts(),
    { creationDate: now },
  );
  const byMediator = await addPdfSignature(
    rendered.bytes,
    { certificatePem: mediatorCertificatePem, chainPems: [institution.certificatePem], sign: async (data) => new Uint8Array(sign('sha256', data, mediatorPair.privateKey)) },
    { name: MEDIATOR.name, reason: '人民调解员签名', location: institution.name, signingTime: now },
  );
  const pdf = await addPdfSignature(
    byMediator,
    { certificatePem: institution.certificatePem, chainPems: [], sign: async (data) => new Uint8Array(sign('sha256', data, institutionKey)) },
    { name: institution.name, reason: '人民调解委员会印章', location: institution.name, signingTime: now },
  );
  return { pdf, pages: rendered.pages, mediatorCertificatePem, handSignatures };
}
