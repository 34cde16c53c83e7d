// Who made a backup (issue 14 §5). backup.json lists the SHA-256 of every table and blob, but a
// hash anyone can recompute proves nothing about who wrote the file: whoever can edit a backup
// could invent records and fix the hashes up. A backup made by a workstation with an institution
// identity therefore carries signature.json, the institution's signature over backup.json made
// as its ledger checkpoints are (RSASSA-PKCS1-v1_5 / SHA-256 over canonical JSON, the same
// Signer), with the signing certificate so a restore can say whose it is.
//
// Verifying here is only "this certificate signed exactly this backup.json"; whether that
// certificate is welcome is the restore's decision (renderer/db/backup.ts).
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { summarizeCertificate } from '../identity/certificate';
import { CHECKPOINT_ALGORITHM, isCanonicalBase64, type SignatureVerifier, type Signer } from '../ledger/checkpoint';
import type { DecodedBackup } from './codec';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** What the institution signs: this backup.json, at this time, for a backup (not anything else). */
export const backupStatementSchema = z.strictObject({
  purpose: z.literal('mw-backup'),
  manifestSha256: sha256Hex,
  signedAt: z.iso.datetime({ offset: true }),
});
export type BackupStatement = z.infer<typeof backupStatementSchema>;

export const backupSignatureSchema = z.strictObject({
  version: z.literal(1),
  algorithm: z.literal(CHECKPOINT_ALGORITHM),
  statement: backupStatementSchema,
  /** SHA-256 of the certificate's DER, as in checkpoints. */
  keyId: sha256Hex,
  certificatePem: z.string().min(1).max(20_000),
  signature: z.string().max(2048).refine(isCanonicalBase64, 'canonical base64'),
});
export type BackupSignature = z.infer<typeof backupSignatureSchema>;

/** The institution that signed, as a person compares it: its name and certificate fingerprint. */
export interface BackupSigner {
  name: string;
  organisationId: string | null;
  /** SHA-256 of the certificate, upper-case pairs (what the identity card shows). */
  fingerprint256: string;
  keyId: string;
  signedAt: string;
}

export type BackupProvenance =
  | { kind: 'signed'; signer: BackupSigner }
  | { kind: 'unsigned' }
  | { kind: 'invalid'; detail: string };

function statementBytes(statement: BackupStatement): Uint8Array {
  const text = canonicalize(backupStatementSchema.parse(statement));
  if (text === undefined) throw new TypeError('The statement has no JSON form.');
  return strToU8(text);
}

/** signature.json for this backup.json, signed by the institution's key. */
export async function signBackupManifest(manifestBytes: Uint8Array, sign: Signer, certificatePem: string, signedAt: Date): Promise<Uint8Array> {
  const statement: BackupStatement = { purpose: 'mw-backup', manifestSha256: bytesToHex(sha256(manifestBytes)), signedAt: signedAt.toISOString() };
  const { signature, keyId } = await sign(statementBytes(statement));
  const entry: BackupSignature = { version: 1, algorithm: CHECKPOINT_ALGORITHM, statement, keyId, certificatePem, signature };
  return strToU8(`${canonicalize(entry)}\n`);
}

/**
 * Whether signature.json is the signature of the certificate it names over exactly this
 * backup.json. `verifierFor` checks a signature against certificates (WebCrypto in the app,
 * Node's crypto in the CLI). Anything malformed or not matching is invalid, never "unsigned".
 */
export async function verifyBackupSignature(
  backup: Pick<DecodedBackup, 'manifestBytes' | 'signatureBytes'>,
  verifierFor: (certificatePems: readonly string[]) => SignatureVerifier,
): Promise<BackupProvenance> {
  if (backup.signatureBytes === null) return { kind: 'unsigned' };
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(backup.signatureBytes));
  } catch {
    return { kind: 'invalid', detail: 'signature.json is not valid JSON.' };
  }
  const parsed = backupSignatureSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', detail: 'signature.json does not have the form of a backup signature.' };
  const entry = parsed.data;
  if (entry.statement.manifestSha256 !== bytesToHex(sha256(backup.manifestBytes))) {
    return { kind: 'invalid', detail: 'backup.json was changed after the backup was signed.' };
  }
  let summary: ReturnType<typeof summarizeCertificate>;
  try {
    summary = summarizeCertificate(entry.certificatePem);
  } catch {
    return { kind: 'invalid', detail: 'The certificate in signature.json cannot be read.' };
  }
  if (summary.keyId !== entry.keyId) return { kind: 'invalid', detail: 'signature.json names a key other than its certificate’s.' };
  let valid: boolean;
  try {
    valid = await verifierFor([entry.certificatePem])(statementBytes(entry.statement), entry.signature, entry.keyId);
  } catch {
    valid = false;
  }
  if (!valid) return { kind: 'invalid', detail: 'The signature does not match backup.json and the certificate; the backup was altered or signed by someone else.' };
  return {
    kind: 'signed',
    signer: { name: summary.subject, organisationId: summary.organisationId, fingerprint256: summary.fingerprint256, keyId: summary.keyId, signedAt: entry.statement.signedAt },
  };
}
