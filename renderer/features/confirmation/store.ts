// The mediation center's side of judicial confirmation (issue 6): the joint application drafted
// from the signed agreement, signed by hand by both parties and digitally by the institution; the
// materials chosen from the case's ledger; the package built streaming (progress, cancel) after
// the legal checklist passes, recorded in the ledger; the court's signed receipt imported, which
// closes the case as confirmed or rejected with the ruling in the ledger.
import { confirmationCourt } from '../../../shared/confirmation/court-of-case';
import { handSignatureSchema, type HandSignature } from '../../../shared/agreement/hand-signature';
import { renderApplicationPdf, signApplicationPdf, ApplicationIncompleteError } from '../../../shared/confirmation/application/document';
import { applicationProblems, UNDERTAKINGS, type ApplicationInput, type ApplicationProblem } from '../../../shared/confirmation/application/model';
import { buildPackage, packageLedgerEntry, packageLedgerFiles, PackageInputError, type BuildProgress, type BuiltPackage, type PackageFileSource } from '../../../shared/confirmation/build';
import { centerApplicationId, type CenterApplication, type Material } from '../../../shared/confirmation/center-record';
import { legalChecklist, type CheckResult } from '../../../shared/confirmation/checklist';
import { verifyReceipt, type ReceiptReport } from '../../../shared/confirmation/court/receipt';
import { verifySupplementRequest, type SupplementRequest } from '../../../shared/confirmation/court/supplement';
import { REJECTION_GROUNDS } from '../../../shared/confirmation/court/ruling';
import { manifestSchema, type FileRole, type Manifest, type PackageParty } from '../../../shared/confirmation/manifest';
import { verifyZipPackage } from '../../../shared/confirmation/zip-package';
import { blobSource } from '../../../shared/archive';
import { confirmationDeadline, INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { maskIdNumber } from '../../../shared/domain/identifiers';
import type { Party, User } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { CaseLedger } from '../../../shared/ledger/ledger';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import type { CancelSignal, PlatformPort } from '../../../shared/platform';
import { problem, type Problem } from '../../../shared/problem';
import type { AuditActionUnder } from '../../../shared/audit/actions';
import type { CaseRow, DataStore } from '../../data';
import { activeActor, actorOf, personOf } from '../../kit/acting-user';
import { agreementFonts } from '../../kit/pdf-fonts';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { openedFileFromBrowserFile } from '../../platform/browser';
import { installNodeBuffer, readAgreements } from '../agreements';
import { getParties, transitionCase, withFullIdNumbers } from '../case-store';
import { appendLedgerEntry, readCheckpoints, readLedgerRows, recordEntry, signCaseCheckpoint, visibleCase } from '../evidence';
import { institutionKey, institutionPdfKey, readIdentity } from '../identity';
import { documentProblems, gapProblems } from './problems';
import { readTrustedCourts, registerTrustedCourt, signerOf } from './trusted-courts';

installNodeBuffer();

const principalsOf = (parties: readonly Party[]) => parties.filter((p) => p.kind !== 'agent');
const PROPERTY_TERMS = new Set(['payment', 'instalments', 'return_property']);

/** The case's applications, oldest version first. */
export async function readApplications(data: DataStore, caseId: string): Promise<CenterApplication[]> {
  return (await data.centerApplications.byCase(caseId)).sort((a, b) => a.version - b.version);
}

async function writable(data: DataStore, actor: User, id: string, rev: number | null): Promise<{ record: CenterApplication; current: User; caseRow: CaseRow }> {
  const current = await activeActor(data, actor);
  const record = await data.centerApplications.get(id);
  if (!record) throw new StoreError('confirmation.not_found', 'The application does not exist.');
  const caseRow = await visibleCase(data, current, record.caseId, true);
  if (rev !== null && record.rev !== rev) throw new StoreError('confirmation.changed', 'The application was changed meanwhile; reload it and try again.');
  return { record, current, caseRow };
}

/** The application's audit event (inside the writing transaction). */
async function audit(data: DataStore, actor: User, at: string, record: CenterApplication, action: AuditActionUnder<'confirmation'>, after: Record<string, unknown> = {}): Promise<void> {
  await data.events.record({ actor: actorOf(actor), at, entity: 'confirmation', entityId: record.id, caseId: record.caseId, action: `confirmation.${action}`, after: { version: record.version, ...after } });
}

/** The first application of a case (or the next version, after a 补正 request), from its signed agreement. */
export async function startApplication(data: DataStore, actor: User, caseId: string, now = new Date()): Promise<StoreResult<CenterApplication>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      const caseRow = await visibleCase(data, current, caseId, true);
      const signed = (await readAgreements(data, caseId)).filter((a) => a.status === 'signed').at(-1);
      if (!signed?.signed) throw new StoreError('confirmation.no_agreement', 'The case has no signed mediation agreement yet.');
      const existing = await readApplications(data, caseId);
      const latest = existing.at(-1);
      if (latest && !latest.built) throw new StoreError('confirmation.open', 'An application is already being prepared.');
      if (latest?.receipt) throw new StoreError('confirmation.decided', 'The court has already ruled on this case.');
      const institution = await data.institution.get();
      const parties = await getParties(data, caseId);
      const at = now.toISOString();
      const record: CenterApplication = {
        id: centerApplicationId(caseId, (latest?.version ?? 0) + 1),
        side: 'center',
        caseId,
        version: (latest?.version ?? 0) + 1,
        agreementId: signed.id,
        agreementSha256: signed.signed.pdfSha256,
        jurisdiction: latest?.jurisdiction ?? { reason: caseRow.source === 'court_entrusted' ? 'entrusting_court' : 'mediation_organisation_seat', basis: caseRow.source === 'court_entrusted' ? '' : (institution?.address ?? '') },
        serviceAddresses: latest?.serviceAddresses ?? Object.fromEntries(principalsOf(parties).map((p) => [p.id, p.address])),
        undertakings: Object.fromEntries(UNDERTAKINGS.map((u) => [u, false])) as CenterApplication['undertakings'],
        handSignatures: [],
        materials: latest?.materials ?? [],
        concernsProperty: signed.content.terms.some((t) => PROPERTY_TERMS.has(t.kind)),
        application: null,
        built: null,
        receipt: null,
        supersedes: latest?.built ? { packageId: latest.built.packageId, packageSha256: latest.built.sha256 } : null,
        createdAt: at,
        createdBy: personOf(current),
        updatedAt: at,
        rev: 1,
      };
      await data.centerApplications.put(record);
      await audit(data, current, at, record, 'start');
      return record;
    }),
  );
}

