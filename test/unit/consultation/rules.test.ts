// The register's pure rules (shared/consultation): the form's validator names every wrong field
// with the case intake's codes, legal bases take a listed statute and a typed article, search keys,
// "seen before" stays inside one institution, retention's cutoff and what anonymising keeps.
import { describe, expect, it } from 'vitest';
import { consultationInput, ID, ID17, NOW } from './fixtures';
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import {
  anonymise,
  consultationSchema,
  consultationSearchTerms,
  CONSULTATION_TOPICS,
  findSeenBefore,
  isDue,
  retentionCutoff,
  STATUTES,
  topicName,
  validateConsultation,
  type Consultation,
} from '../../../shared/consultation';

describe('the consultation form validator', () => {
  it('accepts a full consultation, keeping a rare-character name and normalising identifiers', () => {
    const r = validateConsultation(consultationInput({ phone: '+86 139-5531-2345' }), NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.person).toEqual({ name: '王𠀀堃', idType: 'resident_id', idNumber: ID, phone: '13955312345' });
    expect(r.value.legalBases).toEqual([{ statute: 'labour_dispute', article: '第5条', note: '' }]);
    expect(r.value.minutesSpent).toBe(20);
  });

  it('takes the person without ID number or phone', () => {
    const r = validateConsultation(consultationInput({ idNumber: '', phone: '' }), NOW);
    expect(r.ok && r.value.person).toMatchObject({ idNumber: '', phone: '' });
  });

  it('names every wrong field at once, with the case intake codes', () => {
    const r = validateConsultation(
      consultationInput({
        name: '张3',
        idNumber: ID17 + (residentIdCheckChar(ID17) === '1' ? '2' : '1'),
        phone: '1395531234',
        topic: 'XYZ',
        advice: '',
        legalBases: [{ statute: 'unknown_law', article: '' }, { statute: 'civil_code', article: '一千零七十九' }, { statute: 'civil_code', article: 'abc' }],
        outcome: 'referred_agency',
        referredTo: '',
        minutesSpent: '0',
      }),
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path.join('.'), e.code])).toEqual([
      ['name', 'name.invalid'],
      ['idNumber', 'id.checksum'],
      ['phone', 'phone.invalid'],
      ['topic', 'value.invalid'],
      ['advice', 'required'],
      ['legalBases.0.statute', 'value.invalid'],
      ['legalBases.0.article', 'required'],
      ['legalBases.2.article', 'value.invalid'],
      ['referredTo', 'required'],
      ['minutesSpent', 'number.range'],
    ]);
  });

  it('refuses a consultation dated in the future', () => {
    const r = validateConsultation(consultationInput({ receivedAt: '2026-12-08T05:30:00.000Z' }), NOW);
    expect(!r.ok && r.errors[0]).toMatchObject({ path: ['receivedAt'], code: 'lifecycle.act_date_future' });
  });
});

describe('topics and statutes', () => {
  it('are the 24 dispute categories plus the non-dispute topics, each named in both languages', () => {
    expect(CONSULTATION_TOPICS).toHaveLength(30);
    for (const t of CONSULTATION_TOPICS) {
      expect(topicName(t)['zh-CN']).not.toBe('');
      expect(topicName(t)['en-US']).not.toBe('');
    }
  });

  it('lists the 29 statute titles of domain.md, ids unique', () => {
    expect(STATUTES).toHaveLength(29);
    expect(new Set(STATUTES.map((s) => s.id)).size).toBe(29);
    expect(STATUTES.map((s) => s.title['zh-CN'])).toContain('劳动争议调解仲裁法');
  });
});

function record(over: Partial<Consultation> = {}): Consultation {
  const r = validateConsultation(consultationInput(), NOW);
  if (!r.ok) throw new Error('fixture');
  return consultationSchema.parse({
    id: 'c1',
    institutionId: 'INST-A',
    number: '咨2026-00001',
    year: 2026,
    seq: 1,
    ...r.value,
    lawyerId: 'u1',
    lawyerName: '值班律师',
    searchTerms: consultationSearchTerms('咨2026-00001', r.value.person),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
    ...over,
  });
}

describe('search keys', () => {
  it('hold name suffixes, the register number and its digits, the phone and its last four, the ID number and its last four', () => {
    const terms = consultationSearchTerms('咨2026-00042', { name: '王𠀀堃', idType: 'resident_id', idNumber: ID, phone: '13955312345' });
    for (const key of ['王𠀀堃', '𠀀堃', '堃', '咨2026-00042', '42', '13955312345', '2345', ID.toLowerCase(), ID.slice(-4).toLowerCase()]) expect(terms).toContain(key);
  });
});

describe('seen before', () => {
  const probe = { name: '王𠀀堃', idNumber: ID, phone: '' };
  it('matches by ID number, phone or name, strongest first, and never across institutions', () => {
    const found = findSeenBefore(probe, 'INST-A', [
      { institutionId: 'INST-A', persons: [{ name: '王𠀀堃', idNumber: '', phone: '13900000000' }], item: 'by-name' },
      { institutionId: 'INST-B', persons: [{ name: '王𠀀堃', idNumber: ID, phone: '' }], item: 'other-institution' },
      { institutionId: 'INST-A', persons: [{ name: '别人', idNumber: ID, phone: '' }], item: 'by-id' },
      { institutionId: 'INST-A', persons: [{ name: '李四', idNumber: '', phone: '' }], item: 'nobody' },
    ]);
    expect(found).toEqual([
      { item: 'by-id', matchedBy: ['idNumber'] },
      { item: 'by-name', matchedBy: ['name'] },
    ]);
  });

  it('finds nothing for an empty person', () => {
    expect(findSeenBefore({ name: ' ', idNumber: '', phone: '' }, 'INST-A', [{ institutionId: 'INST-A', persons: [{ name: '', idNumber: '', phone: '' }], item: 1 }])).toEqual([]);
  });
});

describe('retention', () => {
  it('cuts off whole calendar months back, at the month end when the day is missing', () => {
    expect(retentionCutoff(36, new Date('2026-12-07T06:00:00Z')).toISOString()).toBe('2023-12-07T06:00:00.000Z');
    expect(retentionCutoff(1, new Date('2026-03-31T00:00:00Z')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('finds a record due only once it is older than the period, and an anonymised one due only for removal', () => {
    const old = record({ receivedAt: '2025-11-01T00:00:00.000Z' });
    expect(isDue(old, { months: 12, action: 'anonymise' }, NOW)).toBe(true);
    expect(isDue(old, { months: 24, action: 'anonymise' }, NOW)).toBe(false);
    const done = anonymise(old, NOW);
    expect(isDue(done, { months: 12, action: 'anonymise' }, NOW)).toBe(false);
    expect(isDue(done, { months: 12, action: 'remove' }, NOW)).toBe(true);
  });

  it('anonymising keeps what the statistics count and nothing that names or describes the person', () => {
    const done = consultationSchema.parse(anonymise(record(), NOW));
    expect(done.person).toBeNull();
    expect([done.question, done.facts, done.advice, done.followUpNote]).toEqual(['', '', '', '']);
    expect(done).toMatchObject({ topic: 'LAB', channel: 'walk_in', outcome: 'referred_arbitration', minutesSpent: 20, anonymisedAt: NOW.toISOString(), version: 2 });
    expect(done.legalBases).toEqual([{ statute: 'labour_dispute', article: '第5条', note: '' }]);
    expect(done.searchTerms.join(' ')).not.toMatch(/王|1395/);
  });
});
