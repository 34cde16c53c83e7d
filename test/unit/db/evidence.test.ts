// The evidence store: files hashed and recorded as chained ledger entries with an audit event; a
// duplicate, a cancelled read, a clerk and a blank title are refused and leave nothing behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
// The adapter's own database, opened beside the store to change a stored file behind its back.
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { addEvidenceFile, addEvidenceNote, readLedgerRows, withdrawEvidence } from '../../../renderer/features/evidence/store';
import { verifyCaseEvidence } from '../../../renderer/features/evidence/verification';
import { details, fileOf, world } from './evidence-helpers';

describe('evidence store', () => {
  it('records files as chained entries with audit events, refuses duplicates, and verification names a changed file', async () => {
    const w = await world();
    const a = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('合同.pdf', '借款合同全文'), { ...details, title: '合同.pdf' });
    const b = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('回单.png', '转账回单'), { ...details, title: '回单.png' });
    expect(a.ok && b.ok).toBe(true);
    const rows = await readLedgerRows(w.db, w.caseId);
    expect(rows.map((r) => r.seq)).toEqual([0, 1]);
    expect(rows[1]?.entry.prevEntryHash).toBe(rows[0]?.entryHash);
    expect((await w.db.events.all()).filter((e) => e.action === 'evidence.add')).toHaveLength(2);

    const again = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('合同副本.pdf', '借款合同全文'), { ...details, title: '合同副本.pdf' });
    expect(again).toMatchObject({ ok: false, error: { code: 'evidence.duplicate', params: { seq: 1, title: '合同.pdf' } } });

    const fine = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(fine.ok && fine.value.ok).toBe(true);
    const hash = rows[1]?.entry.contentSha256 as string;
    const raw = openWorkstationDb(w.db.name);
    await raw.blobs.put({ sha256: hash, bytes: new TextEncoder().encode('伪造'), size: 6 });
    raw.close();
    const bad = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(bad.ok && bad.value.firstProblem).toMatchObject({ code: 'file.mismatch', seq: 1 });
  });

  it('leaves nothing behind when cancelled, refused, untitled or empty, and records a typed note', async () => {
    const w = await world();
    const signal = { aborted: false };
    const cancelled = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('大文件.bin', 'x'.repeat(100)), { ...details, title: '大文件.bin' }, {
      signal,
      onProgress: (p) => {
        if (p.bytesDone > 20) signal.aborted = true;
      },
    });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'evidence.cancelled' } });
    expect(await addEvidenceFile(w.db, w.platform, w.clerk, w.caseId, fileOf('a.txt', 'a'), { ...details, title: 'a.txt' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('a.txt', 'a'), { ...details, title: '  ' })).toMatchObject({ ok: false, error: { code: 'evidence.title' } });
    expect(await addEvidenceNote(w.db, w.platform, w.admin, w.caseId, { ...details, title: '质证意见', text: '  ' })).toMatchObject({ ok: false, error: { code: 'evidence.note_text' } });
    expect(await readLedgerRows(w.db, w.caseId)).toEqual([]);
    expect(await w.db.blobs.hashes()).toEqual([]);

    const note = await addEvidenceNote(w.db, w.platform, w.admin, w.caseId, { ...details, title: '质证意见', text: '对借款事实无异议。' });
    expect(note).toMatchObject({ ok: true, value: { kind: 'note', title: '质证意见', mediaType: 'text/plain; charset=utf-8' } });
    const verified = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(verified.ok && verified.value.entries.map((e) => e.file)).toEqual(['ok']);
  });

  it('corrects and withdraws by new entries that refer to the old ones, never by editing', async () => {
    const w = await world();
    await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('聊天.txt', '第一版'), { ...details, title: '聊天.txt' });
    const corrected = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('聊天（补充）.txt', '第二版'), { ...details, title: '聊天（补充）.txt', corrects: 0 });
    expect(corrected).toMatchObject({ ok: true, value: { action: 'correct', refersTo: 0 } });
    expect(await withdrawEvidence(w.db, w.admin, w.caseId, 0, '  ')).toMatchObject({ ok: false, error: { code: 'evidence.withdraw_reason' } });
    expect(await withdrawEvidence(w.db, w.clerk, w.caseId, 0, '误交')).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const withdrawn = await withdrawEvidence(w.db, w.admin, w.caseId, 0, '撤回第 1 项：误交');
    expect(withdrawn).toMatchObject({ ok: true, value: { action: 'withdraw', refersTo: 0, contentSha256: null, seq: 2 } });
    expect(await withdrawEvidence(w.db, w.admin, w.caseId, 0, '再次撤回')).toMatchObject({ ok: false, error: { code: 'evidence.withdrawn', params: { seq: 1 } } });
    expect(await withdrawEvidence(w.db, w.admin, w.caseId, 2, '撤回撤回')).toMatchObject({ ok: false, error: { code: 'evidence.reference' } });
    const rows = await readLedgerRows(w.db, w.caseId);
    expect(rows.map((r) => [r.entry.action, r.entry.refersTo])).toEqual([
      ['add', null],
      ['correct', 0],
      ['withdraw', 0],
    ]);
    expect((await w.db.events.all()).map((e) => e.action).filter((a) => a.startsWith('evidence.'))).toEqual(['evidence.add', 'evidence.correct', 'evidence.withdraw']);
    const verified = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(verified.ok && verified.value.ok).toBe(true);
  });

  describe('near the browser store\'s quota (issue 16 item 8)', () => {
    afterEach(() => vi.unstubAllGlobals());
    const MB = 1024 * 1024;
    const quota = 100 * MB;

    it('refuses a large file that would take the store past 95% before reading it, and still takes a small one', async () => {
      const w = await world();
      vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 94 * MB, quota }) } });
      const large = fileOf('录像.webm', 'x'.repeat(2 * MB));
      let read = false;
      const watched = { ...large, file: { ...large.file, chunks: () => ((read = true), large.file.chunks()) } };
      const refused = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, watched, { ...details, title: '录像.webm' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'storage.full', params: { percent: 94 } } });
      expect(read).toBe(false);
      expect(await w.db.blobs.hashes()).toEqual([]);
      expect(await readLedgerRows(w.db, w.caseId)).toEqual([]);

      const small = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf('照片.jpg', '一页借条'), { ...details, title: '照片.jpg' });
      expect(small.ok).toBe(true);
    });
  });
});