export type ApplicationDetails = Pick<CenterApplication, 'jurisdiction' | 'serviceAddresses' | 'undertakings' | 'materials' | 'concernsProperty'>;

/** Saves what the mediator entered. Changing what the parties sign takes back their signatures. */
export async function saveDetails(data: DataStore, actor: User, id: string, rev: number | null, details: ApplicationDetails, now = new Date()): Promise<StoreResult<CenterApplication>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { record } = await writable(data, actor, id, rev);
      if (record.built) throw new StoreError('confirmation.built', 'This package is built; start a new version to change it.');
      const signedText = JSON.stringify([record.jurisdiction, record.serviceAddresses, record.undertakings]);
      const changedText = signedText !== JSON.stringify([details.jurisdiction, details.serviceAddresses, details.undertakings]);
      const next: CenterApplication = {
        ...record,
        ...details,
        ...(changedText ? { handSignatures: [], application: null } : {}),
        updatedAt: now.toISOString(),
        rev: record.rev + 1,
      };
      await data.centerApplications.put(next);
      return next;
    }),
  );
}

/**
 * The application's data. The court needs the parties' full ID numbers, which the case shows only
 * masked: each is revealed for this purpose, and every reveal is audited.
 */
async function applicationInput(data: DataStore, actor: User, record: CenterApplication, caseRow: CaseRow, today: string): Promise<ApplicationInput> {
  const institution = await data.institution.get();
  const agreement = (await readAgreements(data, record.caseId)).find((a) => a.id === record.agreementId);
  const parties = await withFullIdNumbers(data, actor, record.caseId, agreement?.parties ?? (await getParties(data, record.caseId)));
  return {
    caseNumber: caseRow.number,
    parties,
    serviceAddresses: record.serviceAddresses,
    court: confirmationCourt(caseRow.origin, institution?.court),
    jurisdiction: record.jurisdiction,
    institution: { name: institution?.name ?? '', creditCode: institution?.creditCode ?? '' },
    agreement: { number: caseRow.number, effectiveOn: caseRow.agreementEffectiveOn ?? '', pdfSha256: record.agreementSha256 },
    undertakings: record.undertakings,
    date: today,
  };
}

