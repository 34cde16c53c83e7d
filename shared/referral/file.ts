// The referral file and its answer as signed files: canonical JSON and a detached CMS by the
// sending institution's certificate (the court's signed-document code, shared/confirmation/court/
// signed-json), stored in one zip (shared/archive). Reading one checks everything and names every
// problem as a Problem: an unreadable or altered file, a signature that does not hold, a signer
// other than the institution the file names. A signer the receiver has not registered is no
// problem but a fact: the file is shown as unverified with the signer's fingerprint to compare.
import { DEFAULT_ZIP_LIMITS, openZipBytes, zipBytes, ZipRefusedError, type ZipBytes } from '../archive';
import { signDocument, verifyDocument, type DocumentSigner } from '../confirmation/court/signed-json';
import { bytesToHex, sha256Bytes } from '../ledger/hash';
import { problem, type Problem } from '../problem';
import { ANSWER_FILES, REFERRAL_FILES, referralAnswerSchema, referralSchema, type Referral, type ReferralAnswer } from './model';

export type { DocumentSigner };

/** A file of a few documents: far below these bounds. */
const LIMITS = { ...DEFAULT_ZIP_LIMITS, maxEntries: 8, maxTotalBytes: 32 * 1024 * 1024 };

export interface SignedFile<T> {
  value: T;
  /** The zip to hand over. */
  bytes: Uint8Array;
  /** SHA-256 of the signed JSON: what an answer names. */
  jsonSha256: string;
}

function stored(files: Record<string, Uint8Array>, now: Date): Uint8Array {
  return zipBytes(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { level: 0 }]])), { mtime: now });
}

export async function signReferral(referral: Referral, signer: DocumentSigner, now: Date): Promise<SignedFile<Referral>> {
  const signed = await signDocument(referralSchema, referral, signer, now);
  return { value: signed.value, bytes: stored({ [REFERRAL_FILES.json]: signed.json, [REFERRAL_FILES.signature]: signed.p7s }, now), jsonSha256: bytesToHex(sha256Bytes(signed.json)) };
}

export async function signAnswer(answer: ReferralAnswer, signer: DocumentSigner, now: Date, terminationPdf: Uint8Array | null): Promise<SignedFile<ReferralAnswer>> {
  const signed = await signDocument(referralAnswerSchema, answer, signer, now);
  const files: Record<string, Uint8Array> = { [ANSWER_FILES.json]: signed.json, [ANSWER_FILES.signature]: signed.p7s };
  if (terminationPdf) files[ANSWER_FILES.termination] = terminationPdf;
  return { value: signed.value, bytes: stored(files, now), jsonSha256: bytesToHex(sha256Bytes(signed.json)) };
}

export interface SignerFacts {
  /** The certificate's subject as it signed. */
  name: string;
  /** SHA-256 of the signing certificate (lower-case hex): what two people compare by phone. */
  fingerprint256: string;
  signedAt: string | null;
}

export interface ReadFile<T> {
  ok: boolean;
  value: T | null;
  jsonSha256: string | null;
  signer: SignerFacts | null;
  /** The signer's certificate or one on its chain is one the reader registered; false: unverified. */
  registered: boolean;
  /** Every reason not to act on the file; empty when it may be acted on. */
  problems: Problem[];
  /** Extra entries (the termination record's PDF of an answer). */
  attachments: Record<string, Uint8Array>;
}

function openArchive(bytes: Uint8Array): { zip: ZipBytes } | { problem: Problem } {
  try {
    return { zip: openZipBytes(bytes, LIMITS) };
  } catch (error) {
    if (error instanceof ZipRefusedError) return { problem: problem('referral_file.unreadable', {}, [error.detail]) };
    return { problem: problem('referral_file.unreadable', {}) };
  }
}

