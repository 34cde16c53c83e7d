// `mw demo --out DIR`: a sample institution identity and one case's evidence ledger made with the
// same code the app uses, for trying the verification tools and for tests (issue 3 item 8; the
// agreement and the judicial-confirmation package join it in later issues).
//   DIR/identity/institution.p12       key and certificate, AES-256/PBKDF2-SHA256 encrypted
//   DIR/identity/institution.crt.pem   the certificate alone, to publish
//   DIR/identity/mediator.crt.pem      the demo mediator's certificate, issued by the institution
//   DIR/agreement.pdf                  the signed mediation agreement (mw agreement verify, pdfsig)
//   DIR/ledger/                        the exported ledger with its files (mw ledger verify DIR/ledger),
//                                      the agreement and its hand signatures among them
//   DIR/package.zip                    the judicial-confirmation package for the court (mw package
//                                      verify; openssl cms -verify, sha256sum -c, pdfsig after unzip)
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { issueInstitutionCertificate, toPkcs12 } from '../../../shared/identity/institution';
import type { EntryInput } from '../../../shared/ledger/entry';
import { ledgerExportFiles } from '../../../shared/ledger/export';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { json, parse, UsageError, type Io } from '../io';
import { DEMO_PARTIES, demoAgreement } from './demo-agreement';
import { writeDemoPackage } from '../package/demo-package';
import { handSignatureBytes } from '../../../shared/agreement/hand-signature';