export async function addApplicationSignature(data: DataStore, actor: User, id: string, rev: number | null, signature: HandSignature, now = new Date()): Promise<StoreResult<CenterApplication>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { record, current } = await writable(data, actor, id, rev);
      if (record.application) throw new StoreError('confirmation.application_signed', 'The application is already signed.');
      const parsed = handSignatureSchema.safeParse(signature);
      if (!parsed.success) throw new StoreError('signature.invalid', 'The signature cannot be stored.');
      const next = { ...record, handSignatures: [...record.handSignatures.filter((s) => s.signerId !== signature.signerId), parsed.data], updatedAt: now.toISOString(), rev: record.rev + 1 };
      await data.centerApplications.put(next);
      await audit(data, current, now.toISOString(), next, 'hand_signature', { signer: signature.signerName });
      return next;
    }),
  );
}

/** The application lacks something: each gap, and each party yet to sign, listed by its code and the party it concerns. */
function incomplete(problems: readonly ApplicationProblem[], parties: readonly Party[], unsigned: readonly Party[]): StoreError {
  const gaps = gapProblems(problems, parties, unsigned);
  return new StoreError('confirmation.application_incomplete', `The application is not complete (${gaps.map((g) => g.key).join(', ')}).`, { names: unsigned.map((p) => p.name).join('、') }, [], gaps);
}

/** Renders the application with the parties' hand signatures and signs it as the submitting institution. */
export async function signApplication(data: DataStore, platform: Pick<PlatformPort, 'keys' | 'blobs'>, actor: User, id: string, rev: number | null, passphrase?: string, now = new Date()): Promise<StoreResult<CenterApplication>> {
  return asResult(async () => {
    const { record, caseRow, current } = await writable(data, actor, id, rev);
    if (record.application) return record;
    const today = todayIn(INSTITUTION_TIME_ZONE, now);
    const input = await applicationInput(data, current, record, caseRow, today);
    const problems = applicationProblems(input);
    const principals = principalsOf(input.parties);
    const unsigned = principals.filter((p) => !record.handSignatures.some((s) => s.signerId === p.id));
    if (problems.length > 0 || unsigned.length > 0) throw incomplete(problems, input.parties, unsigned);
    const key = await institutionPdfKey(data, platform, passphrase, now);
    const institution = await data.institution.get();
    let pdf: Uint8Array;
    try {
      const rendered = await renderApplicationPdf(input, record.handSignatures, await agreementFonts(), { creationDate: now });
      pdf = await signApplicationPdf(rendered.bytes, { ...key.key, name: institution?.name ?? '' }, now);
    } catch (error) {
      if (error instanceof ApplicationIncompleteError) throw incomplete(error.problems, input.parties, []);
      throw error;
    }
    const sha256 = await platform.blobs.put(pdf);
    return data.transact(actorOf(current), async () => {
      const again = await writable(data, actor, id, rev);
      const next: CenterApplication = { ...again.record, application: { sha256, size: pdf.length, signedAt: now.toISOString(), date: today }, updatedAt: now.toISOString(), rev: again.record.rev + 1 };
      await data.centerApplications.put(next);
      await audit(data, current, now.toISOString(), next, 'application_signed', { sha256 });
      return next;
    });
  });
}

