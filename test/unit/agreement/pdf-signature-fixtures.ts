// Throw-away identities and agreement-like PDFs for the PDF signature tests: an institution (the
// self-issued certificate the app issues, its key imported into WebCrypto as non-extractable), a
// mediator certified by it, and a pdf-lib document saved the way @signpdf needs it.
import { generateKeyPairSync } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { issueInstitutionCertificate } from '../../../shared/identity/institution';
import { issueMediatorCertificate } from '../../../shared/identity/mediator-certificate';
import type { PdfSigningKey } from '../../../shared/agreement/pdf-signature/sign';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface TestSigner {
  certificatePem: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
  spki: Uint8Array;
}

/** An RSA key whose private half only WebCrypto holds, as in the app. */
async function webCryptoKey(bits = 2048): Promise<{ sign(data: Uint8Array): Promise<Uint8Array>; spki: Uint8Array }> {
  const pair = await crypto.subtle.generateKey({ ...RSA, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) }, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { spki, sign: async (data) => new Uint8Array(await crypto.subtle.sign(RSA, pair.privateKey, data as Uint8Array<ArrayBuffer>)) };
}

export async function makeInstitution(name = '芜湖市镜湖区人民调解委员会', now = new Date('2026-01-01T00:00:00Z')): Promise<TestSigner & { privateKeyPem: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { certificatePem } = issueInstitutionCertificate({ name, creditCode: '51340202MJ00000007' }, { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem }, now);
  const key = await crypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), RSA, false, ['sign']);
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  return { certificatePem, privateKeyPem, spki, sign: async (data) => new Uint8Array(await crypto.subtle.sign(RSA, key, data as Uint8Array<ArrayBuffer>)) };
}

export async function makeMediator(institution: TestSigner, options: { name?: string; now?: Date; years?: number; bits?: number } = {}): Promise<TestSigner> {
  const key = await webCryptoKey(options.bits);
  const { certificatePem } = await issueMediatorCertificate(
    { name: options.name ?? '王芳', userId: 'mediator-0007', organization: '芜湖市镜湖区人民调解委员会' },
    key.spki,
    institution,
    options.now ?? new Date('2026-02-01T00:00:00Z'),
    options.years,
  );
  return { certificatePem, ...key };
}

export function signingKey(signer: TestSigner, chain: TestSigner[] = []): PdfSigningKey {
  return { certificatePem: signer.certificatePem, chainPems: chain.map((c) => c.certificatePem), sign: signer.sign };
}

/** A few pages of text, optionally padded with an uncompressed stream to reach `padTo` bytes. */
export async function makePdf(padTo = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 2; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Mediation agreement - page ${p + 1}`, { x: 50, y: 780, size: 16, font });
  }
  let bytes = await doc.save({ useObjectStreams: false });
  if (padTo > bytes.length) {
    // Incompressible filler in an attachment-like stream, so the size is real work for hashing.
    const filler = new Uint8Array(padTo - bytes.length - 1200);
    let x = 0x9e3779b9;
    for (let i = 0; i < filler.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      filler[i] = x & 0xff;
    }
    doc.attach(filler, 'filler.bin', { mimeType: 'application/octet-stream' });
    bytes = await doc.save({ useObjectStreams: false });
  }
  return bytes;
}
