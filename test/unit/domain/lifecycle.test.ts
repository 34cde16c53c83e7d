import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/model';
import { REASON_REQUIRED, TRANSITIONS, checkTransition, isClosed, isOpen, nextStatuses } from '../../../shared/domain/lifecycle';

const today = '2026-11-22';
const EDGES: [CaseStatus, CaseStatus][] = [
  ['registered', 'accepted'],
  ['registered', 'declined'],
  ['accepted', 'in_mediation'],
  ['accepted', 'withdrawn'],
  ['in_mediation', 'agreement_reached'],
  ['in_mediation', 'failed'],
  ['in_mediation', 'withdrawn'],
  ['agreement_reached', 'confirmation_applied'],
  ['agreement_reached', 'archived'],
  ['confirmation_applied', 'confirmed'],
  ['confirmation_applied', 'rejected'],
  ['declined', 'archived'],
  ['failed', 'archived'],
  ['withdrawn', 'archived'],
  ['confirmed', 'archived'],
  ['rejected', 'archived'],
];

describe('case lifecycle', () => {
  it('has exactly the edges of the issue', () => {
    const actual = CASE_STATUSES.flatMap((from) => nextStatuses(from).map((to) => [from, to]));
    expect(actual.sort()).toEqual([...EDGES].sort());
    expect(nextStatuses('archived')).toEqual([]);
  });

  it.each(EDGES)('allows %s → %s with what it needs', (from, to) => {
    const ctx = { today, reason: '当事人撤回申请', agreementEffectiveOn: '2026-11-20' };
    expect(checkTransition(from, to, ctx)).toEqual({ ok: true });
  });

  it('refuses every move that is not an edge, naming from and to', () => {
    let refused = 0;
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        if (TRANSITIONS[from].includes(to)) continue;
        expect(checkTransition(from, to, { today, reason: 'x', agreementEffectiveOn: today })).toEqual({
          ok: false,
          code: 'lifecycle.illegal',
          params: { from, to },
        });
        refused += 1;
      }
    }
    expect(refused).toBe(CASE_STATUSES.length ** 2 - EDGES.length);
    expect(checkTransition('registered', 'confirmed', { today })).toMatchObject({ code: 'lifecycle.illegal' });
    expect(checkTransition('archived', 'registered', { today })).toMatchObject({ code: 'lifecycle.illegal' });
    expect(checkTransition('in_mediation', 'in_mediation', { today })).toMatchObject({ code: 'lifecycle.illegal' });
  });

  it('requires a reason to decline, fail, withdraw or reject', () => {
    expect(REASON_REQUIRED).toEqual(['declined', 'failed', 'withdrawn', 'rejected']);
    for (const [from, to] of EDGES.filter(([, to]) => REASON_REQUIRED.includes(to))) {
      expect(checkTransition(from, to, { today })).toEqual({ ok: false, code: 'lifecycle.reason_required', params: { to } });
      expect(checkTransition(from, to, { today, reason: '   ' })).toMatchObject({ code: 'lifecycle.reason_required' });
    }
  });

  it('refuses confirmation after the 30-day window, naming the deadline', () => {
    const ctx = { agreementEffectiveOn: '2026-10-01' };
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, today: '2026-10-31' })).toEqual({ ok: true });
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, today: '2026-11-01' })).toEqual({
      ok: false,
      code: 'lifecycle.confirmation_window',
      params: { deadline: '2026-10-31' },
    });
    // A stored deadline wins over recomputation.
    expect(checkTransition('agreement_reached', 'confirmation_applied', { today: '2026-11-01', confirmationDeadline: '2026-11-01' })).toEqual({ ok: true });
  });

  it('needs the agreement date to apply, and refuses one in the future', () => {
    expect(checkTransition('agreement_reached', 'confirmation_applied', { today })).toEqual({ ok: false, code: 'lifecycle.agreement_date_required' });
    expect(checkTransition('in_mediation', 'agreement_reached', { today, agreementEffectiveOn: '2026-11-23' })).toEqual({
      ok: false,
      code: 'lifecycle.agreement_date_future',
      params: { today },
    });
    expect(checkTransition('in_mediation', 'agreement_reached', { today, agreementEffectiveOn: '2026-02-30' })).toMatchObject({ code: 'date.invalid' });
    expect(checkTransition('in_mediation', 'agreement_reached', { today })).toEqual({ ok: true });
  });

  it('knows which statuses are closed', () => {
    const closed = CASE_STATUSES.filter(isClosed);
    expect(closed).toEqual(['declined', 'failed', 'withdrawn', 'confirmed', 'rejected', 'archived']);
    expect(CASE_STATUSES.filter(isOpen)).toEqual(['registered', 'accepted', 'in_mediation', 'agreement_reached', 'confirmation_applied']);
  });
});