/**
 * The parties as the package lists them: ID numbers masked, agents pointing at their principal;
 * with `full`, parties whose full numbers were revealed for the package also carry them for the
 * court's ruling (docs/identity-numbers.md).
 */
export function packageParties(parties: readonly Party[], full = false): PackageParty[] {
  return orderParties(parties).map((p) => ({
    id: p.id,
    kind: p.kind,
    name: p.name.slice(0, 100),
    side: p.side,
    idNumberMasked: p.kind === 'natural' ? maskIdNumber(p.idNumber) : p.kind === 'legal' ? p.creditCode : '',
    principalId: p.kind === 'agent' ? p.principalId : null,
    ...(full && p.kind === 'natural' && p.idNumber !== '' ? { idNumber: p.idNumber } : {}),
  }));
}

function safeName(title: string): string {
  const printable = [...title].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
  return printable.slice(0, 120) || 'file';
}

/** The package's files from the chosen materials (paths unique, in the folders the format requires). */
function materialPaths(materials: readonly Material[], entries: readonly LedgerEntry[], parties: readonly Party[]): { material: Material; entry: LedgerEntry; path: string; role: FileRole }[] {
  const used = new Set<string>();
  const withdrawn = new Set(entries.filter((e) => e.action === 'withdraw' && e.refersTo !== null).map((e) => e.refersTo));
  return materials.flatMap((material) => {
    const entry = entries[material.ledgerSeq];
    // A withdrawn item never goes to court, whatever was chosen before it was withdrawn.
    if (!entry || entry.contentSha256 === null || withdrawn.has(entry.seq)) return [];
    const owner = parties.find((p) => p.id === material.party)?.name;
    const folder = material.role === 'identity' || material.role === 'authority' ? 'identity' : 'evidence';
    const base = safeName(owner ? `${owner}-${entry.title}` : entry.title);
    let path = `${folder}/${base}`;
    for (let n = 2; used.has(path.toLowerCase()); n++) path = `${folder}/${n}-${base}`;
    used.add(path.toLowerCase());
    return [{ material, entry, path, role: material.role }];
  });
}

export interface Readiness {
  checklist: CheckResult[];
  /** The 30-day window: last day and days left (negative when past). */
  deadline: { lastDay: string; daysLeft: number } | null;
  ready: boolean;
}

/** The legal checklist as the court will evaluate it, from what would go into the package now. */
export async function readiness(data: DataStore, actor: User, id: string, now = new Date()): Promise<Readiness> {
  const { record, caseRow } = await writable(data, actor, id, null);
  const parties = await getParties(data, record.caseId);
  const entries = (await readLedgerRows(data, record.caseId)).map((r) => r.entry);
  const files = [
    ...(record.application ? [{ path: 'application.pdf', role: 'application' as const, size: 1, sha256: '0'.repeat(64) }] : []),
    { path: 'agreement.pdf', role: 'agreement' as const, size: 1, sha256: '0'.repeat(64) },
    ...materialPaths(record.materials, entries, parties).map((m) => ({ path: m.path, role: m.role, size: 1, sha256: '0'.repeat(64), ...(m.material.party ? { party: m.material.party } : {}) })),
  ];
  const effectiveOn = caseRow.agreementEffectiveOn;
  const draft = {
    case: { caseId: record.caseId, number: caseRow.number, category: caseRow.category, parties: packageParties(parties), agreementEffectiveOn: effectiveOn ?? '', confirmationDeadline: effectiveOn ? confirmationDeadline(effectiveOn) : '', concernsProperty: record.concernsProperty },
    files,
  } as unknown as Manifest;
  const checklist = legalChecklist(draft);
  const today = todayIn(INSTITUTION_TIME_ZONE, now);
  const lastDay = effectiveOn ? confirmationDeadline(effectiveOn) : null;
  const deadline = lastDay ? { lastDay, daysLeft: Math.round((Date.parse(lastDay) - Date.parse(today)) / 86_400_000) } : null;
  return { checklist, deadline, ready: checklist.every((c) => c.ok) && record.application !== null && (deadline?.daysLeft ?? -1) >= 0 };
}

