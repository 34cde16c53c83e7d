import { describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup } from '../../../shared/backup/codec';
import { normalizeCategoryFields } from '../../../shared/domain/categories';
import { validateCreditCode, validateMobile, validateResidentId } from '../../../shared/domain/identifiers';
import { activeDeadline, todayIn } from '../../../shared/domain/deadlines';
import { isClosed } from '../../../shared/domain/lifecycle';
import { validatePersonName } from '../../../shared/domain/text';
import type { PasswordHash } from '../../../shared/domain/model';
import { generateDataset, SEED_STAFF, seedUsers, type SeedDataset } from '../../../shared/seed/generate';

const now = new Date('2026-11-22T10:00:00+08:00');
const today = todayIn('Asia/Shanghai', now);
const fakeHash: PasswordHash = { algorithm: 'PBKDF2-SHA256', iterations: 310_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(44) };

function dataset(cases: number, seed = 7): SeedDataset {
  const users = seedUsers(seed, now, SEED_STAFF.map(() => fakeHash));
  return generateDataset({ cases, seed, now, users });
}

function backupOf(d: SeedDataset): Uint8Array {
  return encodeBackup({
    meta: { createdAt: now.toISOString(), appVersion: 'test' },
    tables: { institution: [d.institution], settings: [d.settings], users: d.users, cases: d.cases, parties: d.parties, events: d.events },
  });
}

describe('synthetic data', () => {
  const d = dataset(3000);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(backupOf(dataset(300))).toEqual(backupOf(dataset(300)));
    expect(dataset(50, 8).cases.map((c) => c.id)).not.toEqual(dataset(50, 7).cases.map((c) => c.id));
  });

  it('produces rows every table schema accepts', () => {
    const result = decodeBackup(backupOf(d), { maxBytes: 1e9, maxEntries: 100 });
    expect(result.ok ? 'ok' : `${result.code}: ${result.detail}`).toBe('ok');
  });

  it('writes valid identifiers, names and category fields', () => {
    for (const p of d.parties) {
      expect(validatePersonName(p.kind === 'legal' ? p.legalRepresentative : p.name).ok).toBe(true);
      if (p.phone) expect(validateMobile(p.phone).ok).toBe(true);
      if (p.kind === 'natural') expect(validateResidentId(p.idNumber, { today })).toMatchObject({ ok: true });
      if (p.kind === 'legal') expect(validateCreditCode(p.creditCode)).toMatchObject({ ok: true });
    }
    expect(validateCreditCode(d.institution.creditCode).ok).toBe(true);
    for (const c of d.cases) {
      const checked = normalizeCategoryFields(c.category, c.categoryFields);
      expect(checked.ok ? 'ok' : JSON.stringify({ category: c.category, ...checked })).toBe('ok');
    }
    expect(d.parties.some((p) => /[堃喆䶮昇赟玥翀彧]/u.test(p.name))).toBe(true);
  });

  it('numbers cases 1..n per year in registration order', () => {
    const byYear = new Map<number, number[]>();
    for (const c of d.cases) byYear.set(c.year, [...(byYear.get(c.year) ?? []), c.seq]);
    expect(byYear.size).toBeGreaterThanOrEqual(3);
    for (const seqs of byYear.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(new Set(d.cases.map((c) => c.number)).size).toBe(d.cases.length);
  });

  it('spreads categories, statuses and deadlines like a real centre', () => {
    const count = (pred: (c: SeedDataset['cases'][number]) => boolean) => d.cases.filter(pred).length;
    expect(count((c) => c.category === 'NBR')).toBeGreaterThan(count((c) => c.category === 'IPR') * 10);
    expect(new Set(d.cases.map((c) => c.category)).size).toBeGreaterThanOrEqual(20);
    const recent = d.cases.filter((c) => now.getTime() - Date.parse(c.registeredAt) < 30 * 86_400_000);
    const old = d.cases.filter((c) => now.getTime() - Date.parse(c.registeredAt) > 365 * 86_400_000);
    expect(recent.filter((c) => !isClosed(c.status)).length / recent.length).toBeGreaterThan(0.6);
    expect(old.filter((c) => isClosed(c.status)).length / old.length).toBeGreaterThan(0.85);
    const overdue = count((c) => c.activeDeadline !== null && c.activeDeadline < today);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(d.cases.length * 0.1);
    for (const c of d.cases) {
      expect(c.activeDeadline).toBe(activeDeadline(c));
      expect(c.registeredAt <= now.toISOString()).toBe(true);
      expect(c.closedAt !== null).toBe(isClosed(c.status));
    }
    expect(count((c) => c.mediatorId === null)).toBeGreaterThan(0);
  });

  it('records an audit event for every case', () => {
    const registered = new Set(d.events.filter((e) => e.action === 'case.register').map((e) => e.caseId));
    expect(registered.size).toBe(d.cases.length);
    expect(JSON.stringify(d.events)).not.toMatch(/\d{17}[\dX]/);
  });
});
