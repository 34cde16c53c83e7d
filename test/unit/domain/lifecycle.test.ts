import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, LEGAL_ACTS, type CaseStatus, type LegalAct } from '../../../shared/domain/model';
import { decodeBackup, encodeBackup } from '../../../shared/backup/codec';
import { generateDataset, SEED_STAFF, seedUsers } from '../../../shared/seed/generate';
import { ACT_STATUSES, LEGAL_STATUSES, REASON_REQUIRED, TRANSITIONS, checkTransition, isClosed, isOpen, nextStatuses, statusBasis } from '../../../shared/domain/lifecycle';

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

/** An act that makes `to` true, for the edges into a legal status. */
function actFor(to: CaseStatus): LegalAct | undefined {
  return LEGAL_ACTS.find((act) => ACT_STATUSES[act].includes(to) && act !== 'court_receipt');
}

describe('case lifecycle', () => {
  it('has exactly the edges of the issue', () => {
    const actual = CASE_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => [from, to]));
    expect(actual.sort()).toEqual([...EDGES].sort());
    expect(nextStatuses('archived')).toEqual([]);
  });

  it.each(EDGES)('allows %s → %s with what it needs', (from, to) => {
    const act = actFor(to);
    const ctx = { today, reason: '当事人撤回申请', agreementEffectiveOn: '2026-11-20', ...(act ? { act } : {}) };
    expect(checkTransition(from, to, ctx)).toEqual({ ok: true });
  });

  it('offers no one a legal status to choose: agreement, termination, application and ruling come only from their acts', () => {
    expect(LEGAL_STATUSES).toEqual(['agreement_reached', 'failed', 'confirmation_applied', 'confirmed', 'rejected']);
    expect(nextStatuses('in_mediation')).toEqual(['withdrawn']);
    expect(nextStatuses('agreement_reached')).toEqual(['archived']);
    expect(nextStatuses('confirmation_applied')).toEqual([]);
    for (const from of CASE_STATUSES) for (const to of nextStatuses(from)) expect(LEGAL_STATUSES).not.toContain(to);
  });

  it('refuses a move into a legal status without the act that makes it true, or with another act', () => {
    const ctx = { today, agreementEffectiveOn: '2026-11-20', reason: '协议内容不明确' };
    for (const [from, to] of EDGES.filter(([, to]) => LEGAL_STATUSES.includes(to))) {
      expect(checkTransition(from, to, ctx)).toEqual({ ok: false, code: 'lifecycle.act_required', params: { to } });
      for (const act of LEGAL_ACTS.filter((a) => !ACT_STATUSES[a].includes(to))) {
        expect(checkTransition(from, to, { ...ctx, act })).toEqual({ ok: false, code: 'lifecycle.act_required', params: { to } });
      }
    }
    expect(checkTransition('confirmation_applied', 'confirmed', { today, act: 'paper_ruling' })).toEqual({ ok: true });
    expect(checkTransition('confirmation_applied', 'confirmed', { today, act: 'court_receipt' })).toEqual({ ok: true });
    expect(checkTransition('in_mediation', 'agreement_reached', { today, act: 'oral_agreement', agreementEffectiveOn: today })).toEqual({ ok: true });
  });

  it('counts a paper filing against the 30-day window on the day the court received it', () => {
    const ctx = { agreementEffectiveOn: '2026-10-01', act: 'paper_filing' as const, today: '2026-11-05' };
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, actOn: '2026-10-31' })).toEqual({ ok: true });
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, actOn: '2026-11-01' })).toEqual({ ok: false, code: 'lifecycle.confirmation_window', params: { deadline: '2026-10-31' } });
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, actOn: '2026-11-06' })).toEqual({ ok: false, code: 'lifecycle.act_date_future', params: { today: '2026-11-05' } });
    // Received by the court before the agreement took effect: a typing error, refused with the date.
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, actOn: '2026-09-30' })).toEqual({ ok: false, code: 'lifecycle.act_before_agreement', params: { agreementEffectiveOn: '2026-10-01' } });
  });

  it('says what a legal status rests on: an act, a paper entered by hand, or nothing (set by hand before)', () => {
    expect(statusBasis({ status: 'confirmed', statusAct: 'court_receipt' })).toBe('act');
    expect(statusBasis({ status: 'agreement_reached', statusAct: 'signed_agreement' })).toBe('act');
    expect(statusBasis({ status: 'confirmed', statusAct: 'paper_ruling' })).toBe('entered_by_hand');
    expect(statusBasis({ status: 'confirmation_applied', statusAct: 'paper_filing' })).toBe('entered_by_hand');
    // A row restored from an older backup keeps its status, and says it was set by hand.
    expect(statusBasis({ status: 'confirmed' })).toBe('set_by_hand');
    expect(statusBasis({ status: 'confirmed', statusAct: 'paper_filing' })).toBe('set_by_hand');
    expect(statusBasis({ status: 'in_mediation' })).toBeNull();
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
      const act = actFor(to);
      expect(checkTransition(from, to, { today, ...(act ? { act } : {}) })).toEqual({ ok: false, code: 'lifecycle.reason_required', params: { to } });
      expect(checkTransition(from, to, { today, reason: '   ', ...(act ? { act } : {}) })).toMatchObject({ code: 'lifecycle.reason_required' });
    }
  });

  it('refuses confirmation after the 30-day window, naming the deadline', () => {
    const ctx = { agreementEffectiveOn: '2026-10-01', act: 'package_handed_over' as const };
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, today: '2026-10-31' })).toEqual({ ok: true });
    expect(checkTransition('agreement_reached', 'confirmation_applied', { ...ctx, today: '2026-11-01' })).toEqual({
      ok: false,
      code: 'lifecycle.confirmation_window',
      params: { deadline: '2026-10-31' },
    });
    // A stored deadline wins over recomputation.
    expect(checkTransition('agreement_reached', 'confirmation_applied', { today: '2026-11-01', confirmationDeadline: '2026-11-01', act: 'package_handed_over' })).toEqual({ ok: true });
  });

  it('needs the agreement date to apply, and refuses one in the future', () => {
    expect(checkTransition('agreement_reached', 'confirmation_applied', { today, act: 'package_handed_over' })).toEqual({ ok: false, code: 'lifecycle.agreement_date_required' });
    expect(checkTransition('in_mediation', 'agreement_reached', { today, agreementEffectiveOn: '2026-11-23', act: 'signed_agreement' })).toEqual({
      ok: false,
      code: 'lifecycle.agreement_date_future',
      params: { today },
    });
    expect(checkTransition('in_mediation', 'agreement_reached', { today, agreementEffectiveOn: '2026-02-30', act: 'signed_agreement' })).toMatchObject({ code: 'date.invalid' });
    expect(checkTransition('in_mediation', 'agreement_reached', { today, act: 'signed_agreement' })).toEqual({ ok: true });
  });

  it('keeps a legal status restored from an older backup (no act recorded) and reads it as set by hand', () => {
    // The seed generator writes rows as the versions before acts were recorded did.
    const now = new Date('2026-11-22T10:00:00+08:00');
    const users = seedUsers(7, now, SEED_STAFF.map(() => ({ algorithm: 'PBKDF2-SHA256' as const, iterations: 310_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(44) })));
    const d = generateDataset({ cases: 300, seed: 7, now, users });
    const bytes = encodeBackup({ meta: { createdAt: now.toISOString(), appVersion: 'older' }, tables: { institution: [d.institution], settings: [d.settings], users: d.users, cases: d.cases, parties: d.parties, events: d.events } });
    const decoded = decodeBackup(bytes, { maxBytes: 50_000_000, maxEntries: 1000 });
    if (!decoded.ok) throw new Error(decoded.detail);
    const restored = decoded.backup.tables.cases as { status: CaseStatus; statusAct?: LegalAct }[];
    const legal = restored.filter((c) => LEGAL_STATUSES.includes(c.status));
    expect(legal.length).toBeGreaterThan(0);
    for (const c of legal) {
      expect(c).not.toHaveProperty('statusAct');
      expect(statusBasis(c)).toBe('set_by_hand');
    }
  });

  it('knows which statuses are closed', () => {
    const closed = CASE_STATUSES.filter(isClosed);
    expect(closed).toEqual(['declined', 'failed', 'withdrawn', 'confirmed', 'rejected', 'archived']);
    expect(CASE_STATUSES.filter(isOpen)).toEqual(['registered', 'accepted', 'in_mediation', 'agreement_reached', 'confirmation_applied']);
  });
});