async function storedSource(platform: Pick<PlatformPort, 'blobs'>, path: string, role: FileRole, sha256: string, extra: { ledgerSeq?: number; party?: string } = {}): Promise<PackageFileSource> {
  const blob = await platform.blobs.open(sha256);
  if (!blob) throw new StoreError('confirmation.file_missing', 'A file of the package is missing from this workstation.', { path });
  return { path, role, size: blob.size, ...extra, open: () => blob.chunks(4 * 1024 * 1024) };
}

export interface BuildRun {
  onProgress?: (progress: BuildProgress) => void;
  signal?: CancelSignal;
  passphrase?: string;
  now?: Date;
}

/**
 * Builds the package once every legal requirement is met: a checkpoint over the whole ledger is
 * signed, the files stream into the zip (never all in memory), the zip goes into the blob store
 * and its hash into the ledger. A cancelled or failed build records nothing.
 */
export async function buildApplicationPackage(data: DataStore, platform: Pick<PlatformPort, 'keys' | 'blobs'>, actor: User, id: string, rev: number | null, run: BuildRun = {}): Promise<StoreResult<CenterApplication>> {
  return asResult(async () => {
    const now = run.now ?? new Date();
    const { record, caseRow, current } = await writable(data, actor, id, rev);
    if (record.built) return record;
    const ready = await readiness(data, actor, id, now);
    if (!ready.ready) {
      const missing = ready.checklist.filter((c) => !c.ok).map((c) => c.id);
      if (!record.application) missing.unshift('checklist.application');
      if (ready.deadline && ready.deadline.daysLeft < 0) missing.push('deadline');
      const ids = [...new Set(missing)];
      throw new StoreError('confirmation.not_ready', `The package cannot be built yet (${ids.join(', ')}).`, {}, [], ids.map((missingId) => problem(`confirmation.missing.${missingId}`)));
    }
    // The key first: a wrong passphrase is found before any work.
    const signer = await institutionKey(data, platform, run.passphrase, now);
    const checkpoint = await signCaseCheckpoint(data, platform, actor, record.caseId, 'package_exported', { ...(run.passphrase ? { passphrase: run.passphrase } : {}), now });
    if (!checkpoint.ok) throw checkpoint.error;
    const rows = await readLedgerRows(data, record.caseId);
    const checkpoints = await readCheckpoints(data, record.caseId);
    const ledger = CaseLedger.of(record.caseId, rows.map((r) => r.entry), checkpoints.map((c) => c.signed));
    const parties = await getParties(data, record.caseId);
    const agreementEntry = rows.find((r) => r.entry.kind === 'agreement' && r.entry.contentSha256 === record.agreementSha256);
    const chosen = materialPaths(record.materials, ledger.entries, parties);
    const identity = (await readIdentity(data))!;
    const ledgerFiles = packageLedgerFiles(ledger, checkpoint.value.signed, [...(agreementEntry ? [agreementEntry.seq] : []), ...chosen.map((c) => c.entry.seq)], identity.certificatePem, now);
    const files: PackageFileSource[] = [
      await storedSource(platform, 'application.pdf', 'application', record.application!.sha256),
      await storedSource(platform, 'agreement.pdf', 'agreement', record.agreementSha256, agreementEntry ? { ledgerSeq: agreementEntry.seq } : {}),
      ...(await Promise.all(chosen.map((c) => storedSource(platform, c.path, c.role, c.entry.contentSha256!, { ledgerSeq: c.entry.seq, ...(c.material.party ? { party: c.material.party } : {}) })))),
      ...[...ledgerFiles].map(([path, bytes]): PackageFileSource => ({ path, role: 'ledger', size: bytes.length, open: async function* () { yield bytes; } })),
    ];
    const institution = (await data.institution.get())!;
    // The court prints the parties' full ID numbers in its ruling; each taken out for it is audited.
    const filedParties = packageParties(await withFullIdNumbers(data, current, record.caseId, parties), true);
    const packageId = `${caseRow.number.replace(/[^\p{L}\p{N}]+/gu, '')}-v${record.version}`.slice(0, 100);
    const build = buildPackage({
      manifestInput: {
        packageId,
        case: { caseId: record.caseId, number: caseRow.number, category: caseRow.category, parties: filedParties, agreementEffectiveOn: caseRow.agreementEffectiveOn!, confirmationDeadline: confirmationDeadline(caseRow.agreementEffectiveOn!), concernsProperty: record.concernsProperty },
        court: confirmationCourt(caseRow.origin, institution.court),
        jurisdiction: record.jurisdiction.reason,
        institution: { name: institution.name, creditCode: institution.creditCode },
        ...(record.supersedes ? { supersedes: record.supersedes } : {}),
      },
      files,
      sign: { certificatePem: identity.certificatePem, chainPems: identity.chainPems, sign: async (data) => new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signer.key, data as Uint8Array<ArrayBuffer>)) },
      now,
      ...(run.onProgress ? { onProgress: run.onProgress } : {}),
      ...(run.signal ? { signal: run.signal } : {}),
    });
    // Chunks become parts of a Blob, which the browser keeps on disk when large, then stream into the store.
    const parts: Blob[] = [];
    let built: BuiltPackage;
    try {
      for await (const chunk of build.chunks) parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
      built = await build.result;
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw new StoreError('confirmation.cancelled', 'Building was cancelled; nothing was recorded.');
      // Its English message is for the log: the user reads what happened and what to do.
      if (error instanceof PackageInputError) throw new StoreError('confirmation.package_input', error.message);
      throw error;
    }
    manifestSchema.parse(built.manifest);
    const zip = new File(parts, `${packageId}.zip`, { type: 'application/zip' });
    // The court verifies the package with standard tools; it is checked the same way here first.
    const check = await verifyZipPackage(blobSource(zip), { receivedOn: todayIn(INSTITUTION_TIME_ZONE, now), trustedInstitutionPems: [identity.certificatePem] });
    if (!check.ok) {
      const failed = check.checks.filter((c) => !c.ok);
      throw new StoreError('confirmation.self_check', `The built package did not pass its own verification; nothing was recorded (${failed.map((c) => c.message).join(' ')}).`, {}, [], failed.map((c): Problem => c.detail));
    }
    const stored = await platform.blobs.putFile(openedFileFromBrowserFile(zip));
    if (stored !== built.sha256) throw new StoreError('confirmation.store_mismatch', 'The package changed while it was stored; nothing was recorded.');
    const at = now.toISOString();
    return data.transact(actorOf(current), async () => {
      const again = await writable(data, actor, id, rev);
      const entry = await appendLedgerEntry(data, current, record.caseId, packageLedgerEntry(built, personOf(current), now), { package: packageId });
      const next: CenterApplication = { ...again.record, built: { packageId, sha256: built.sha256, size: built.size, builtAt: at, ledgerSeq: entry.seq, exportedAt: null, submission: null }, updatedAt: at, rev: again.record.rev + 1 };
      await data.centerApplications.put(next);
      await audit(data, current, at, next, 'build', { packageId, sha256: built.sha256, size: built.size });
      return next;
    });
  });
}