export const DEMO_INSTITUTION = { name: '芜湖市镜湖区人民调解委员会（演示）', creditCode: '51340202MJ00000007' };
const DEMO_CASE_ID = '3f2b8c1e-5d4a-4e7b-9a61-2c8d0e5f7a19';
const DEMO_CASE_NUMBER = '（2026）镜解字第00001号';
/** A 1×1 PNG: the shape of a photographed receipt without its weight. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function contractPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('Loan contract (demonstration evidence)', { x: 72, y: 760, size: 16, font });
  page.drawText('Lender: Zhang Kun   Borrower: Li Zhe   Amount: CNY 50,000.00', { x: 72, y: 730, size: 11, font });
  return pdf.save({ useObjectStreams: false });
}

export async function runDemo(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' }, passphrase: { type: 'string' }, json: { type: 'boolean' } });
  const out = values.out;
  if (!out) throw new UsageError('say where to write the demo: mw demo --out DIR');
  if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`${out} is not empty; choose a new or empty folder.`);
  const passphrase = values.passphrase ?? randomBytes(12).toString('base64url');
  if (passphrase.length < 8) throw new UsageError('the passphrase must have at least 8 characters.');
  const now = new Date();

  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  const { certificatePem, keyId } = issueInstitutionCertificate(DEMO_INSTITUTION, keys, now);
  const key = createPrivateKey(keys.privateKeyPem);

  const files = new Map<string, Uint8Array>();
  const ledger = new CaseLedger(DEMO_CASE_ID);
  const author = { id: 'demo-mediator', name: '王芳' };
  let minute = 0;
  const add = (bytes: Uint8Array, input: Omit<EntryInput, 'size' | 'contentSha256' | 'author' | 'createdAt'>) => {
    const hash = bytesToHex(sha256Bytes(bytes));
    files.set(hash, bytes);
    minute += 3;
    return ledger.append({ ...input, size: bytes.length, contentSha256: hash, author, createdAt: new Date(now.getTime() - (60 - minute) * 60_000).toISOString() });
  };
  add(await contractPdf(), { action: 'add', refersTo: null, kind: 'file', title: '借款合同.pdf', mediaType: 'application/pdf', submittedBy: 'applicant', shownToOtherParty: true });
  add(Uint8Array.from(Buffer.from(PNG_1X1, 'base64')), { action: 'add', refersTo: null, kind: 'file', title: '银行转账回单.png', mediaType: 'image/png', submittedBy: 'applicant', shownToOtherParty: true });
  const chat = add(utf8ToBytes('张堃：下月十五号前还五万。\n李喆：好的，一定还。\n'), { action: 'add', refersTo: null, kind: 'file', title: '微信聊天记录.txt', mediaType: 'text/plain; charset=utf-8', submittedBy: 'applicant', shownToOtherParty: false });
  add(utf8ToBytes('被申请人对借款事实无异议，对还款期限有异议。'), { action: 'add', refersTo: null, kind: 'note', title: '质证意见', mediaType: 'text/plain; charset=utf-8', submittedBy: 'respondent', shownToOtherParty: true });
  add(utf8ToBytes('张堃：下月十五号前还五万。\n李喆：好的，一定还。\n（申请人补充：以上记录截取自 2026 年 10 月 3 日的对话。）\n'), { action: 'correct', refersTo: chat.seq, kind: 'file', title: '微信聊天记录（补充说明）.txt', mediaType: 'text/plain; charset=utf-8', submittedBy: 'applicant', shownToOtherParty: true });
  add(utf8ToBytes('调解笔录\n时间：演示\n申请人张堃、被申请人李喆到场，双方同意分两期还款。\n'), { action: 'add', refersTo: null, kind: 'minutes', title: '调解笔录', mediaType: 'text/plain; charset=utf-8', submittedBy: null, shownToOtherParty: true });
  const agreement = await demoAgreement({ name: DEMO_INSTITUTION.name, certificatePem, privateKeyPem: keys.privateKeyPem }, DEMO_CASE_NUMBER, now);
  for (const signature of agreement.handSignatures) {
    add(handSignatureBytes(signature), { action: 'add', refersTo: null, kind: 'signature', title: `签名：${signature.signerName}（协议书第 1 版）`, mediaType: 'application/json', submittedBy: signature.signerRole === 'mediator' ? null : signature.signerId === 'demo-applicant' ? 'applicant' : 'respondent', shownToOtherParty: true });
  }
  add(agreement.pdf, { action: 'add', refersTo: null, kind: 'agreement', title: '人民调解协议书（第 1 版，已签署）', mediaType: 'application/pdf', submittedBy: null, shownToOtherParty: true });
  await ledger.checkpoint(async (data) => ({ signature: sign('sha256', data, key).toString('base64'), keyId }), now);

  const written: Record<string, Uint8Array> = {
    'identity/institution.p12': toPkcs12(keys.privateKeyPem, certificatePem, passphrase, DEMO_INSTITUTION.name),
    'identity/institution.crt.pem': utf8ToBytes(certificatePem),
    'identity/mediator.crt.pem': utf8ToBytes(agreement.mediatorCertificatePem),
    'agreement.pdf': agreement.pdf,
  };
  for (const [name, bytes] of ledgerExportFiles(ledger, certificatePem, now, files)) written[`ledger/${name}`] = bytes;
  for (const [name, bytes] of Object.entries(written)) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), bytes);
  }
  const built = await writeDemoPackage({
    out: join(out, 'package.zip'),
    institution: { ...DEMO_INSTITUTION, certificatePem, privateKeyPem: keys.privateKeyPem },
    caseNumber: DEMO_CASE_NUMBER,
    parties: DEMO_PARTIES,
    ledger,
    files,
    agreement,
    identityImage: Uint8Array.from(Buffer.from(PNG_1X1, 'base64')),
    now,
  });

  const summary = { out, caseId: DEMO_CASE_ID, entries: ledger.entries.length, checkpoint: ledger.checkpoints[0]?.checkpoint, keyId, agreement: { file: 'agreement.pdf', pages: agreement.pages, bytes: agreement.pdf.length }, package: { file: 'package.zip', packageId: built.manifest.packageId, files: built.manifest.files.length, bytes: built.size, sha256: built.sha256 }, passphraseGiven: values.passphrase !== undefined };
  if (values.json) io.out(json({ ...summary, ...(values.passphrase ? {} : { passphrase }) }));
  else {
    io.out(
      `Demo written to ${out}:\n  identity/institution.p12 (passphrase: ${values.passphrase ? 'as given' : passphrase})\n  identity/institution.crt.pem (certificate SHA-256 ${keyId})\n` +
        `  identity/mediator.crt.pem (the mediator's certificate, issued by the institution)\n` +
        `  agreement.pdf — the signed mediation agreement, ${agreement.pages} pages, signed by the mediator and the institution\n` +
        `  ledger/ — case ${DEMO_CASE_ID}, ${ledger.entries.length} entries, checkpoint of ${ledger.tree.size} signed\n` +
        `  package.zip — the judicial-confirmation package for the court, ${built.manifest.files.length} files, SHA-256 ${built.sha256}\n` +
        `Check them: npx mw ledger verify ${join(out, 'ledger')} --institution ${join(out, 'identity/institution.crt.pem')}\n            npx mw agreement verify ${join(out, 'agreement.pdf')} --institution ${join(out, 'identity/institution.crt.pem')}\n` +
        `            npx mw package verify ${join(out, 'package.zip')} --institution ${join(out, 'identity/institution.crt.pem')}\n`,
    );
  }
  return 0;
}
