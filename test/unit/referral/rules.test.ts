// The referral's rules before signing and the moves of its states.
import { describe, expect, it } from 'vitest';
import { checkDecline, checkReferralDraft, mayMove, REFERRAL_STATUSES, statusAfterAnswer, type ReferralDraft } from '../../../shared/referral';
import { PARTIES, referralOf, TODAY } from './fixtures';

const base = referralOf();
const draft = (over: Partial<ReferralDraft> = {}): ReferralDraft => ({
  ...{ kind: base.kind, receiverName: base.receiver.name, receiverCreditCode: '', category: base.category, categoryFields: base.categoryFields },
  ...{ claims: base.claims, amountYuan: '', facts: base.facts, parties: PARTIES.map((p) => ({ ...p })) },
  ...{ consentGiven: true, consentMethod: 'written', deadline: '', courtReference: '' },
  ...over,
});

const codes = (d: ReferralDraft) => checkReferralDraft(d, TODAY).map((e) => `${e.path.join('.')}:${e.code}`);

describe('a referral before it is signed', () => {
  it('passes when complete', () => expect(codes(draft())).toEqual([]));
  it('is refused without the person’s consent', () => expect(codes(draft({ consentGiven: false }))).toEqual(['consentGiven:referral.consent_required']));
  it('names an invalid ID number or phone as the case intake would', () => {
    const parties = [{ ...PARTIES[0], idNumber: '340202199001011234', phone: '1380013800' }, { ...PARTIES[1] }];
    expect(codes(draft({ parties }))).toEqual(['parties.0.idNumber:id.checksum', 'parties.0.phone:phone.invalid']);
  });
  it('needs a receiver, and a court its deadline after today within 90 days', () => {
    expect(codes(draft({ receiverName: ' ' }))).toEqual(['receiverName:required']);
    expect(codes(draft({ kind: 'court_entrusted' }))).toEqual(['deadline:required']);
    expect(codes(draft({ kind: 'court_entrusted', deadline: TODAY }))).toEqual(['deadline:referral.deadline_range']);
    expect(codes(draft({ kind: 'court_entrusted', deadline: '2027-06-01' }))).toEqual(['deadline:referral.deadline_range']);
    expect(codes(draft({ kind: 'court_entrusted', deadline: '2026-12-20' }))).toEqual([]);
  });
  it('needs both sides and a category', () => {
    expect(codes(draft({ parties: [{ ...PARTIES[0] }], category: '', categoryFields: {} }))).toEqual(['parties:case.no_respondent', 'category:required']);
  });
});

describe('the states of a referral', () => {
  it('moves only forward, and a decided one stays decided', () => {
    expect(mayMove('received', 'accepted')).toBe(true);
    expect(mayMove('received', 'declined')).toBe(true);
    expect(mayMove('declined', 'accepted')).toBe(false);
    expect(mayMove('accepted', 'declined')).toBe(false);
    expect(mayMove('accepted', 'terminated')).toBe(true);
    for (const s of ['declined', 'terminated', 'agreement_reached'] as const) for (const to of REFERRAL_STATUSES) expect(mayMove(s, to)).toBe(false);
  });
  it('takes an answer that follows, and refuses one that does not', () => {
    expect(statusAfterAnswer('sent', 'referral', 'accepted')).toBe('accepted');
    expect(statusAfterAnswer('accepted', 'referral', 'accepted')).toBeNull();
    expect(statusAfterAnswer('accepted', 'referral', 'terminated')).toBeNull();
    expect(statusAfterAnswer('accepted', 'court_entrusted', 'terminated')).toBe('terminated');
    expect(statusAfterAnswer('sent', 'court_entrusted', 'agreement_reached')).toBe('agreement_reached');
    expect(statusAfterAnswer('declined', 'court_entrusted', 'terminated')).toBeNull();
  });
  it('declines only with a reason', () => {
    expect(checkDecline('  ')).toEqual([{ path: ['reason'], code: 'referral.reason_required' }]);
    expect(checkDecline('不属于本委员会受理范围')).toEqual([]);
  });
});
