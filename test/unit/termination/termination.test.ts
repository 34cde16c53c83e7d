// The termination record's rules, and its PDF as a reader sees it (pdftotext).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTermination, renderTerminationPdf, type TerminationContent, type TerminationDraft } from '../../../shared/termination';
import { FONTS } from '../agreement/agreement-fixtures';

const TODAY = '2026-12-10';
const CASE = { status: 'in_mediation' as const, mediationDeadline: '2026-12-20', registeredAt: '2026-11-20T02:00:00.000Z' };
const PARTIES = [
  { kind: 'natural' as const, name: '王堃' },
  { kind: 'natural' as const, name: '刘䶮' },
  { kind: 'agent' as const, name: '陈律师' },
];
const draft = (over: Partial<TerminationDraft> = {}): TerminationDraft => ({
  reason: 'party_refused',
  partyName: '刘䶮',
  explanation: '经三次调解，被申请人明确表示不再接受调解。',
  paths: ['litigation', 'arbitration'],
  toldHow: 'in_person',
  materials: ['application'],
  endedOn: TODAY,
  ...over,
});
const codes = (r: ReturnType<typeof checkTermination>) => (r.ok ? [] : r.errors.map((e) => `${e.path.join('.')}:${e.code}`));

describe('the termination record’s rules', () => {
  it('ends a mediation under way with the party named, the paths told and the record among the materials', () => {
    const checked = checkTermination(CASE, PARTIES, draft(), TODAY);
    expect(checked).toEqual({ ok: true, value: { ...draft(), materials: ['application', 'termination_record'], paths: ['litigation', 'arbitration'] } });
  });
  it('is refused for a case not in mediation', () => {
    expect(codes(checkTermination({ ...CASE, status: 'accepted' }, PARTIES, draft(), TODAY))).toEqual([':termination.not_in_mediation']);
  });
  it('names the party who refused or withdrew, and only a party (not an agent)', () => {
    expect(codes(checkTermination(CASE, PARTIES, draft({ partyName: '' }), TODAY))).toEqual(['partyName:termination.party_required']);
    expect(codes(checkTermination(CASE, PARTIES, draft({ reason: 'party_withdrew', partyName: '陈律师' }), TODAY))).toEqual(['partyName:termination.party_required']);
    const other = checkTermination(CASE, PARTIES, draft({ reason: 'other', partyName: '刘䶮' }), TODAY);
    expect(other.ok && other.value.partyName).toBe('');
  });
  it('says "no agreement in time" only once the time limit has run out', () => {
    expect(codes(checkTermination(CASE, PARTIES, draft({ reason: 'no_agreement_in_time' }), TODAY))).toEqual(['reason:termination.time_not_over']);
    expect(codes(checkTermination(CASE, PARTIES, draft({ reason: 'no_agreement_in_time' }), '2026-12-21'))).toEqual([]);
  });
  it('needs an explanation, a remaining path, how they were told and a sensible date', () => {
    expect(codes(checkTermination(CASE, PARTIES, draft({ explanation: '  ', paths: [], toldHow: '', endedOn: '2026-12-11' }), TODAY))).toEqual([
      'explanation:required',
      'paths:termination.paths_required',
      'toldHow:required',
      'endedOn:termination.date_future',
    ]);
    expect(codes(checkTermination(CASE, PARTIES, draft({ endedOn: '2026-11-19' }), TODAY))).toEqual(['endedOn:termination.date_before_case']);
    expect(codes(checkTermination(CASE, PARTIES, draft({ explanation: '长'.repeat(2001) }), TODAY))).toEqual(['explanation:too_long']);
  });
});

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'termination-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTENT: TerminationContent = {
  id: 't1',
  caseId: 'c1',
  caseNumber: '（2026）镜调字第00042号',
  institutionName: '芜湖市镜湖区人民调解委员会',
  category: 'NBR',
  parties: [
    { name: '王堃', side: 'applicant' },
    { name: '刘䶮', side: 'respondent' },
  ],
  registeredOn: '2026-11-20',
  endedOn: TODAY,
  endedAt: '2026-12-10T03:00:00.000Z',
  endedBy: { id: 'u1', name: '李调解' },
  reason: 'party_refused',
  partyName: '刘䶮',
  explanation: '经三次调解，被申请人明确表示不再接受调解。',
  paths: ['litigation', 'arbitration'],
  toldHow: 'in_person',
  materials: ['application', 'termination_record'],
};

describe.skipIf(!HAS_PDFTOTEXT)('the termination record’s PDF', () => {
  it('states the parties, why it ended, the paths left and the mediator, with rare characters', async () => {
    const { bytes, pages } = await renderTerminationPdf(CONTENT, FONTS, { creationDate: new Date('2026-12-10T03:00:00Z') });
    expect(pages).toBe(1);
    const file = join(dir, 'termination.pdf');
    writeFileSync(file, bytes);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    for (const part of ['人民调解终结书', '（2026）镜调字第00042号', '申请人：王堃', '被申请人：刘䶮', '当事人刘䶮明确表示拒绝继续调解', '人民调解法》第二十六条', '向人民法院提起诉讼、依法申请仲裁', '调解员李调解', '2026年12月10日']) {
      expect(text).toContain(part);
    }
  });
});
