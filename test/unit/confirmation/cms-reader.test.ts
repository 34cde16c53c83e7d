// One CMS reader (shared/pkix/cms.ts) for the agreement's PDF signatures and the package's JSON
// signatures: the same bytes read the same way, the PDF placeholder's zero padding accepted only
// where a PDF puts it, and one issuance check for every chain.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDetachedCms } from '../../../shared/agreement/pdf-signature/sign';
import { readCertificate, pemCertificates, verifyDetachedCms, issuanceProblem } from '../../../shared/confirmation/cms';
import { parseDetachedSignedData } from '../../../shared/pkix/cms';
import { DerError } from '../../../shared/pkix/der';
import { issuanceProblems } from '../../../shared/pkix/issuer';
import { utf8ToBytes } from '../../../shared/ledger/hash';
import { makeInstitution, makeMediator, type TestSigner } from '../agreement/pdf-signature-fixtures';

let institution: TestSigner;
let mediator: TestSigner;
let cms: Uint8Array;
const content = utf8ToBytes('{"packageId":"pkg-1"}');
const when = new Date('2026-03-05T02:00:00Z');

beforeAll(async () => {
  institution = await makeInstitution();
  mediator = await makeMediator(institution);
  cms = await buildDetachedCms(content, { certificatePem: mediator.certificatePem, chainPems: [institution.certificatePem], sign: mediator.sign }, when);
});

const cert = (pem: string) => readCertificate(pemCertificates(pem)[0]!);

describe('the shared CMS reader', () => {
  it('reads the signer, its attributes and the carried certificates', () => {
    const parts = parseDetachedSignedData(cms, { zeroPadded: false });
    expect(parts.certificates).toHaveLength(2);
    expect(parts.signerCertificate?.der).toEqual(cert(mediator.certificatePem).der);
    expect(parts).toMatchObject({ algorithmsSupported: true, contentTypeIsData: true, signingTime: when });
    expect(verifyDetachedCms(cms, content)).toMatchObject({ ok: true, problem: null });
  });

  it('accepts zero padding after the CMS only where a PDF placeholder puts it', () => {
    const padded = new Uint8Array(cms.length + 64);
    padded.set(cms);
    expect(parseDetachedSignedData(padded, { zeroPadded: true }).signature).toEqual(parseDetachedSignedData(cms, { zeroPadded: false }).signature);
    expect(() => parseDetachedSignedData(padded, { zeroPadded: false })).toThrow(DerError);
    padded[padded.length - 1] = 1;
    expect(() => parseDetachedSignedData(padded, { zeroPadded: true })).toThrow('data after the signature');
    expect(verifyDetachedCms(padded, content).problem).toContain('cannot be read as a CMS signature (data after the signature)');
  });

  it('checks issuance once: name, signature, CA rights and validity', async () => {
    const stranger = await makeInstitution('冒名调解委员会');
    expect(issuanceProblems(cert(mediator.certificatePem), cert(institution.certificatePem), when)).toEqual([]);
    expect(issuanceProblems(cert(mediator.certificatePem), cert(institution.certificatePem), new Date('2020-01-01T00:00:00Z'))).toEqual(['issuer_not_valid']);
    // The mediator's certificate is not a CA: what it "issued" fails on its rights even with a matching name.
    expect(issuanceProblems(cert(mediator.certificatePem), cert(mediator.certificatePem), when)).toEqual(['other_issuer']);
    // Same name, other key: the signature decides.
    expect(issuanceProblems(cert(mediator.certificatePem), cert(stranger.certificatePem), when)).toEqual(['other_issuer']);
    const twin = await makeInstitution();
    expect(issuanceProblem(cert(mediator.certificatePem), cert(twin.certificatePem), when)).toBe("its signature does not verify with the issuer's key");
  });
});