function readSigned<T>(schema: typeof referralSchema | typeof referralAnswerSchema, bytes: Uint8Array, names: { json: string; signature: string }, allowed: readonly string[], registered: ReadonlySet<string>): ReadFile<T> {
  const out: ReadFile<T> = { ok: false, value: null, jsonSha256: null, signer: null, registered: false, problems: [], attachments: {} };
  const opened = openArchive(bytes);
  if ('problem' in opened) {
    out.problems.push(opened.problem);
    return out;
  }
  const zip = opened.zip;
  const unexpected = zip.files.map((e) => e.name).filter((n) => !allowed.includes(n));
  if (unexpected.length > 0) out.problems.push(problem('referral_file.unexpected_entry', { name: unexpected.join(', ') }));
  const json = zip.find(names.json);
  const p7s = zip.find(names.signature);
  if (!json || !p7s) {
    out.problems.push(problem('referral_file.missing_entry', { name: !json ? names.json : names.signature }));
    return out;
  }
  let jsonBytes: Uint8Array;
  let p7sBytes: Uint8Array;
  try {
    jsonBytes = zip.read(json);
    p7sBytes = zip.read(p7s);
    for (const name of allowed.filter((n) => n !== names.json && n !== names.signature)) {
      const entry = zip.find(name);
      if (entry) out.attachments[name] = zip.read(entry);
    }
  } catch {
    out.problems.push(problem('referral_file.unreadable', {}));
    return out;
  }
  out.jsonSha256 = bytesToHex(sha256Bytes(jsonBytes));
  const checked = verifyDocument(schema, jsonBytes, p7sBytes, { prefix: 'referral_file', fileName: names.json });
  for (const p of checked.problems) out.problems.push(problem(p.code, { file: names.json }));
  out.value = checked.value as T | null;
  if (checked.signer) {
    out.signer = { name: checked.signerName ?? '', fingerprint256: checked.signer.sha256, signedAt: checked.signingTime ? checked.signingTime.toISOString() : null };
    out.registered = checked.problems.length === 0 && registered.has(checked.signer.sha256);
  }
  return out;
}

/**
 * Reads a referral file. `registered`: SHA-256 fingerprints of the certificates of the institutions
 * (and courts) this workstation registered as senders.
 */
export function readReferralFile(bytes: Uint8Array, registered: ReadonlySet<string>): ReadFile<Referral> {
  const out = readSigned<Referral>(referralSchema, bytes, REFERRAL_FILES, [REFERRAL_FILES.json, REFERRAL_FILES.signature], registered);
  const referral = out.value;
  if (referral && out.signer && out.signer.name !== referral.sender.name) {
    out.problems.push(problem('referral_file.signer_not_sender', { sender: referral.sender.name, signer: out.signer.name }));
    out.registered = false;
  }
  out.ok = out.problems.length === 0 && referral !== null;
  return out;
}

/**
 * Reads an answer to a referral this workstation sent: it must answer that very file
 * (`sent.jsonSha256`), be signed by the institution it was sent to, and carry the termination
 * record's PDF it names.
 */
export function readAnswerFile(bytes: Uint8Array, sent: { id: string; jsonSha256: string; receiverName: string }, registered: ReadonlySet<string>): ReadFile<ReferralAnswer> {
  const out = readSigned<ReferralAnswer>(referralAnswerSchema, bytes, ANSWER_FILES, Object.values(ANSWER_FILES), registered);
  const answer = out.value;
  if (answer) {
    if (answer.referralId !== sent.id || answer.referralSha256 !== sent.jsonSha256) out.problems.push(problem('referral_file.answer_mismatch', { id: answer.referralId }));
    if (out.signer && out.signer.name !== answer.answerer.name) out.problems.push(problem('referral_file.signer_not_sender', { sender: answer.answerer.name, signer: out.signer.name }));
    if (answer.answerer.name !== sent.receiverName) out.problems.push(problem('referral_file.not_receiver', { answerer: answer.answerer.name, receiver: sent.receiverName }));
    const pdf = out.attachments[ANSWER_FILES.termination];
    if (answer.termination) {
      if (!pdf) out.problems.push(problem('referral_file.missing_entry', { name: ANSWER_FILES.termination }));
      else if (bytesToHex(sha256Bytes(pdf)) !== answer.termination.pdfSha256) out.problems.push(problem('referral_file.pdf_mismatch', { name: ANSWER_FILES.termination }));
    } else if (pdf) out.problems.push(problem('referral_file.unexpected_entry', { name: ANSWER_FILES.termination }));
  }
  out.ok = out.problems.length === 0 && answer !== null;
  return out;
}
