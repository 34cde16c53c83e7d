// "Verify now" in the app (issue 14 part 2): entries added after the last signed checkpoint are a
// case in progress. They keep their marks, the verification holds, and the user is told how many
// await a signed checkpoint — where an exported ledger with such entries is refused by
// `mw ledger verify` (test/unit/cli/ledger-trust.test.ts).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../../../renderer/features/evidence/i18n';
import { signCaseCheckpoint } from '../../../renderer/features/evidence/checkpoints';
import { addEvidenceFile } from '../../../renderer/features/evidence/store';
import { verifyCaseEvidence } from '../../../renderer/features/evidence/verification';
import { verifyOutcome } from '../../../renderer/features/evidence/verify-outcome';
import { generateIdentity, lockIdentity } from '../../../renderer/features/identity/store';
import { details, fileOf, world } from './evidence-helpers';

const PASS = 'correct horse 2026';
beforeEach(() => lockIdentity());
afterAll(() => lockIdentity());

async function add(w: Awaited<ReturnType<typeof world>>, name: string) {
  const added = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf(name, `${name} 的内容`), { ...details, title: name });
  if (!added.ok) throw added.error;
}

describe('verify now with entries after the last signed checkpoint', () => {
  it('keeps their marks and says how many await a signed checkpoint, in both languages', async () => {
    const w = await world();
    await add(w, '借款合同.pdf');
    await add(w, '转账回单.png');
    expect(await generateIdentity(w.db, w.platform, w.admin, { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007', passphrase: PASS })).toMatchObject({ ok: true });
    expect(await signCaseCheckpoint(w.db, w.platform, w.admin, w.caseId, 'on_demand', { passphrase: PASS })).toMatchObject({ ok: true, value: { treeSize: 2 } });
    await add(w, '聊天记录.txt');
    await add(w, '补充说明.txt');

    const result = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    if (!result.ok) throw result.error;
    const report = result.value;
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.awaitingCheckpoint).toBe(2);
    expect(report.entries.map((e) => [e.chain, e.file, e.coveredBy])).toEqual([
      [true, 'ok', 2],
      [true, 'ok', 2],
      [true, 'ok', null],
      [true, 'ok', null],
    ]);

    const titles = ['借款合同.pdf', '转账回单.png', '聊天记录.txt', '补充说明.txt'];
    // The evidence namespace's own texts, as the app loads them (renderer/app/i18n.ts).
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { 'zh-CN': { evidence: resources['zh-CN'] }, 'en-US': { evidence: resources['en-US'] } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
    const zh = i18n.getFixedT('zh-CN', 'evidence');
    expect(verifyOutcome(report, titles, (key, values) => zh(key, values))).toEqual({
      ok: true,
      text: '4 项证据全部校验一致：文件未被改动，账本链接完整；其中 2 项已由签名检查点覆盖。 2 条记录尚待签名检查点覆盖。',
    });
    const en = i18n.getFixedT('en-US', 'evidence');
    expect(verifyOutcome(report, titles, (key, values) => en(key, values))?.text).toContain('2 entries await a signed checkpoint.');
    expect(verifyOutcome({ ...report, awaitingCheckpoint: 1 }, titles, (key, values) => en(key, values))?.text).toContain('1 entry awaits a signed checkpoint.');
  }, 60_000);

  it('holds for a case with no checkpoint yet: every entry awaits one', async () => {
    const w = await world();
    await add(w, '借款合同.pdf');
    const result = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(result.ok && result.value).toMatchObject({ ok: true, awaitingCheckpoint: 1, problems: [] });
  });
});
