// Offline verification of the signed mediation agreement's PDF signatures (design.md §5), without
// trusting this software's own signer: the byte ranges, the CMS (adbe.pkcs7.detached or
// ETSI.CAdES.detached, SHA-256, RSA PKCS#1 v1.5) and the mediator → institution chain. The file is
// hostile input: every offset is bounds-checked, the DER is walked with explicit limits, and the
// work is capped (MAX_SIGNATURES, MAX_CONTENTS_HEX), so no input crashes or stalls the verifier.
import forge from 'node-forge';
import { bytesToHex, equalHashes, hexToBytes, sha256Bytes } from '../../ledger/hash';
import { summarizeCertificate } from '../../identity/certificate';
import { changesAfterRevision } from './revisions';
import { pdfAmbiguity } from './pdf-ambiguity';
import { englishText, type CheckDetail } from '../../confirmation/check-detail';
import { certificateParts, DerError, equalBytes, type CertificateParts } from '../../pkix/der';
import { CmsUnsupportedError, parseDetachedSignedData, type SignedDataParts } from '../../pkix/cms';
import { issuanceProblems } from '../../pkix/issuer';
import { MIN_RSA_BITS, rsaVerifySha256 } from '../../pkix/rsa';

export interface PdfSignatureReport {
  /** 0-based, in file order. */
  index: number;
  byteRange: [number, number, number, number];
  /** The ByteRange ends at the end of the file. */
  coversWholeFile: boolean;
  signerSubjectCommonName: string;
  signerOrganization?: string;
  signerCertificatePem: string;
  signerFingerprint256: string;
  issuerCommonName: string;
  /** ISO, from the CMS signed attributes (else the dictionary's /M). */
  signingTime?: string;
  name?: string;
  reason?: string;
  location?: string;
  /** The messageDigest attribute equals the SHA-256 of the byte ranges. */
  digestMatches: boolean;
  /** The RSA signature over the signed attributes verifies with the signer certificate's key. */
  signatureValid: boolean;
  certificateValidAtSigning: boolean;
  problems: string[];
}

export interface AgreementSignatureReport {
  ok: boolean;
  signatures: PdfSignatureReport[];
  mediator?: PdfSignatureReport;
  institution?: PdfSignatureReport;
  /** The mediator's certificate is signed by the institution's (the second signature's) and was issued within its validity. */
  chainValid: boolean;
  /** null when no trusted institution certificate was given. */
  institutionPinned: boolean | null;
  nothingAfterLastSignature: boolean;
  /** `detail` is set where the problem is one of the shared details (`agreement.ambiguous`). */
  problems: { code: string; message: string; detail?: CheckDetail }[];
}

/** More /ByteRange entries than any agreement has; beyond it the file is not examined further. */
export const MAX_SIGNATURES = 20;
/** Hex digits of one /Contents: a CMS with an RSA-16384 signature and a dozen certificates fits. */
export const MAX_CONTENTS_HEX = 256 * 1024;

const SUPPORTED_FILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'];