/** The court's intake answer for a submission, as the record keeps it. */
export type Submission = NonNullable<NonNullable<CenterApplication['built']>['submission']>;

/**
 * After the package was handed to the court — saved as a file for delivery, or submitted to its
 * intake and found valid there: the case is "confirmation applied for". A submission the court's
 * intake found invalid or unusable is recorded (with what the court named) and changes nothing else.
 */
export async function recordSubmitted(data: DataStore, actor: User, id: string, now = new Date(), submission?: Submission): Promise<StoreResult<CenterApplication>> {
  return asResult(async () => {
    const { record, caseRow, current } = await writable(data, actor, id, null);
    if (!record.built) throw new StoreError('confirmation.not_built', 'Build the package first.');
    const handedOver = submission === undefined || submission.verdict === 'valid';
    if (handedOver && caseRow.status === 'agreement_reached') {
      const moved = await transitionCase(data, current, record.caseId, caseRow.version, 'confirmation_applied', {
        today: todayIn(INSTITUTION_TIME_ZONE, now),
        now,
        act: 'package_handed_over',
        actDetails: { packageId: record.built.packageId, sha256: record.built.sha256, ...(submission ? { url: submission.url } : {}) },
      });
      if (!moved.ok) throw moved.error;
    }
    return data.transact(actorOf(current), async () => {
      const again = await writable(data, actor, id, null);
      const at = now.toISOString();
      const built = again.record.built!;
      const next: CenterApplication = {
        ...again.record,
        built: { ...built, exportedAt: handedOver ? (built.exportedAt ?? at) : built.exportedAt, ...(submission ? { submission } : {}) },
        updatedAt: at,
        rev: again.record.rev + 1,
      };
      await data.centerApplications.put(next);
      await audit(data, current, at, next, submission ? 'submit' : 'export', { sha256: built.sha256, ...(submission ? { url: submission.url, verdict: submission.verdict } : {}) });
      return next;
    });
  });
}

