// The register through the data layer (renderer/features/consultations): recording checks the role
// and the form and audits in both languages; the list filters and searches; "seen before" finds
// this institution's consultations and cases of the person and nothing of another institution;
// retention anonymises or removes what is past the period, recorded once.
import { describe, expect, it } from 'vitest';
import { auditTexts } from '../../../shared/audit/texts';
import { addUser, caseInMediation, neighbourIntake } from '../db/helpers';
import { consultationInput, desk, NOW } from './fixtures';
import {
  getConsultation,
  getRetention,
  queryConsultations,
  recordConsultation,
  runRetention,
  seenBefore,
  setRetention,
} from '../../../renderer/features/consultations/store';
import { CONSULTATIONS } from '../../../renderer/features/consultations/kind';
import { SYSTEM_ACTOR, type DataStore } from '../../../renderer/data';

async function record(data: DataStore, lawyer: Parameters<typeof recordConsultation>[1], over: Record<string, unknown> = {}, now = NOW) {
  const r = await recordConsultation(data, lawyer, consultationInput(over), now);
  if (!r.ok) throw r.error;
  return r.value;
}

describe('recording a consultation', () => {
  it('stores it numbered per year with its audit event, readable in both languages', async () => {
    const { data, lawyer } = await desk();
    const first = await record(data, lawyer);
    const second = await record(data, lawyer, { name: '李四', idNumber: '', phone: '' });
    expect([first.number, second.number]).toEqual(['咨2026-00001', '咨2026-00002']);
    expect(await data.records(CONSULTATIONS).get(first.id)).toEqual(first);
    const events = (await data.events.all()).filter((e) => e.action === 'consultation.record');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ entity: 'consultation', entityId: first.id, actorId: lawyer.id });
    expect(events[0]!.after).toMatchObject({ registerNumber: '咨2026-00001', topic: 'LAB', consultationOutcome: 'referred_arbitration', idNumber: expect.stringMatching(/\*{8}/) });
    expect(auditTexts['zh-CN'].action['consultation.record']).toBe('登记法律咨询');
    expect(auditTexts['en-US'].code.topic.LAB).toBe('Other labour disputes');
  });

  it('refuses wrong fields, naming them, and writes nothing', async () => {
    const { data, lawyer } = await desk();
    const r = await recordConsultation(data, lawyer, consultationInput({ phone: '12345' }), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('intake.invalid');
    expect(r.error.fieldErrors).toEqual([{ path: ['phone'], code: 'phone.invalid' }]);
    expect(await data.records(CONSULTATIONS).all()).toEqual([]);
  });

  it('is for lawyers: a mediator is refused', async () => {
    const { data, admin } = await desk();
    const mediator = await addUser(data, admin, 'med1', 'mediator');
    const r = await recordConsultation(data, mediator, consultationInput(), NOW);
    expect(!r.ok && r.error.code).toBe('auth.forbidden');
  });
});

describe('the register list', () => {
  it('filters by topic, outcome, channel and period and finds by name, phone, number and ID tail, newest first', async () => {
    const { data, lawyer, institutionId } = await desk();
    const a = await record(data, lawyer, { receivedAt: '2026-12-01T02:00:00.000Z' });
    const b = await record(data, lawyer, { name: '赵六', idNumber: '', phone: '13800001111', topic: 'FAM', outcome: 'answered', channel: 'hotline', legalBases: [] });
    const q = (query: Parameters<typeof queryConsultations>[2]) => queryConsultations(data, institutionId, query, { offset: 0, limit: 50 }).then((p) => p.rows.map((r) => r.id));
    expect(await q({})).toEqual([b.id, a.id]);
    expect(await q({ topic: 'FAM' })).toEqual([b.id]);
    expect(await q({ outcome: 'referred_arbitration' })).toEqual([a.id]);
    expect(await q({ channel: 'hotline' })).toEqual([b.id]);
    expect(await q({ from: '2026-12-07', to: '2026-12-07' })).toEqual([b.id]);
    expect(await q({ text: '𠀀堃' })).toEqual([a.id]);
    expect(await q({ text: '1111' })).toEqual([b.id]);
    expect(await q({ text: '咨2026-00002' })).toEqual([b.id]);
    expect(await q({ text: a.person!.idNumber.slice(-4) })).toEqual([a.id]);
    expect((await queryConsultations(data, 'ANOTHER', {}, { offset: 0, limit: 50 })).total).toBe(0);
  });
});

