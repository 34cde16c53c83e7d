// The referral file: signed by the sender, read back verified (registered or not, with the
// fingerprint to compare), refused with what is wrong when forged, altered or signed by another;
// the answer file tied to the very referral it answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { openZipBytes, zipBytes } from '../../../shared/archive';
import { bytesToHex, sha256Bytes } from '../../../shared/ledger/hash';
import { certificateFingerprints } from '../../../shared/confirmation/trust';
import { readAnswerFile, readReferralFile, referralSchema, signAnswer, signReferral, type ReferralAnswer } from '../../../shared/referral';
import { makeInstitution, signingKey, type TestSigner } from '../agreement/pdf-signature-fixtures';
import { NOW, referralOf } from './fixtures';

let hall: TestSigner;
let other: TestSigner;
let committee: TestSigner;

beforeAll(async () => {
  hall = await makeInstitution('芜湖市镜湖区公共法律服务中心');
  other = await makeInstitution('某冒名机构');
  committee = await makeInstitution('芜湖市镜湖区人民调解委员会');
});

function entries(bytes: Uint8Array): Record<string, Uint8Array> {
  const zip = openZipBytes(bytes);
  return Object.fromEntries(zip.files.map((e) => [e.name, zip.read(e)]));
}

const rezip = (files: Record<string, Uint8Array>) => zipBytes(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { level: 0 }]])));

describe('the referral file', () => {
  it('reads back what was signed; unverified until the sender is registered, with its fingerprint to compare', async () => {
    const signed = await signReferral(referralOf(), signingKey(hall), NOW);
    const unregistered = readReferralFile(signed.bytes, new Set());
    expect(unregistered.problems).toEqual([]);
    expect(unregistered.ok).toBe(true);
    expect(unregistered.registered).toBe(false);
    expect(unregistered.value).toEqual(referralOf());
    const fingerprint = [...certificateFingerprints([hall.certificatePem])][0]!;
    expect(unregistered.signer).toMatchObject({ name: '芜湖市镜湖区公共法律服务中心', fingerprint256: fingerprint });
    expect(unregistered.jsonSha256).toBe(signed.jsonSha256);
    expect(readReferralFile(signed.bytes, new Set([fingerprint])).registered).toBe(true);
  });

  it('refuses an altered file, naming what is wrong', async () => {
    const signed = await signReferral(referralOf(), signingKey(hall), NOW);
    const files = entries(signed.bytes);
    const text = new TextDecoder().decode(files['referral.json']).replace('王堃', '王坤');
    const altered = readReferralFile(rezip({ ...files, 'referral.json': new TextEncoder().encode(text) }), new Set());
    expect(altered.ok).toBe(false);
    expect(altered.problems.map((p) => p.key)).toContain('referral_file.signature');
  });

  it('refuses a file signed by someone other than the institution it names', async () => {
    const forged = await signReferral(referralOf(), signingKey(other), NOW);
    const read = readReferralFile(forged.bytes, new Set([...certificateFingerprints([other.certificatePem])]));
    expect(read.ok).toBe(false);
    expect(read.registered).toBe(false);
    expect(read.problems).toEqual([{ key: 'referral_file.signer_not_sender', params: { sender: '芜湖市镜湖区公共法律服务中心', signer: '某冒名机构' } }]);
  });

  it('refuses what is no referral file: not a zip, a missing signature, an extra entry', async () => {
    expect(readReferralFile(new TextEncoder().encode('not a zip'), new Set()).problems.map((p) => p.key)).toEqual(['referral_file.unreadable']);
    const files = entries((await signReferral(referralOf(), signingKey(hall), NOW)).bytes);
    expect(readReferralFile(rezip({ 'referral.json': files['referral.json']! }), new Set()).problems.map((p) => p.key)).toEqual(['referral_file.missing_entry']);
    expect(readReferralFile(rezip({ ...files, 'run.exe': new Uint8Array([1]) }), new Set()).problems.map((p) => p.key)).toEqual(['referral_file.unexpected_entry']);
  });

  it('cannot be made without the consent, nor court-entrusted without a deadline or by anyone but a court', async () => {
    expect(referralSchema.safeParse({ ...referralOf(), consent: { ...referralOf().consent, given: false } }).success).toBe(false);
    expect(referralSchema.safeParse(referralOf({ kind: 'court_entrusted', sender: { name: '某法院', creditCode: '', kind: 'court' } })).success).toBe(false);
    expect(referralSchema.safeParse(referralOf({ kind: 'court_entrusted', deadline: '2026-12-20' })).success).toBe(false);
    expect(referralSchema.safeParse(referralOf({ kind: 'court_entrusted', deadline: '2026-12-20', sender: { name: '某法院', creditCode: '', kind: 'court' } })).success).toBe(true);
    await expect(signReferral({ ...referralOf(), deadline: 'soon' } as never, signingKey(hall), NOW)).rejects.toThrow();
  });
});

