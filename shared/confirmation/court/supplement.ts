// The court's request for supplementary materials (补正, 《关于人民调解协议司法确认程序的若干规定》
// art. 6): a small signed JSON document, made and checked like the receipt, naming the package by
// its SHA-256 and listing what is missing. The center answers with a new package version whose
// manifest names the package it supersedes (manifest.supersedes); without good reason not answered
// by the date, the application may be treated as withdrawn.
import { z } from 'zod';
import { dateSchema, instantSchema } from '../../domain/model';
import { sha256HexSchema } from '../../ledger/entry';
import { docketNumberSchema } from './docket-number';
import { SUPPLEMENT_ITEMS } from './supplement-items';
import { signDocument, verifyDocument, type DocumentProblem, type DocumentSigner, type SignedDocument } from './signed-json';

export const SUPPLEMENT_FORMAT = 'mw-confirmation-supplement/1';
export const SUPPLEMENT_FILES = { json: 'supplement.json', signature: 'supplement.p7s' } as const;

export { SUPPLEMENT_ITEMS } from './supplement-items';

export const supplementRequestSchema = z.strictObject({
  format: z.literal(SUPPLEMENT_FORMAT),
  packageId: z.string().min(1).max(100),
  packageSha256: sha256HexSchema,
  caseId: z.string().min(1).max(100),
  court: z.strictObject({ name: z.string().min(1).max(100), code: z.string().max(20) }),
  /** Null when the request comes before the case is docketed. */
  docketNumber: docketNumberSchema.nullable(),
  missing: z
    .array(z.strictObject({ item: z.enum(SUPPLEMENT_ITEMS), detail: z.string().min(1).max(1000) }))
    .min(1)
    .max(50),
  /** The last day to supply them. */
  dueOn: dateSchema,
  requestedAt: instantSchema,
});
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;
export type SupplementInput = Omit<SupplementRequest, 'format' | 'requestedAt'>;

export function buildSupplementRequest(input: SupplementInput, signer: DocumentSigner, now: Date): Promise<SignedDocument<SupplementRequest>> {
  return signDocument(supplementRequestSchema, { ...input, format: SUPPLEMENT_FORMAT, requestedAt: now.toISOString() }, signer, now);
}

export interface SupplementReport {
  ok: boolean;
  request: SupplementRequest | null;
  signerName: string | null;
  authenticated: boolean | null;
  problems: DocumentProblem[];
}

/** Checks a 补正 request as the center receives it: signed by the court, about the package it sent. */
export function verifySupplementRequest(json: Uint8Array, p7s: Uint8Array, expected: { packageSha256: string; trustedCourtPems?: readonly string[] }): SupplementReport {
  const checked = verifyDocument(supplementRequestSchema, json, p7s, { prefix: 'supplement', fileName: SUPPLEMENT_FILES.json, ...(expected.trustedCourtPems ? { trustedPems: expected.trustedCourtPems } : {}) });
  const problems = [...checked.problems];
  const request = checked.value;
  if (request && request.packageSha256 !== expected.packageSha256.toLowerCase()) {
    problems.push({ code: 'supplement.package_mismatch', message: `The request is about the package with SHA-256 ${request.packageSha256}, not the one sent (${expected.packageSha256}).` });
  }
  if (request && checked.signerName !== null && checked.signerName !== request.court.name) {
    problems.push({ code: 'supplement.signer_not_court', message: `The request names ${request.court.name} but was signed by ${checked.signerName}.` });
  }
  return { ok: problems.length === 0, request, signerName: checked.signerName, authenticated: checked.trusted, problems };
}
