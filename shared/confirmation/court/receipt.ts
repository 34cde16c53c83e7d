// The court's signed receipt (design.md §6): receipt.json (canonical JSON) and receipt.p7s (a
// detached CMS that `openssl cms -verify` checks), referencing the package by its SHA-256 and id,
// the court case number, the ruling (outcome, grounds, date) and the ruling PDF's SHA-256. The
// center imports it and moves the case to confirmed or rejected; verifyReceipt names every reason
// not to.
import { z } from 'zod';
import { instantSchema, dateSchema } from '../../domain/model';
import { sha256HexSchema } from '../../ledger/entry';
import { bytesToHex, sha256Bytes } from '../../ledger/hash';
import { examinePdfSignatures } from '../../agreement/pdf-signature/verify';
import { docketNumberSchema } from './docket-number';
import { rejectionGroundSchema, RULING_OUTCOMES } from './ruling';
import { signDocument, verifyDocument, type DocumentProblem, type DocumentSigner, type SignedDocument } from './signed-json';

export const RECEIPT_FORMAT = 'mw-confirmation-receipt/1';
export const RECEIPT_FILES = { json: 'receipt.json', signature: 'receipt.p7s' } as const;

export const receiptSchema = z
  .strictObject({
    format: z.literal(RECEIPT_FORMAT),
    packageId: z.string().min(1).max(100),
    /** SHA-256 of the package zip as received. */
    packageSha256: sha256HexSchema,
    caseId: z.string().min(1).max(100),
    court: z.strictObject({ name: z.string().min(1).max(100), code: z.string().max(20) }),
    docketNumber: docketNumberSchema,
    ruling: z.strictObject({
      outcome: z.enum(RULING_OUTCOMES),
      grounds: z.array(rejectionGroundSchema).max(5),
      decidedOn: dateSchema,
      /** SHA-256 of the signed ruling PDF (民事裁定书). */
      pdfSha256: sha256HexSchema,
    }),
    issuedAt: instantSchema,
  })
  .superRefine((r, ctx) => {
    if ((r.ruling.outcome === 'rejected') !== (r.ruling.grounds.length > 0)) ctx.addIssue({ code: 'custom', path: ['ruling', 'grounds'], message: 'a rejection, and only a rejection, names its grounds' });
  });
export type Receipt = z.infer<typeof receiptSchema>;
export type ReceiptInput = Omit<Receipt, 'format' | 'issuedAt'>;

/** Signs a receipt with the court's certificate at `now`. */
export function buildReceipt(input: ReceiptInput, signer: DocumentSigner, now: Date): Promise<SignedDocument<Receipt>> {
  return signDocument(receiptSchema, { ...input, format: RECEIPT_FORMAT, issuedAt: now.toISOString() }, signer, now);
}

export interface ReceiptExpectations {
  /** The SHA-256 of the package the center sent: the receipt must be about this one (null: not checked, said in `packageChecked`). */
  packageSha256: string | null;
  /** The court's certificate(s) as the center holds them; without, the signer is only checked to be consistent. */
  trustedCourtPems?: readonly string[];
}

export interface ReceiptReport {
  ok: boolean;
  receipt: Receipt | null;
  signerName: string | null;
  /** The signer matched the trusted court certificate; null when none was given. */
  authenticated: boolean | null;
  /** The receipt was compared with the package sent. */
  packageChecked: boolean;
  problems: DocumentProblem[];
}

/**
 * Checks a receipt before the center acts on it: format and canonical form, the signature over
 * receipt.json, the signer (named the court, trusted when a certificate is given), the package it
 * answers, and — when the ruling PDF is given — that PDF's hash and its signature by the same
 * certificate. Every failure is in `problems` with a code and a message.
 */
export function verifyReceipt(json: Uint8Array, p7s: Uint8Array, rulingPdf: Uint8Array | null, expected: ReceiptExpectations): ReceiptReport {
  const checked = verifyDocument(receiptSchema, json, p7s, { prefix: 'receipt', fileName: RECEIPT_FILES.json, ...(expected.trustedCourtPems ? { trustedPems: expected.trustedCourtPems } : {}) });
  const problems = [...checked.problems];
  const add = (code: string, message: string) => problems.push({ code: `receipt.${code}`, message });
  const receipt = checked.value;
  if (receipt) {
    if (expected.packageSha256 !== null && receipt.packageSha256 !== expected.packageSha256.toLowerCase()) add('package_mismatch', `The receipt answers the package with SHA-256 ${receipt.packageSha256}, not the one sent (${expected.packageSha256}).`);
    if (checked.signerName !== null && checked.signerName !== receipt.court.name) add('signer_not_court', `The receipt names ${receipt.court.name} but was signed by ${checked.signerName}.`);
    if (rulingPdf) {
      const actual = bytesToHex(sha256Bytes(rulingPdf));
      if (actual !== receipt.ruling.pdfSha256) add('ruling_pdf_mismatch', `The ruling PDF's SHA-256 is ${actual}, the receipt states ${receipt.ruling.pdfSha256}.`);
      const scan = examinePdfSignatures(rulingPdf);
      const last = scan.signatures[scan.signatures.length - 1];
      if (!scan.isPdf || !last) add('ruling_pdf_unsigned', 'The ruling PDF carries no digital signature.');
      else if (last.problems.length > 0 || !last.coversWholeFile) add('ruling_pdf_signature', `The ruling PDF's signature is not valid: ${last.problems.join(', ') || 'the file was changed after it was signed'}.`);
      else if (checked.signer && last.signerFingerprint256.replace(/:/g, '').toLowerCase() !== checked.signer.sha256) add('ruling_pdf_signer', `The ruling PDF was signed by ${last.signerSubjectCommonName}, not by the receipt's signer.`);
    }
  }
  return { ok: problems.length === 0, receipt, signerName: checked.signerName, authenticated: checked.trusted, packageChecked: expected.packageSha256 !== null, problems };
}
