// Reading a detached CMS SignedData (RFC 5652) as hostile input — once, for both the PDF signatures
// of the agreement and the package's manifest.p7s (and receipts): the DER is walked with bounds on
// every length (der.ts), the signed attributes are kept as the exact bytes that were signed
// (re-tagged as a SET, §5.4), and the signer is found among the embedded certificates by issuer
// and serial number. It only reads; what counts as valid is the caller's to decide.
import forge from 'node-forge';
import { OIDS } from '../agreement/pdf-signature/oids';
import { bodyOf, certificateParts, childrenOf, CONTEXT_0, CONTEXT_1, DerError, equalBytes, expect, OCTETS, oidOf, SEQUENCE, SET, tlvAt, whole, type CertificateParts, type Tlv } from './der';

/** The SignerInfo names its signer by subject key identifier, which these checks do not follow. */
export class CmsUnsupportedError extends DerError {}

export interface SignedDataParts {
  /** Every certificate the CMS carries, as the exact bytes it carries. */
  certificates: CertificateParts[];
  /** The embedded certificate the SignerInfo names, or null when it is not embedded. */
  signerCertificate: CertificateParts | null;
  /** SHA-256 digest and RSA (PKCS#1 v1.5) signature: the only algorithms accepted. */
  algorithmsSupported: boolean;
  /** The signed attributes as signed: a universal SET. */
  signedAttributes: Uint8Array;
  messageDigest: Uint8Array | null;
  /** The content-type attribute is id-data. */
  contentTypeIsData: boolean;
  signingTime: Date | null;
  signature: Uint8Array;
}

function readTime(b: Uint8Array, t: Tlv | undefined): Date | null {
  if (!t) return null;
  const text = forge.util.binary.raw.encode(bodyOf(b, t));
  const date = t.tag === 0x17 ? forge.asn1.utcTimeToDate(text) : t.tag === 0x18 ? forge.asn1.generalizedTimeToDate(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * Parses a detached SignedData with exactly one SignerInfo. `zeroPadded`: a PDF's /Contents is the
 * CMS followed by the placeholder's zero bytes; anywhere else nothing may follow it. Throws
 * DerError (CmsUnsupportedError for a key-identifier signer) for anything else.
 */
export function parseDetachedSignedData(b: Uint8Array, options: { zeroPadded: boolean }): SignedDataParts {
  const outer = tlvAt(b, 0, b.length);
  if (options.zeroPadded ? b.subarray(outer.end).some((x) => x !== 0) : outer.end !== b.length) throw new DerError('data after the signature');
  const contentInfo = childrenOf(b, expect(outer, SEQUENCE));
  if (oidOf(b, contentInfo[0]) !== OIDS.signedData) throw new DerError('not a CMS SignedData');
  const signedData = childrenOf(b, expect(childrenOf(b, expect(contentInfo[1], CONTEXT_0))[0], SEQUENCE));
  const encapsulated = childrenOf(b, expect(signedData[2], SEQUENCE));
  if (oidOf(b, encapsulated[0]) !== OIDS.data || encapsulated.length !== 1) throw new DerError('not a detached signature over data');
  let at = 3;
  const certificates: CertificateParts[] = [];
  if (signedData[at]?.tag === CONTEXT_0) {
    for (const c of childrenOf(b, signedData[at] as Tlv)) if (c.tag === SEQUENCE) certificates.push(certificateParts(whole(b, c).slice()));
    at++;
  }
  if (signedData[at]?.tag === CONTEXT_1) at++; // CRLs: not used by these checks
  const signerInfos = childrenOf(b, expect(signedData[at], SET));
  if (signerInfos.length !== 1) throw new DerError(`${signerInfos.length} signers, not one`);

  const info = childrenOf(b, expect(signerInfos[0], SEQUENCE));
  if (info[1]?.tag === 0x80) throw new CmsUnsupportedError('the signer is named by key identifier');
  if (info[1]?.tag !== SEQUENCE) throw new DerError('the signer is not named by issuer and serial number');
  const [issuer, serial] = childrenOf(b, info[1]);
  const issuerBytes = whole(b, expect(issuer, SEQUENCE));
  const serialBytes = whole(b, expect(serial, 0x02));
  const digestOid = oidOf(b, childrenOf(b, expect(info[2], SEQUENCE))[0]);
  const attrs = expect(info[3], CONTEXT_0);
  const signatureOid = oidOf(b, childrenOf(b, expect(info[4], SEQUENCE))[0]);
  const signature = bodyOf(b, expect(info[5], OCTETS)).slice();

  let messageDigest: Uint8Array | null = null;
  let contentType: string | null = null;
  let signingTime: Date | null = null;
  const seen = new Set<string>();
  for (const attr of childrenOf(b, attrs)) {
    const [type, values] = childrenOf(b, expect(attr, SEQUENCE));
    const id = oidOf(b, type);
    // RFC 5652 §11: these attributes occur once, with one value.
    if (seen.has(id)) throw new DerError(`attribute ${id} repeated`);
    seen.add(id);
    const value = childrenOf(b, expect(values, SET));
    if (id === OIDS.messageDigest) messageDigest = bodyOf(b, expect(value[0], OCTETS)).slice();
    else if (id === OIDS.contentType) contentType = oidOf(b, value[0]);
    else if (id === OIDS.signingTime) signingTime = readTime(b, value[0]);
  }
  // The signature is over the attributes re-tagged as a universal SET (RFC 5652 §5.4).
  const signedAttributes = whole(b, attrs).slice();
  signedAttributes[0] = SET;
  return {
    certificates,
    signerCertificate: certificates.find((c) => equalBytes(c.issuer, issuerBytes) && equalBytes(c.serial, serialBytes)) ?? null,
    algorithmsSupported: digestOid === OIDS.sha256 && (signatureOid === OIDS.rsaEncryption || signatureOid === OIDS.sha256WithRSAEncryption),
    signedAttributes,
    messageDigest,
    contentTypeIsData: contentType === OIDS.data,
    signingTime,
    signature,
  };
}
