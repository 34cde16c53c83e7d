import { describe, expect, it } from 'vitest';
import {
  activeDeadline,
  addDays,
  confirmationDeadline,
  daysBetween,
  deadlineState,
  isIsoDate,
  mediationDeadline,
  todayIn,
  checkMediationExtension,
  MAX_EXTENSION_DAYS,
} from '../../../shared/domain/deadlines';

const settings = { mediationLimitDays: 30, courtEntrustedLimitDays: 30 };

describe('calendar arithmetic', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-22', 0)).toBe('2026-11-22');
  });

  it('knows leap years, including the century rules', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('counts signed days', () => {
    expect(daysBetween('2026-11-22', '2026-11-22')).toBe(0);
    expect(daysBetween('2026-11-22', '2026-12-22')).toBe(30);
    expect(daysBetween('2026-12-22', '2026-11-22')).toBe(-30);
  });

  it('recognises real dates only and throws on malformed input', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('deadlines', () => {
  it('gives the mediation limit by source', () => {
    const s = { mediationLimitDays: 30, courtEntrustedLimitDays: 20 };
    expect(mediationDeadline('2026-01-31', 'walk_in', s)).toBe('2026-03-02');
    expect(mediationDeadline('2026-01-31', 'court_entrusted', s)).toBe('2026-02-20');
    expect(mediationDeadline('2028-02-01', 'hotline_12345', settings)).toBe('2028-03-02');
  });

  it('gives the confirmation window of 30 days, the first day not counted', () => {
    expect(confirmationDeadline('2026-01-01')).toBe('2026-01-31');
    expect(confirmationDeadline('2026-02-01')).toBe('2026-03-03');
    expect(confirmationDeadline('2028-02-01')).toBe('2028-03-02');
    expect(confirmationDeadline('2026-12-15')).toBe('2027-01-14');
  });

  it('picks the deadline that runs in each status', () => {
    const c = { mediationDeadline: '2026-12-01', confirmationDeadline: '2026-12-31' };
    expect(activeDeadline({ ...c, status: 'registered' })).toBeNull();
    expect(activeDeadline({ ...c, status: 'accepted' })).toBe('2026-12-01');
    expect(activeDeadline({ ...c, status: 'in_mediation' })).toBe('2026-12-01');
    expect(activeDeadline({ ...c, status: 'agreement_reached' })).toBe('2026-12-31');
    expect(activeDeadline({ ...c, status: 'confirmation_applied' })).toBeNull();
    expect(activeDeadline({ ...c, status: 'archived' })).toBeNull();
  });

  it('grades urgency', () => {
    expect(deadlineState(null, '2026-11-22', 5)).toBe('none');
    expect(deadlineState('2026-12-01', '2026-11-22', 5)).toBe('ok');
    expect(deadlineState('2026-11-27', '2026-11-22', 5)).toBe('warning');
    expect(deadlineState('2026-11-28', '2026-11-22', 5)).toBe('ok');
    expect(deadlineState('2026-11-22', '2026-11-22', 5)).toBe('due_today');
    expect(deadlineState('2026-11-21', '2026-11-22', 5)).toBe('overdue');
    expect(deadlineState('2026-11-23', '2026-11-22', 0)).toBe('ok');
  });

  it("computes today in Shanghai whatever the machine's zone", () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-01-31T15:59:59Z'))).toBe('2026-01-31');
    expect(todayIn('Asia/Shanghai', new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
    expect(todayIn('Asia/Shanghai', new Date('2027-12-31T20:00:00Z'))).toBe('2028-01-01');
  });
});

describe('extending the mediation time limit', () => {
  const running = { status: 'in_mediation', mediationDeadline: '2026-03-31' } as const;

  it('moves the limit on by whole days from the current limit', () => {
    expect(checkMediationExtension(running, 15, '双方当事人于 3 月 25 日当面同意')).toEqual({ ok: true, deadline: '2026-04-15' });
    expect(checkMediationExtension({ ...running, status: 'accepted' }, MAX_EXTENSION_DAYS, '同意')).toMatchObject({ ok: true });
  });

  it('needs a running limit, a sensible number of days and the recorded agreement', () => {
    expect(checkMediationExtension({ status: 'agreement_reached', mediationDeadline: '2026-03-31' }, 10, '同意')).toEqual({ ok: false, errors: [{ path: [], code: 'deadline.not_running' }] });
    expect(checkMediationExtension({ status: 'in_mediation', mediationDeadline: null }, 10, '同意')).toMatchObject({ ok: false });
    const bad = checkMediationExtension(running, 0.5, '  ');
    expect(bad).toEqual({
      ok: false,
      errors: [
        { path: ['days'], code: 'deadline.extension_days', params: { max: MAX_EXTENSION_DAYS } },
        { path: ['reason'], code: 'deadline.extension_reason' },
      ],
    });
    expect(checkMediationExtension(running, MAX_EXTENSION_DAYS + 1, '同意')).toMatchObject({ ok: false });
  });
});
