// A signed checkpoint: the institution's signature over {caseId, treeSize, rootHash, time} in
// canonical JSON, committing to the first treeSize entries of a case's ledger. The signature is
// RSASSA-PKCS1-v1_5 with SHA-256 (what openssl and PDF readers verify) made by the institution's
// key; `keyId` is the SHA-256 of the signing certificate (DER), found in the export's chain.
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { sha256HexSchema } from './entry';
import { utf8ToBytes } from './hash';

export const CHECKPOINT_ALGORITHM = 'RSASSA-PKCS1-v1_5-SHA256';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Base64 whose padding bits are zero. Decoders ignore those bits, so without this rule a flipped
 * bit in the last character before "=" would change the file yet decode to the same signature.
 */
export function isCanonicalBase64(text: string): boolean {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (padding === 0) return true;
  const last = BASE64.indexOf(text[text.length - padding - 1] as string);
  return (last & (padding === 2 ? 0b1111 : 0b11)) === 0;
}

export const checkpointBodySchema = z.strictObject({
  caseId: z.string().min(1).max(100),
  treeSize: z.number().int().positive(),
  rootHash: sha256HexSchema,
  time: instantSchema,
});
export type CheckpointBody = z.infer<typeof checkpointBodySchema>;

export const signedCheckpointSchema = z.strictObject({
  checkpoint: checkpointBodySchema,
  algorithm: z.literal(CHECKPOINT_ALGORITHM),
  keyId: sha256HexSchema,
  /** Base64 of the signature bytes, in its one canonical spelling. */
  signature: z.string().max(2048).refine(isCanonicalBase64, 'canonical base64'),
});
export type SignedCheckpoint = z.infer<typeof signedCheckpointSchema>;

export function checkpointBytes(body: CheckpointBody): Uint8Array {
  const text = canonicalize(checkpointBodySchema.parse(body));
  if (text === undefined) throw new TypeError('The checkpoint has no JSON form.');
  return utf8ToBytes(text);
}

/** Checks one signature; the app uses WebCrypto, the CLI Node's crypto, both from the certificate. */
export type SignatureVerifier = (signed: Uint8Array, signatureBase64: string, keyId: string) => Promise<boolean>;
export type Signer = (data: Uint8Array) => Promise<{ signature: string; keyId: string }>;

export async function signCheckpoint(body: CheckpointBody, sign: Signer): Promise<SignedCheckpoint> {
  const { signature, keyId } = await sign(checkpointBytes(body));
  return { checkpoint: body, algorithm: CHECKPOINT_ALGORITHM, keyId, signature };
}