export interface ReceiptFiles {
  json: Uint8Array;
  p7s: Uint8Array;
  ruling: Uint8Array | null;
}

/**
 * The court's answer: the receipt must be signed, name this package by its hash, and come with the
 * ruling it describes. Then the ruling goes into the ledger and the case is confirmed or rejected.
 */
export async function importReceipt(data: DataStore, platform: Pick<PlatformPort, 'blobs'>, actor: User, id: string, files: ReceiptFiles, options: { trustSigner?: string; now?: Date } = {}): Promise<StoreResult<{ record: CenterApplication; report: ReceiptReport }>> {
  return asResult(async () => {
    const now = options.now ?? new Date();
    const { record, current } = await writable(data, actor, id, null);
    if (!record.built) throw new StoreError('confirmation.not_built', 'No package was built for this application.');
    if (record.receipt) throw new StoreError('confirmation.decided', 'The court has already ruled on this case.');
    if (!files.ruling) throw new StoreError('confirmation.receipt_no_ruling', 'The ruling (民事裁定书) must come with the receipt.');
    const at = now.toISOString();
    await trustSignerIfConfirmed(data, current, record, files, options.trustSigner, at);
    const trusted = (await readTrustedCourts(data)).map((c) => c.pem);
    const report = verifyReceipt(files.json, files.p7s, files.ruling, { packageSha256: record.built.sha256, trustedCourtPems: trusted });
    if (!report.ok || !report.receipt) {
      throw new StoreError('confirmation.receipt_invalid', `The receipt did not pass its checks (${report.problems.map((p) => p.message).join(' ')}).`, {}, [], documentProblems(report.problems, { file: 'receipt.json', signer: report.signerName ?? '', court: report.receipt?.court.name ?? '' }));
    }
    const receipt = report.receipt;
    const outcome = receipt.ruling.outcome;
    const rulingSha256 = await platform.blobs.put(files.ruling);
    const today = todayIn(INSTITUTION_TIME_ZONE, now);
    return data.transact(actorOf(current), async () => {
      // One transaction: the ruling in the ledger, the case's status and the record, or none of them.
      const title = `民事裁定书 ${receipt.docketNumber}（${outcome === 'confirmed' ? '确认有效' : '驳回申请'}）`;
      const entry = await appendLedgerEntry(data, current, record.caseId, recordEntry({ kind: 'ruling', title, mediaType: 'application/pdf', size: files.ruling!.length, sha256: rulingSha256, author: current, at }), { receipt: receipt.docketNumber });
      const before = await visibleCase(data, current, record.caseId, true);
      if (before.status === 'agreement_reached') {
        const applied = await transitionCase(data, current, record.caseId, before.version, 'confirmation_applied', { today, now, act: 'court_receipt', actDetails: { docket: receipt.docketNumber } });
        if (!applied.ok) throw applied.error;
      }
      const latest = await visibleCase(data, current, record.caseId, true);
      const grounds = receipt.ruling.grounds.map((g) => REJECTION_GROUNDS[g]).join('；');
      const decided = await transitionCase(data, current, record.caseId, latest.version, outcome, {
        today,
        now,
        act: 'court_receipt',
        actDetails: { docket: receipt.docketNumber, rulingLedgerSeq: entry.seq },
        ...(outcome === 'rejected' ? { reason: `${receipt.docketNumber}：${grounds}` } : {}),
      });
      if (!decided.ok) throw decided.error;
      const again = await writable(data, actor, id, null);
      const next: CenterApplication = {
        ...again.record,
        receipt: { importedAt: at, outcome, courtCaseNumber: receipt.docketNumber, courtName: receipt.court.name, signerName: report.signerName ?? '', rulingSha256, rulingLedgerSeq: entry.seq },
        updatedAt: at,
        rev: again.record.rev + 1,
      };
      await data.centerApplications.put(next);
      await audit(data, current, at, next, 'receipt', { outcome, docket: receipt.docketNumber });
      return { record: next, report };
    });
  });
}

