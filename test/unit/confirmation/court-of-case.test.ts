// Which court a case's confirmation goes to: the court that entrusted the dispute, else the one in
// the institution's settings; the settings' court code only for that same court.
import { describe, expect, it } from 'vitest';
import { confirmationCourt } from '../../../shared/confirmation/court-of-case';

const settings = { name: '芜湖市镜湖区人民法院', code: '皖0202' };
const entrusted = (sender: string) => ({ referralId: 'r-1', kind: 'court_entrusted' as const, sender, senderFingerprint256: 'a'.repeat(64) });

describe('confirmationCourt', () => {
  it("sends a case of the institution's own to the court of its settings", () => {
    expect(confirmationCourt(undefined, settings)).toEqual(settings);
    expect(confirmationCourt({ ...entrusted('某公共法律服务中心'), kind: 'referral' }, settings)).toEqual(settings);
    expect(confirmationCourt(undefined, undefined)).toEqual({ name: '', code: '' });
  });

  it('sends a court-entrusted dispute back to the court that entrusted it, with a code only when it is the same court', () => {
    expect(confirmationCourt(entrusted('芜湖市镜湖区人民法院'), settings)).toEqual(settings);
    expect(confirmationCourt(entrusted('芜湖市弋江区人民法院'), settings)).toEqual({ name: '芜湖市弋江区人民法院', code: '' });
    expect(confirmationCourt(entrusted('芜湖市弋江区人民法院'), undefined)).toEqual({ name: '芜湖市弋江区人民法院', code: '' });
  });
});
