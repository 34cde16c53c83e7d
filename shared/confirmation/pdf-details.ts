// The PDF signature verifier (shared/agreement/pdf-signature) names its problems by code with an
// English sentence; the package report needs them as details, so that the clerk reads them in the
// app's language. The values come from the signature reports themselves; a code the verifier adds
// later, and this table does not know yet, is shown with the verifier's own sentence.
import { MAX_CONTENTS_HEX, MAX_SIGNATURES, type AgreementSignatureReport, type PdfSignatureReport } from '../agreement/pdf-signature/verify';
import { MIN_RSA_BITS } from '../pkix/rsa';
import { detail, type CheckDetail, type DetailParams } from './check-detail';

/** One signature's problems (PdfSignatureReport.problems less their `pdfsig.` prefix), each the text `pdf.<problem>`. */
const SIGNATURE_PROBLEMS = [
  'byte_range_invalid', 'contents_invalid', 'contents_too_large', 'unsupported_filter', 'malformed_cms', 'unsupported_algorithm', 'no_signer_certificate',
  'unsupported_key', 'weak_key', 'digest_mismatch', 'bad_signature', 'no_signing_time', 'certificate_expired', 'certificate_not_yet_valid',
] as const;
type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

/** The values the texts of some of them name. */
const SIGNATURE_PARAMS: Partial<Record<SignatureProblem, DetailParams>> = { contents_too_large: { max: MAX_CONTENTS_HEX }, weak_key: { bits: MIN_RSA_BITS } };

/** Who made a signature: its common name, else the start of its certificate's fingerprint. */
export function signerOf(s: Pick<PdfSignatureReport, 'signerSubjectCommonName' | 'signerFingerprint256'>): string {
  return s.signerSubjectCommonName || s.signerFingerprint256.slice(0, 16) || '?';
}

function signatureProblem(code: string): CheckDetail {
  const known = SIGNATURE_PROBLEMS.find((problem) => `pdfsig.${problem}` === code);
  return known ? detail(`pdf.${known}`, SIGNATURE_PARAMS[known]) : detail('pdf.other', { message: code });
}

/** "signature n (who): …" with each of the problems the signature has. */
export function signatureProblems(s: PdfSignatureReport, codes: readonly string[] = s.problems): CheckDetail {
  return detail('pdf.signature', { n: s.index + 1, who: signerOf(s) }, codes.map(signatureProblem));
}

/** The agreement rule's problems (AgreementSignatureReport.problems), from the report's values. */
function agreementRuleProblem(report: AgreementSignatureReport, problem: AgreementSignatureReport['problems'][number]): CheckDetail {
  const last = report.signatures.at(-1);
  const name = (s: PdfSignatureReport | undefined) => (s ? signerOf(s) : '?');
  switch (problem.code) {
    case 'agreement.ambiguous':
      return problem.detail ?? detail('pdf.other', { message: problem.message.replace(/\.$/, '') });
    case 'agreement.not_pdf':
      return detail('pdf.not_pdf');
    case 'agreement.too_many_signatures':
      return detail('pdf.too_many_signatures', { max: MAX_SIGNATURES });
    case 'agreement.no_signature':
      return detail('pdf.no_signature');
    case 'agreement.signature_count':
      return detail('pdf.signature_count', { found: report.signatures.length });
    case 'agreement.changed_after_signing':
      return detail('pdf.changed_after_signing', { n: last ? last.index + 1 : '?', who: name(last) });
    case 'agreement.order':
      return detail('pdf.order');
    case 'agreement.update_opaque':
      return detail('pdf.update_opaque');
    case 'agreement.changed_after_mediator':
      // The objects that changed are named only in the verifier's sentence, after its colon.
      return detail('pdf.changed_after_mediator', { changes: problem.message.split(': ').slice(1).join(': ').replace(/\.$/, '') });
    case 'agreement.chain_unverifiable':
      return detail('pdf.chain_unverifiable');
    case 'agreement.chain_same_certificate':
      return detail('pdf.chain_same_certificate');
    case 'agreement.chain_not_issued_by_institution':
      return detail('pdf.chain_not_issued_by_institution', { mediator: name(report.mediator), institution: name(report.institution) });
    case 'agreement.chain_issuer_not_ca':
      return detail('pdf.chain_issuer_not_ca');
    case 'agreement.chain_issuer_not_valid':
      return detail('pdf.chain_issuer_not_valid');
    case 'agreement.institution_not_pinned':
      return detail('pdf.institution_not_pinned', { who: name(report.institution) });
    default:
      return detail('pdf.other', { message: problem.message.replace(/\.$/, '') });
  }
}

/** The first problem of an agreement's signatures, which is what the package report names. */
export function firstAgreementProblem(report: AgreementSignatureReport): CheckDetail {
  const first = report.problems[0];
  if (!first) return detail('pdf.bad_signature');
  const signature = first.code.startsWith('pdfsig.') ? report.signatures.find((s) => s.problems.includes(first.code)) : undefined;
  return signature ? signatureProblems(signature, [first.code]) : agreementRuleProblem(report, first);
}
