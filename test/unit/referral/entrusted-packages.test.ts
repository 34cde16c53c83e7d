// Which confirmation packages a court received belong to a dispute it entrusted (委派调解): named by
// the answer's package SHA-256, or from the answering institution for the case the answer names;
// a package of a dispute the court did not entrust, of another institution or another case, none.
import { describe, expect, it } from 'vitest';
import { courtFilingSchema, filingIdOf, type CourtFiling } from '../../../shared/confirmation/court/filing';
import type { ReferralAnswer } from '../../../shared/referral';
import { belongsToEntrustment, entrustmentOfPackage, packagesOfEntrustment } from '../../../renderer/features/referrals/entrusted-packages';
import type { ReferralRecord } from '../../../renderer/features/referrals/kinds';
import { NOW, referralOf } from './fixtures';

const COMMITTEE = { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJB123456X' };
const OTHER = { name: '芜湖市弋江区人民调解委员会', creditCode: '51340203MJB654321Y' };
const sha = (c: string) => c.repeat(64);

function entrustment(answer: Partial<ReferralAnswer> | null, over: Partial<ReferralRecord> = {}): ReferralRecord {
  const referral = referralOf({ kind: 'court_entrusted', sender: { name: '芜湖市镜湖区人民法院', creditCode: '', kind: 'court' }, deadline: '2026-12-20' });
  const full: ReferralAnswer | null = answer && {
    format: 'mw-referral-answer/1',
    referralId: referral.id,
    referralSha256: sha('a'),
    answerer: COMMITTEE,
    answer: 'accepted',
    reason: '',
    caseNumber: '（2026）芜解字第7号',
    termination: null,
    agreement: null,
    issuedAt: NOW.toISOString(),
    ...answer,
  };
  return {
    id: referral.id,
    direction: 'outgoing',
    referral,
    jsonSha256: sha('a'),
    fileSha256: sha('b'),
    signer: null,
    status: full ? (full.answer === 'agreement_reached' ? 'agreement_reached' : 'accepted') : 'sent',
    caseId: null,
    answer: full,
    answerFileSha256: full ? sha('c') : null,
    answerSigner: full ? { name: COMMITTEE.name, fingerprint256: sha('d') } : null,
    at: NOW.toISOString(),
    by: { id: 'u1', name: '孙书记' },
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

function filing(packageSha256: string, caseNumber: string, institution: { name: string; creditCode: string }, receivedAt = NOW.toISOString()): CourtFiling {
  return courtFilingSchema.parse({
    id: filingIdOf(packageSha256),
    side: 'court',
    caseId: 'case-1',
    packageSha256,
    size: 1000,
    fileName: 'package.zip',
    receivedAt,
    receivedBy: { id: 'u1', name: '孙书记' },
    verdict: 'verified',
    checks: [],
    badFiles: [],
    unusableReason: null,
    package: {
      packageId: `pkg-${packageSha256.slice(0, 6)}`,
      createdAt: receivedAt,
      caseNumber,
      category: 'NBR',
      court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
      jurisdiction: 'entrusting_court',
      institution: { ...institution, subject: null, fingerprint256: null, pinned: null },
      parties: [],
      agreementEffectiveOn: '2026-11-25',
      confirmationDeadline: '2026-12-25',
      agreementSha256: null,
      files: 3,
      bytes: 1000,
      supersedes: null,
    },
    clock: { receivedOn: receivedAt.slice(0, 10), acceptedOn: null, refusedOn: null, extended: false, decidedOn: null },
    docketNumber: null,
    refusal: null,
    supplements: [],
    ruling: null,
    receipt: null,
    updatedAt: receivedAt,
    rev: 0,
  });
}

describe('the packages of an entrusted dispute', () => {
  const ours = filing(sha('1'), '（2026）芜解字第7号', COMMITTEE);

  it('links a package from the answering institution for the case the acceptance named', () => {
    expect(belongsToEntrustment(entrustment({}), ours)).toBe(true);
  });

  it('links the package the agreement answer names by its SHA-256, whatever its case number says', () => {
    const named = filing(sha('2'), '（2026）芜解字第99号', COMMITTEE);
    const answer = { answer: 'agreement_reached' as const, agreement: { effectiveOn: '2026-11-25', packageId: 'pkg-222222', packageSha256: sha('2') } };
    expect(belongsToEntrustment(entrustment(answer), named)).toBe(true);
    expect(belongsToEntrustment(entrustment({}), named)).toBe(false);
  });

  it('links nothing before an answer names the case, nor another case, nor another institution', () => {
    expect(belongsToEntrustment(entrustment(null), ours)).toBe(false);
    expect(belongsToEntrustment(entrustment({}), filing(sha('3'), '（2026）芜解字第8号', COMMITTEE))).toBe(false);
    expect(belongsToEntrustment(entrustment({}), filing(sha('4'), '（2026）芜解字第7号', OTHER))).toBe(false);
  });

  it('matches by name when a credit code is missing on either side', () => {
    const noCode = filing(sha('5'), '（2026）芜解字第7号', { name: COMMITTEE.name, creditCode: '' });
    expect(belongsToEntrustment(entrustment({}), noCode)).toBe(true);
    expect(belongsToEntrustment(entrustment({ answerer: { name: OTHER.name, creditCode: '' } }), noCode)).toBe(false);
  });

  it('links only a court’s entrustment sent from here: not a plain referral, not one received', () => {
    const plain = entrustment({});
    expect(belongsToEntrustment({ ...plain, referral: referralOf() }, ours)).toBe(false);
    expect(belongsToEntrustment({ ...plain, direction: 'incoming' }, ours)).toBe(false);
  });

  it('lists an entrustment’s packages newest first and finds a package’s entrustment (none for a package not entrusted)', () => {
    const later = filing(sha('6'), '（2026）芜解字第7号', COMMITTEE, '2026-11-22T02:00:00.000Z');
    const stranger = filing(sha('7'), '（2026）芜解字第12号', OTHER);
    const record = entrustment({});
    expect(packagesOfEntrustment(record, [ours, stranger, later]).map((f) => f.packageSha256)).toEqual([sha('6'), sha('1')]);
    expect(entrustmentOfPackage(ours, [entrustment(null, { id: 'other' }), record])).toBe(record);
    expect(entrustmentOfPackage(stranger, [record])).toBeNull();
  });
});