describe('seen before', () => {
  it('shows earlier consultations and visible cases of the same person, nothing of another institution', async () => {
    const { data, admin, lawyer } = await desk();
    const first = await record(data, lawyer);
    // A consultation of another institution that came along in a restored backup: never matched.
    await data.transact(SYSTEM_ACTOR, () => data.records(CONSULTATIONS).put({ ...first, id: 'foreign', institutionId: 'ANOTHER', number: '咨2026-09999' }));
    // A case of this institution whose applicant is the same person (same ID number), open to the lawyer.
    const intake = neighbourIntake('王𠀀堃');
    intake.parties[0]!.idNumber = first.person!.idNumber;
    const kase = await caseInMediation(data, admin, lawyer, intake);
    const seen = await seenBefore(data, lawyer, { name: '王𠀀堃', idNumber: first.person!.idNumber, phone: '' });
    expect(seen.consultations.map((s) => [s.item.id, s.matchedBy])).toEqual([[first.id, ['idNumber', 'name']]]);
    expect(seen.cases.map((s) => [s.item.id, s.matchedBy])).toEqual([[kase.id, ['idNumber', 'name']]]);
    // Another lawyer may not open that case: it is not shown to them.
    const other = await addUser(data, admin, 'lawyer2', 'lawyer');
    expect((await seenBefore(data, other, { name: '王𠀀堃', idNumber: '', phone: '' })).cases).toEqual([]);
  });
});

describe('retention', () => {
  it('uses the default until the administrator sets a period, audited; only the administrator may', async () => {
    const { data, admin, lawyer } = await desk();
    expect(await getRetention(data)).toEqual({ months: 36, action: 'anonymise', isDefault: true });
    expect((await setRetention(data, lawyer, { months: 12, action: 'remove' })).ok).toBe(false);
    const bad = await setRetention(data, admin, { months: 0, action: 'remove' });
    expect(!bad.ok && bad.error.fieldErrors[0]).toMatchObject({ path: ['months'], code: 'number.range' });
    expect((await setRetention(data, admin, { months: 12, action: 'remove' })).ok).toBe(true);
    expect(await getRetention(data)).toEqual({ months: 12, action: 'remove', isDefault: false });
    const event = (await data.events.all()).find((e) => e.action === 'consultation.retention_set');
    expect(event?.after).toEqual({ retentionMonths: 12, retentionAction: 'remove' });
  });

  it('anonymises what is past the period in one audited run, and a second run finds nothing', async () => {
    const { data, admin, lawyer } = await desk();
    const old = await record(data, lawyer, { receivedAt: '2025-01-10T02:00:00.000Z' }, new Date('2025-01-10T03:00:00Z'));
    const recent = await record(data, lawyer);
    expect((await setRetention(data, admin, { months: 12, action: 'anonymise' }, NOW)).ok).toBe(true);
    const run = await runRetention(data, lawyer, NOW);
    expect(run).toEqual({ ok: true, value: { anonymised: 1, removed: 0 } });
    const stored = (await getConsultation(data, lawyer, old.id))!;
    expect(stored.person).toBeNull();
    expect(stored.question).toBe('');
    expect((await getConsultation(data, lawyer, recent.id))!.person).not.toBeNull();
    const events = (await data.events.all()).filter((e) => e.action === 'consultation.retention');
    expect(events.map((e) => e.after)).toEqual([{ anonymisedCount: 1, removedCount: 0, retentionMonths: 12, retentionAction: 'anonymise' }]);
    expect(await runRetention(data, lawyer, NOW)).toEqual({ ok: true, value: { anonymised: 0, removed: 0 } });
    expect((await data.events.all()).filter((e) => e.action === 'consultation.retention')).toHaveLength(1);
    // Gone from the search and from "seen before".
    expect((await seenBefore(data, lawyer, { name: '王𠀀堃', idNumber: '', phone: '' })).consultations.map((s) => s.item.id)).toEqual([recent.id]);
  });

  it('removes what is past the period when the institution chose removal', async () => {
    const { data, admin, lawyer } = await desk();
    const old = await record(data, lawyer, { receivedAt: '2025-01-10T02:00:00.000Z' }, new Date('2025-01-10T03:00:00Z'));
    await setRetention(data, admin, { months: 6, action: 'remove' }, NOW);
    expect(await runRetention(data, admin, NOW)).toEqual({ ok: true, value: { anonymised: 0, removed: 1 } });
    expect(await data.records(CONSULTATIONS).get(old.id)).toBeUndefined();
  });
});