// ---------------------------------------------------------------- bytes

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
function textOf(bytes: Uint8Array): string {
  // In slices: spreading a large array into one call overflows the stack.
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x2000) out += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return out;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number, to = hay.length): number {
  const first = needle[0] as number;
  for (let i = hay.indexOf(first, from); i !== -1 && i + needle.length <= to; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function lastIndexOfBytes(hay: Uint8Array, needle: Uint8Array, before: number, notBefore: number): number {
  for (let i = Math.min(before, hay.length) - needle.length; i >= notBefore; i--) {
    let j = 0;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

const isWhite = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

// ---------------------------------------------------------------- CMS

/** The CMS of a /Contents (zero-padded by the placeholder), read by the one CMS reader (shared/pkix/cms.ts); a content type other than data is malformed here. */
function parseCms(b: Uint8Array): SignedDataParts {
  const parts = parseDetachedSignedData(b, { zeroPadded: true });
  if (!parts.contentTypeIsData) throw new DerError('content-type attribute missing or not data');
  return parts;
}

// ---------------------------------------------------------------- PDF syntax

interface Found {
  position: number;
  byteRange: [number, number, number, number] | null;
}

const BYTE_RANGE = ascii('/ByteRange');
const CONTENTS = ascii('/Contents');
const OBJ = ascii('obj');
const ENDOBJ = ascii('endobj');

function readByteRange(pdf: Uint8Array, position: number): [number, number, number, number] | null {
  const text = textOf(pdf.subarray(position + BYTE_RANGE.length, position + BYTE_RANGE.length + 80));
  const match = /^\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

/** The /ByteRange entries in file order, at most MAX_SIGNATURES of them. */
function findByteRanges(pdf: Uint8Array): { found: Found[]; truncated: boolean } {
  const found: Found[] = [];
  for (let at = indexOfBytes(pdf, BYTE_RANGE, 0); at !== -1; at = indexOfBytes(pdf, BYTE_RANGE, at + BYTE_RANGE.length)) {
    if (found.length === MAX_SIGNATURES) return { found, truncated: true };
    found.push({ position: at, byteRange: readByteRange(pdf, at) });
  }
  return { found, truncated: false };
}

function literalString(pdf: Uint8Array, at: number, limit: number): Uint8Array | null {
  const out: number[] = [];
  let depth = 1;
  const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
  for (let i = at + 1; i < limit; i++) {
    const c = pdf[i] as number;
    if (c === 0x5c) {
      const next = pdf[++i] as number;
      if (next >= 0x30 && next <= 0x37) {
        let value = next - 0x30;
        for (let k = 0; k < 2 && (pdf[i + 1] as number) >= 0x30 && (pdf[i + 1] as number) <= 0x37; k++) value = value * 8 + ((pdf[++i] as number) - 0x30);
        out.push(value & 0xff);
      } else if (next === 0x0d) {
        if (pdf[i + 1] === 0x0a) i++;
      } else if (next !== 0x0a) out.push(escapes[next] ?? next);
    } else if (c === 0x28) {
      depth++;
      out.push(c);
    } else if (c === 0x29) {
      if (--depth === 0) return Uint8Array.from(out);
      out.push(c);
    } else out.push(c);
  }
  return null;
}

function hexString(pdf: Uint8Array, at: number, limit: number): Uint8Array | null {
  const close = pdf.indexOf(0x3e, at);
  if (close === -1 || close >= limit) return null;
  const digits = textOf(pdf.subarray(at + 1, close)).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return null;
  return hexToBytes((digits.length % 2 ? `${digits}0` : digits).toLowerCase());
}

/** A PDF text string: UTF-16BE or UTF-8 with their byte-order marks, else PDFDocEncoding (read as Latin-1). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return out;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return forge.util.decodeUtf8(textOf(bytes.subarray(3)));
    } catch {
      // Not UTF-8 after all: shown byte for byte below.
    }
  }
  return textOf(bytes);
}

/** The value of `/key` in [from, to): a string's bytes or a name, skipping same-named keys of nested dictionaries whose values are of another kind. */
function valueOf(pdf: Uint8Array, from: number, to: number, key: string, kind: 'string' | 'name'): Uint8Array | string | null {
  const needle = ascii(`/${key}`);
  for (let at = indexOfBytes(pdf, needle, from, to); at !== -1; at = indexOfBytes(pdf, needle, at + needle.length, to)) {
    let i = at + needle.length;
    const boundary = pdf[i];
    if (!(isWhite(boundary) || boundary === 0x28 || boundary === 0x3c || boundary === 0x2f)) continue;
    while (i < to && isWhite(pdf[i])) i++;
    if (kind === 'name' && pdf[i] === 0x2f) return textOf(pdf.subarray(i + 1, i + 64)).split(/[\s/<>[\]()]/)[0] ?? '';
    if (kind === 'string' && pdf[i] === 0x28) return literalString(pdf, i, Math.min(to, i + 4096));
    if (kind === 'string' && pdf[i] === 0x3c && pdf[i + 1] !== 0x3c) return hexString(pdf, i, Math.min(to, i + 8192));
  }
  return null;
}

/** A PDF date (D:YYYYMMDDHHmmSS with an optional zone). */
function pdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!m) return null;
  const zone = m[7] && m[7] !== 'Z' ? (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].replace(/'/g, '').slice(3, 5))) : 0;
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? '01') - 1, Number(m[3] ?? '01'), Number(m[4] ?? '0'), Number(m[5] ?? '0'), Number(m[6] ?? '0')) - zone * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc);
}

// ---------------------------------------------------------------- one signature

function emptyReport(index: number, byteRange: [number, number, number, number] | null, length: number): PdfSignatureReport {
  const range = byteRange ?? [0, 0, 0, 0];
  return {
    index,
    byteRange: range,
    coversWholeFile: byteRange !== null && range[2] + range[3] === length,
    signerSubjectCommonName: '',
    signerCertificatePem: '',
    signerFingerprint256: '',
    issuerCommonName: '',
    digestMatches: false,
    signatureValid: false,
    certificateValidAtSigning: false,
    problems: [],
  };
}

/** Where the signature dictionary's /Contents hex string is, if the gap of the byte range is exactly it. */
function contentsGap(pdf: Uint8Array, position: number, [a, b, c, d]: [number, number, number, number]): 'ok' | 'pdfsig.byte_range_invalid' | 'pdfsig.contents_invalid' | 'pdfsig.contents_too_large' {
  const numbers = [a, b, c, d];
  if (!numbers.every(Number.isSafeInteger) || a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length) return 'pdfsig.byte_range_invalid';
  // The /ByteRange itself must be in the signed bytes, or it could be rewritten at will.
  if (position + BYTE_RANGE.length > b && position < c) return 'pdfsig.byte_range_invalid';
  if (c - b - 2 > MAX_CONTENTS_HEX) return 'pdfsig.contents_too_large';
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return 'pdfsig.contents_invalid';
  for (let i = b + 1; i < c - 1; i++) {
    const x = pdf[i] as number;
    if (!((x >= 0x30 && x <= 0x39) || (x >= 0x61 && x <= 0x66) || (x >= 0x41 && x <= 0x46))) return 'pdfsig.contents_invalid';
  }
  if ((c - b - 2) % 2 !== 0) return 'pdfsig.contents_invalid';
  // The gap must be the value of this dictionary's /Contents: the key right before it, and no
  // object boundary between that key and this /ByteRange.
  let k = b - 1;
  while (k > 0 && isWhite(pdf[k])) k--;
  const key = k + 1 - CONTENTS.length;
  if (key < 0 || !equalBytes(pdf.subarray(key, k + 1), CONTENTS)) return 'pdfsig.contents_invalid';
  const [lo, hi] = key < position ? [c, position] : [position, key];
  if (hi - lo > 64 * 1024 || indexOfBytes(pdf, OBJ, lo, hi) !== -1) return 'pdfsig.contents_invalid';
  return 'ok';
}

function signerDetails(report: PdfSignatureReport, signer: CertificateParts): forge.pki.Certificate | null {
  const pem = forge.pem.encode({ type: 'CERTIFICATE', body: forge.util.binary.raw.encode(signer.der) }, { maxline: 64 });
  try {
    const summary = summarizeCertificate(pem);
    const cert = forge.pki.certificateFromPem(pem);
    const organization = cert.subject.getField('O') as { value?: unknown } | null;
    report.signerCertificatePem = pem;
    report.signerSubjectCommonName = summary.subject;
    report.issuerCommonName = summary.issuer;
    report.signerFingerprint256 = summary.fingerprint256;
    if (typeof organization?.value === 'string') report.signerOrganization = forge.util.decodeUtf8(organization.value);
    return cert;
  } catch {
    // forge reads RSA certificates only; anything else cannot be checked here.
    report.problems.push('pdfsig.unsupported_key');
    return null;
  }
}

function examineSignature(pdf: Uint8Array, index: number, found: Found): PdfSignatureReport {
  const report = emptyReport(index, found.byteRange, pdf.length);
  if (!found.byteRange) {
    report.problems.push('pdfsig.byte_range_invalid');
    return report;
  }
  const [, b, c, d] = found.byteRange;
  const gap = contentsGap(pdf, found.position, found.byteRange);
  if (gap !== 'ok') {
    report.problems.push(gap);
    return report;
  }

  // The signature dictionary: from the object's start to its end, as far as they can be found.
  const lo = Math.min(found.position, b);
  const objStart = lastIndexOfBytes(pdf, OBJ, lo, Math.max(0, lo - 64 * 1024));
  const objEnd = indexOfBytes(pdf, ENDOBJ, c, Math.min(pdf.length, c + 64 * 1024));
  const from = objStart === -1 ? Math.max(0, lo - 4096) : objStart;
  const to = objEnd === -1 ? Math.min(pdf.length, c + 4096) : objEnd;
  const text = (key: string): string | undefined => {
    const value = valueOf(pdf, from, to, key, 'string');
    return value instanceof Uint8Array ? decodeText(value) : undefined;
  };
  const name = text('Name');
  const reason = text('Reason');
  const location = text('Location');
  if (name) report.name = name;
  if (reason) report.reason = reason;
  if (location) report.location = location;
  const subFilter = valueOf(pdf, from, to, 'SubFilter', 'name');
  if (typeof subFilter !== 'string' || !SUPPORTED_FILTERS.includes(subFilter)) {
    report.problems.push('pdfsig.unsupported_filter');
    return report;
  }

  let cms: SignedDataParts;
  try {
    cms = parseCms(hexToBytes(textOf(pdf.subarray(b + 1, c - 1)).toLowerCase()));
  } catch (error) {
    report.problems.push(error instanceof CmsUnsupportedError ? 'pdfsig.unsupported_algorithm' : 'pdfsig.malformed_cms');
    return report;
  }
  if (!cms.algorithmsSupported) report.problems.push('pdfsig.unsupported_algorithm');

  const signed = new Uint8Array(b + d);
  signed.set(pdf.subarray(0, b), 0);
  signed.set(pdf.subarray(c, c + d), b);
  report.digestMatches = cms.messageDigest !== null && equalHashes(cms.messageDigest, sha256Bytes(signed));
  if (!report.digestMatches) report.problems.push('pdfsig.digest_mismatch');

  const mDate = text('M');
  const signingTime = cms.signingTime ?? (mDate !== undefined ? pdfDate(mDate) : null);
  if (signingTime) report.signingTime = signingTime.toISOString();

  if (!cms.signerCertificate) {
    report.problems.push('pdfsig.no_signer_certificate');
    return report;
  }
  const cert = signerDetails(report, cms.signerCertificate);
  if (!cert) return report;
  const key = cert.publicKey as forge.pki.rsa.PublicKey;
  if (key.n.bitLength() < MIN_RSA_BITS) report.problems.push('pdfsig.weak_key');
  report.signatureValid = cms.algorithmsSupported && rsaVerifySha256(key, sha256Bytes(cms.signedAttributes), cms.signature);
  if (!report.signatureValid) report.problems.push('pdfsig.bad_signature');

  if (!signingTime) report.problems.push('pdfsig.no_signing_time');
  else if (signingTime.getTime() > cert.validity.notAfter.getTime()) report.problems.push('pdfsig.certificate_expired');
  else if (signingTime.getTime() < cert.validity.notBefore.getTime()) report.problems.push('pdfsig.certificate_not_yet_valid');
  else report.certificateValidAtSigning = true;
  return report;
}

export interface PdfSignatureScan {
  isPdf: boolean;
  /** More than MAX_SIGNATURES /ByteRange entries: the rest were not examined. */
  truncated: boolean;
  signatures: PdfSignatureReport[];
}

/** Every signature in the file (at most MAX_SIGNATURES), checked on its own. */
export function examinePdfSignatures(pdf: Uint8Array): PdfSignatureScan {
  const isPdf = indexOfBytes(pdf, ascii('%PDF-'), 0, Math.min(pdf.length, 1024)) !== -1;
  if (!isPdf) return { isPdf, truncated: false, signatures: [] };
  const { found, truncated } = findByteRanges(pdf);
  const signatures = found.map((f, i) => {
    try {
      return examineSignature(pdf, i, f);
    } catch {
      // Every parser above checks its bounds; this only keeps an overlooked case from crashing the caller.
      const report = emptyReport(i, f.byteRange, pdf.length);
      report.problems.push('pdfsig.malformed_cms');
      return report;
    }
  });
  return { isPdf, truncated, signatures };
}

export function verifyPdfSignatures(pdf: Uint8Array): PdfSignatureReport[] {
  return examinePdfSignatures(pdf).signatures;
}

// ---------------------------------------------------------------- the agreement rule

const PROBLEM_TEXT: Record<string, string> = {
  'pdfsig.byte_range_invalid': 'its /ByteRange is missing, malformed or points outside the file',
  'pdfsig.contents_invalid': "the gap in its byte range is not exactly the signature dictionary's /Contents hex string",
  'pdfsig.contents_too_large': `its /Contents is larger than ${MAX_CONTENTS_HEX} hex digits`,
  'pdfsig.unsupported_filter': 'its /SubFilter is not adbe.pkcs7.detached or ETSI.CAdES.detached',
  'pdfsig.malformed_cms': 'its CMS signature cannot be read',
  'pdfsig.unsupported_algorithm': 'it uses an algorithm other than SHA-256 with RSA, or names its signer by key identifier',
  'pdfsig.no_signer_certificate': "the signer's certificate is not embedded in the signature",
  'pdfsig.unsupported_key': "the signer's certificate does not hold an RSA key",
  'pdfsig.weak_key': `the signer's RSA key is shorter than ${MIN_RSA_BITS} bits`,
  'pdfsig.digest_mismatch': 'the bytes it covers were changed after signing (message digest mismatch)',
  'pdfsig.bad_signature': "the signature does not verify with the signer certificate's key",
  'pdfsig.no_signing_time': 'it carries no signing time',
  'pdfsig.certificate_expired': "the signer's certificate had expired at the signing time",
  'pdfsig.certificate_not_yet_valid': "the signer's certificate was not yet valid at the signing time",
};

function label(report: PdfSignatureReport, role: string): string {
  return `signature ${report.index + 1} (${role}${report.signerSubjectCommonName ? `, ${report.signerSubjectCommonName}` : ''})`;
}

function fingerprintOfPem(pem: string): string | null {
  try {
    const block = forge.pem.decode(pem).find((p) => p.type === 'CERTIFICATE');
    return block ? bytesToHex(sha256Bytes(forge.util.binary.raw.decode(block.body))) : null;
  } catch {
    return null;
  }
}

/** Problems with the mediator's certificate as issued by the institution's (both as embedded). */
function chainProblems(mediator: PdfSignatureReport, institution: PdfSignatureReport): { code: string; message: string }[] {
  if (!mediator.signerCertificatePem || !institution.signerCertificatePem) {
    return [{ code: 'agreement.chain_unverifiable', message: "The chain cannot be checked: a signer's certificate is missing or unreadable." }];
  }
  const issued = certificateParts(forge.util.binary.raw.decode(forge.pem.decode(mediator.signerCertificatePem)[0]?.body ?? ''));
  const issuer = certificateParts(forge.util.binary.raw.decode(forge.pem.decode(institution.signerCertificatePem)[0]?.body ?? ''));
  if (equalBytes(issued.der, issuer.der)) {
    return [{ code: 'agreement.chain_same_certificate', message: "The mediator's and the institution's signatures are made with the same certificate." }];
  }
  const when = mediator.signingTime ? new Date(mediator.signingTime) : null;
  const found = issuanceProblems(issued, issuer, when);
  if (found.includes('other_issuer') || found.includes('bad_signature')) {
    return [{ code: 'agreement.chain_not_issued_by_institution', message: `The mediator's certificate (${mediator.signerSubjectCommonName}) was not issued by the institution's certificate (${institution.signerSubjectCommonName}).` }];
  }
  const problems: { code: string; message: string }[] = [];
  if (found.includes('issuer_not_ca')) {
    problems.push({ code: 'agreement.chain_issuer_not_ca', message: "The institution's certificate is not allowed to issue certificates (no CA basic constraint or keyCertSign usage)." });
  }
  if (found.includes('issuer_not_valid')) {
    problems.push({ code: 'agreement.chain_issuer_not_valid', message: "The institution's certificate was not valid when the mediator signed." });
  }
  return problems;
}

/** The agreement rule: exactly two signatures, mediator (first) then institution (second, covering the whole file); the mediator's certificate issued by the institution's; optionally the institution's certificate pinned to one of `trustedInstitutionPems`. */
export function verifyAgreementSignatures(pdf: Uint8Array, options: { trustedInstitutionPems?: string[] } = {}): AgreementSignatureReport {
  const { isPdf, truncated, signatures } = examinePdfSignatures(pdf);
  const problems: AgreementSignatureReport['problems'] = [];
  const report: AgreementSignatureReport = { ok: false, signatures, chainValid: false, institutionPinned: null, nothingAfterLastSignature: false, problems };
  if (!isPdf) {
    problems.push({ code: 'agreement.not_pdf', message: 'This is not a PDF file (no %PDF- header in its first 1024 bytes).' });
    return report;
  }
  // Ambiguous is invalid (shared/integrity/ambiguity.ts): named first, whatever else holds.
  const ambiguity = pdfAmbiguity(pdf);
  const ambiguous = ambiguity ? { code: 'agreement.ambiguous', message: `The file is ${englishText(ambiguity)}.`, detail: ambiguity } : null;
  // A structure that cannot be read in full is the least precise finding (bytes appended after the
  // last signature cause it too): it still refuses the file, but a more precise finding comes first.
  const unreadableOnly = ambiguity?.params.reason === 'pdf_structure_unreadable';
  if (ambiguous && !unreadableOnly) problems.push(ambiguous);
  if (truncated) problems.push({ code: 'agreement.too_many_signatures', message: `The file holds more than ${MAX_SIGNATURES} /ByteRange entries; only the first ${MAX_SIGNATURES} were examined.` });
  if (signatures.length === 0) {
    problems.push({ code: 'agreement.no_signature', message: 'The PDF carries no digital signature.' });
    return report;
  }
  if (signatures.length !== 2) {
    problems.push({ code: 'agreement.signature_count', message: `An agreement carries exactly two signatures (the mediator's, then the institution's); this file has ${truncated ? 'more than ' : ''}${signatures.length}.` });
  }
  const [mediator, institution] = signatures;
  if (mediator) report.mediator = mediator;
  if (institution) report.institution = institution;
  signatures.forEach((s, i) => {
    const role = i === 0 ? 'mediator' : i === 1 ? 'institution' : 'extra';
    for (const code of s.problems) problems.push({ code, message: `The ${label(s, role)}: ${PROBLEM_TEXT[code] ?? code}.` });
  });

  const last = signatures[signatures.length - 1] as PdfSignatureReport;
  report.nothingAfterLastSignature = last.coversWholeFile;
  if (!last.coversWholeFile) {
    const [, , c, d] = last.byteRange;
    const extra = last.problems.includes('pdfsig.byte_range_invalid') ? '' : ` (${pdf.length - c - d} bytes follow it)`;
    problems.push({ code: 'agreement.changed_after_signing', message: `The file was changed after the last signature: ${label(last, signatures.length === 2 ? 'institution' : 'last')} does not cover the whole file${extra}.` });
  }

  if (mediator && institution) {
    // The institution's update starts after the mediator's signed revision ends, so its
    // signature covers the mediator's signature too.
    if (mediator.byteRange[2] + mediator.byteRange[3] > institution.byteRange[1]) {
      problems.push({ code: 'agreement.order', message: "The institution's signature does not cover the mediator's signed revision." });
    }
    const signedEnd = mediator.byteRange[2] + mediator.byteRange[3];
    if (signedEnd <= pdf.length) {
      const { changed, opaque, ambiguity: updateAmbiguity } = changesAfterRevision(pdf, signedEnd);
      if (updateAmbiguity && !ambiguity) problems.push({ code: 'agreement.ambiguous', message: `The file is ${englishText(updateAmbiguity)}.`, detail: updateAmbiguity });
      if (opaque) problems.push({ code: 'agreement.update_opaque', message: "The update after the mediator's signature hides its objects in object or cross-reference streams, so what it changes cannot be checked." });
      if (changed.length > 0) {
        problems.push({ code: 'agreement.changed_after_mediator', message: `The update after the mediator's signature changes what was signed, not only adding the institution's signature: ${changed.slice(0, 5).join('; ')}.` });
      }
    }
    let chain: { code: string; message: string }[];
    try {
      chain = chainProblems(mediator, institution);
    } catch {
      chain = [{ code: 'agreement.chain_unverifiable', message: "The chain cannot be checked: a signer's certificate cannot be read." }];
    }
    report.chainValid = chain.length === 0;
    problems.push(...chain);
  }

  if (options.trustedInstitutionPems) {
    const trusted = new Set(options.trustedInstitutionPems.map(fingerprintOfPem).filter((f): f is string => f !== null));
    const actual = institution?.signerCertificatePem ? fingerprintOfPem(institution.signerCertificatePem) : null;
    report.institutionPinned = actual !== null && trusted.has(actual);
    if (!report.institutionPinned) {
      problems.push({ code: 'agreement.institution_not_pinned', message: `The institution's certificate${institution?.signerSubjectCommonName ? ` (${institution.signerSubjectCommonName})` : ''} is not one of the trusted institution certificates given.` });
    }
  }
  if (ambiguous && unreadableOnly) problems.push(ambiguous);
  report.ok = problems.length === 0;
  return report;
}