/**
 * The first document from a court: until its certificate is registered nothing it signed is
 * accepted. The mediator confirms the fingerprint (compared with the court) and it is registered;
 * a different certificate is refused with the one to compare.
 */
async function trustSignerIfConfirmed(data: DataStore, actor: User, record: CenterApplication, files: { json: Uint8Array; p7s: Uint8Array }, confirmed: string | undefined, at: string): Promise<void> {
  const trusted = await readTrustedCourts(data);
  const claimed = (() => {
    try {
      return (JSON.parse(new TextDecoder().decode(files.json)) as { court?: { name?: string } }).court?.name ?? null;
    } catch {
      return null;
    }
  })();
  const signer = signerOf(files.json, files.p7s, claimed);
  if (!signer || trusted.some((c) => c.fingerprint256 === signer.fingerprint256)) return;
  if (confirmed !== signer.fingerprint256) {
    const known = trusted.map((c) => problem('confirmation.known_court', { name: c.name, fingerprint: c.fingerprint256 }));
    throw new StoreError('confirmation.court_unknown', 'The court that signed this is not registered on this workstation.', { name: signer.name, fingerprint: signer.fingerprint256 }, [], known);
  }
  await registerTrustedCourt(data, actor, signer, at, record.caseId);
}

/**
 * The court asks for supplementary materials (补正): the request must be signed and about the package
 * sent. It is recorded in the case's audit; the center answers with a new version of the package.
 */
export async function receiveSupplementRequest(data: DataStore, actor: User, id: string, files: { json: Uint8Array; p7s: Uint8Array }, options: { trustSigner?: string; now?: Date } = {}): Promise<StoreResult<SupplementRequest>> {
  return asResult(async () => {
    const now = options.now ?? new Date();
    const { record, current } = await writable(data, actor, id, null);
    if (!record.built) throw new StoreError('confirmation.not_built', 'No package was built for this application.');
    await trustSignerIfConfirmed(data, current, record, files, options.trustSigner, now.toISOString());
    const report = verifySupplementRequest(files.json, files.p7s, { packageSha256: record.built.sha256, trustedCourtPems: (await readTrustedCourts(data)).map((c) => c.pem) });
    if (!report.ok || !report.request) {
      throw new StoreError('confirmation.supplement_invalid', `The request did not pass its checks (${report.problems.map((p) => p.message).join(' ')}).`, {}, [], documentProblems(report.problems, { file: 'supplement.json', signer: report.signerName ?? '', court: report.request?.court.name ?? '' }));
    }
    const request = report.request;
    await data.transact(actorOf(current), () =>
      audit(data, current, now.toISOString(), record, 'supplement', { dueOn: request.dueOn, missing: request.missing.map((m) => m.detail).join('；'), docket: request.docketNumber ?? '' }),
    );
    return request;
  });
}
