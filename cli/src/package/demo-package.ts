// The demo's judicial-confirmation package (DIR/package.zip): the application rendered, signed by
// both parties' hand and by the institution as submitting organisation; the signed agreement; the
// parties' identity documents (placeholder images, marked as such by name); the evidence and the
// proof of the money lent, each recorded in the case's ledger; the ledger with its signed
// checkpoint and inclusion proofs; the institution's certificate — built by the app's own builder.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32 } from 'node:zlib';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import { renderApplicationPdf, signApplicationPdf } from '../../../shared/confirmation/application/document';
import { buildPackage, packageLedgerFiles, type BuiltPackage, type PackageFileSource } from '../../../shared/confirmation/build';
import type { FileRole } from '../../../shared/confirmation/manifest';
import { confirmationDeadline, INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { maskIdNumber } from '../../../shared/domain/identifiers';
import type { Party } from '../../../shared/domain/model';
import { bytesToHex, sha256Bytes } from '../../../shared/ledger/hash';
import type { CaseLedger } from '../../../shared/ledger/ledger';
import { shippedFonts } from '../commands/demo-agreement';

export const DEMO_COURT = { name: '芜湖市镜湖区人民法院', code: '皖0202' };

export interface DemoPackageInput {
  out: string;
  institution: { name: string; creditCode: string; certificatePem: string; privateKeyPem: string };
  caseNumber: string;
  parties: Party[];
  ledger: CaseLedger;
  /** The ledger's files by SHA-256. */
  files: ReadonlyMap<string, Uint8Array>;
  agreement: { pdf: Uint8Array; handSignatures: HandSignature[] };
  identityImage: Uint8Array;
  now: Date;
}

const bytesSource = (path: string, role: FileRole, bytes: Uint8Array, extra: { ledgerSeq?: number; party?: string } = {}): PackageFileSource => ({
  path,
  role,
  size: bytes.length,
  ...extra,
  open: async function* () {
    yield bytes;
  },
});

export async function writeDemoPackage(input: DemoPackageInput): Promise<BuiltPackage> {
  const { institution, ledger, now } = input;
  const today = todayIn(INSTITUTION_TIME_ZONE, now);
  const key = createPrivateKey(institution.privateKeyPem);
  const institutionKey = { name: institution.name, certificatePem: institution.certificatePem, chainPems: [], sign: async (data: Uint8Array) => new Uint8Array(sign('sha256', data, key)) };
  const agreementSha256 = bytesToHex(sha256Bytes(input.agreement.pdf));
  const principals = input.parties.filter((p) => p.kind !== 'agent');

  const application = await renderApplicationPdf(
    {
      caseNumber: input.caseNumber,
      parties: input.parties,
      serviceAddresses: Object.fromEntries(principals.map((p) => [p.id, p.address])),
      court: DEMO_COURT,
      jurisdiction: { reason: 'mediation_organisation_seat', basis: '安徽省芜湖市镜湖区北京东路 1 号' },
      institution: { name: institution.name, creditCode: institution.creditCode },
      agreement: { number: input.caseNumber, effectiveOn: today, pdfSha256: agreementSha256 },
      undertakings: { voluntary: true, truthful: true, lawful: true, noHarmToOthers: true, awareOfConsequences: true },
      date: today,
    },
    input.agreement.handSignatures.filter((s) => s.signerRole !== 'mediator'),
    shippedFonts(),
    { creationDate: now },
  );
  const applicationPdf = await signApplicationPdf(application.bytes, institutionKey, now);

  // The ledger's own records of the files that go into the package.
  const recorded = (kind: string, title: string) => ledger.entries.find((e) => e.kind === kind && e.title === title);
  const fileOf = (seq: number) => input.files.get(ledger.entries[seq]?.contentSha256 ?? '') as Uint8Array;
  const agreementEntry = ledger.entries.find((e) => e.kind === 'agreement' && e.contentSha256 === agreementSha256);
  const contract = recorded('file', '借款合同.pdf');
  const transfer = recorded('file', '银行转账回单.png');
  const chat = recorded('file', '微信聊天记录（补充说明）.txt');
  if (!agreementEntry || !contract || !transfer || !chat) throw new Error('The demo ledger lacks the files of its package.');
  const checkpoint = ledger.checkpoints[ledger.checkpoints.length - 1];
  if (!checkpoint) throw new Error('The demo ledger has no signed checkpoint.');
  const included = [agreementEntry, contract, transfer, chat].map((e) => e.seq);

  const sources: PackageFileSource[] = [
    bytesSource('application.pdf', 'application', applicationPdf),
    bytesSource('agreement.pdf', 'agreement', input.agreement.pdf, { ledgerSeq: agreementEntry.seq }),
    ...principals.map((p) => bytesSource(`identity/${p.name}-居民身份证（演示占位图）.png`, 'identity', input.identityImage, { party: p.id })),
    bytesSource('evidence/借款合同.pdf', 'evidence', fileOf(contract.seq), { ledgerSeq: contract.seq }),
    bytesSource('evidence/微信聊天记录（补充说明）.txt', 'evidence', fileOf(chat.seq), { ledgerSeq: chat.seq }),
    // The transfer receipt proves the money the agreement's payments concern.
    bytesSource('evidence/银行转账回单.png', 'property', fileOf(transfer.seq), { ledgerSeq: transfer.seq }),
    ...[...packageLedgerFiles(ledger, checkpoint, included, institution.certificatePem, now)].map(([path, bytes]) => bytesSource(path, 'ledger', bytes)),
  ];
  const build = buildPackage({
    manifestInput: {
      packageId: `demo-${ledger.caseId.slice(0, 8)}-1`,
      case: {
        caseId: ledger.caseId,
        number: input.caseNumber,
        category: 'LEN',
        parties: principals.map((p) => ({ id: p.id, kind: p.kind === 'legal' ? 'legal' : 'natural', name: p.name, side: p.side, idNumberMasked: p.kind === 'natural' ? maskIdNumber(p.idNumber) : p.kind === 'legal' ? p.creditCode : '', principalId: null })),
        agreementEffectiveOn: today,
        confirmationDeadline: confirmationDeadline(today),
        concernsProperty: true,
      },
      court: DEMO_COURT,
      jurisdiction: 'mediation_organisation_seat',
      institution: { name: institution.name, creditCode: institution.creditCode },
    },
    files: sources,
    sign: institutionKey,
    now,
    sha256: () => {
      const hash = createHash('sha256');
      return { update: (data) => void hash.update(data), digest: () => new Uint8Array(hash.digest()) };
    },
    crc32: (data, previous) => crc32(data, previous),
  });
  const file = createWriteStream(input.out, { flags: 'wx' });
  for await (const chunk of build.chunks) if (!file.write(chunk)) await once(file, 'drain');
  file.end();
  await once(file, 'finish');
  return build.result;
}