describe('the answer file', () => {
  async function sent() {
    const signed = await signReferral(referralOf(), signingKey(hall), NOW);
    return { id: signed.value.id, jsonSha256: signed.jsonSha256, receiverName: '芜湖市镜湖区人民调解委员会' };
  }
  const answer = (s: { id: string; jsonSha256: string }, over: Partial<ReferralAnswer> = {}): ReferralAnswer => ({
    format: 'mw-referral-answer/1',
    referralId: s.id,
    referralSha256: s.jsonSha256,
    answerer: { name: '芜湖市镜湖区人民调解委员会', creditCode: '' },
    answer: 'accepted',
    reason: '',
    caseNumber: '（2026）镜调字第00001号',
    termination: null,
    agreement: null,
    issuedAt: NOW.toISOString(),
    ...over,
  });

  it('is read when it answers this referral and comes from its receiver', async () => {
    const s = await sent();
    const file = await signAnswer(answer(s), signingKey(committee), NOW, null);
    const read = readAnswerFile(file.bytes, s, new Set());
    expect(read.problems).toEqual([]);
    expect(read.value?.answer).toBe('accepted');
  });

  it('is refused for another referral, from another institution, or with a PDF other than the one it names', async () => {
    const s = await sent();
    const elsewhere = await signAnswer(answer({ ...s, jsonSha256: '0'.repeat(64) }), signingKey(committee), NOW, null);
    expect(readAnswerFile(elsewhere.bytes, s, new Set()).problems.map((p) => p.key)).toEqual(['referral_file.answer_mismatch']);
    const byOther = await signAnswer(answer(s, { answerer: { name: '某冒名机构', creditCode: '' } }), signingKey(other), NOW, null);
    expect(readAnswerFile(byOther.bytes, s, new Set()).problems.map((p) => p.key)).toEqual(['referral_file.not_receiver']);
    const pdf = new TextEncoder().encode('%PDF-1.7 termination');
    const termination = { endedOn: '2026-12-01', reason: 'party_refused' as const, partyName: '刘䶮', explanation: '被申请人拒绝继续调解。', paths: ['litigation' as const], materials: ['termination_record' as const], pdfSha256: bytesToHex(sha256Bytes(pdf)) };
    const terminated = answer(s, { answer: 'terminated', termination });
    const good = await signAnswer(terminated, signingKey(committee), NOW, pdf);
    expect(readAnswerFile(good.bytes, s, new Set()).problems).toEqual([]);
    const swapped = await signAnswer(terminated, signingKey(committee), NOW, new TextEncoder().encode('%PDF-1.7 something else'));
    expect(readAnswerFile(swapped.bytes, s, new Set()).problems.map((p) => p.key)).toEqual(['referral_file.pdf_mismatch']);
  });

  it('declines only with a reason, and names the case unless it declines', async () => {
    const s = await sent();
    await expect(signAnswer(answer(s, { answer: 'declined', caseNumber: null }), signingKey(committee), NOW, null)).rejects.toThrow();
    await expect(signAnswer(answer(s, { answer: 'declined', reason: '不属于本委员会受理范围' }), signingKey(committee), NOW, null)).rejects.toThrow();
    const ok = await signAnswer(answer(s, { answer: 'declined', reason: '不属于本委员会受理范围', caseNumber: null }), signingKey(committee), NOW, null);
    expect(readAnswerFile(ok.bytes, s, new Set()).value?.reason).toBe('不属于本委员会受理范围');
  });
});
