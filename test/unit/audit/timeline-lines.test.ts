import { describe, expect, it } from 'vitest';
import { auditLines } from '../../../renderer/features/cases/case/audit-lines';

const RAW_KEY = /\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z_]+\.[a-z_]+\b|fingerprint256|sha256|\bvalid\b/;

function allText(lines: ReturnType<typeof auditLines>): string {
  return [lines.action, lines.reason ?? '', ...lines.details.flatMap((d) => [d.field, d.value.text]), ...lines.changes.flatMap((c) => [c.before.text, c.after.text])].join(' | ');
}

/** What a person reads as words (hashes and addresses are values to compare, not words). */
function shownText(lines: ReturnType<typeof auditLines>): string {
  return [lines.action, lines.reason ?? '', ...lines.details.filter((d) => !d.value.code && d.field !== 'url').map((d) => d.value.text), ...lines.changes.flatMap((c) => [c.before.text, c.after.text])].join(' | ');
}

// Issue 15 item 7: what the clerk saw in the timeline, event by event.
describe('the case timeline reads every event in the reader language', () => {
  const trustCourt = { action: 'confirmation.trust_court', before: null, after: { name: '芜湖市镜湖区人民法院', fingerprint256: 'AB:CD' } };
  const submit = { action: 'confirmation.submit', before: null, after: { version: 1, sha256: 'ab'.repeat(32), url: 'https://court.example/intake', verdict: 'valid' } };
  const checkpoint = { action: 'evidence.checkpoint', before: null, after: { treeSize: 12, rootHash: 'ff', keyId: 'k1', reason: 'package_exported', number: 3 } };
  const signed = { action: 'agreement.hand_signature', before: null, after: { version: 2, signer: '张三', role: 'party', ledgerSeq: 4 } };

  it('names the action and labels each field in Chinese, with coded values translated', () => {
    const court = auditLines(trustCourt, 'zh-CN');
    expect(court.action).toBe('登记法院证书');
    expect(court.details.map((d) => d.field)).toEqual(['name', 'fingerprint256']);
    const sub = auditLines(submit, 'zh-CN');
    expect(sub.action).toBe('向法院在线提交材料包');
    expect(sub.details.find((d) => d.field === 'verdict')?.value.text).toBe('材料齐全，法院已收件');
    expect(shownText(sub)).not.toMatch(/（空）/);
    const cp = auditLines(checkpoint, 'zh-CN');
    expect(cp.reason).toBe('导出司法确认材料');
    expect(cp.details.map((d) => d.field)).not.toContain('keyId');
    const sig = auditLines(signed, 'zh-CN');
    expect(sig.details.find((d) => d.field === 'role')?.value.text).toBe('当事人');
    expect(sig.details.find((d) => d.field === 'ledgerSeq')?.value.text).toBe('第 5 项');
    for (const lines of [court, sub, cp, sig]) expect(shownText(lines)).not.toMatch(RAW_KEY);
  });

  it('reads the same events in English', () => {
    expect(auditLines(trustCourt, 'en-US').action).toBe("Court's certificate registered");
    expect(auditLines(checkpoint, 'en-US').reason).toBe('Confirmation package exported');
    expect(allText(auditLines(submit, 'en-US'))).toContain('Complete, received by the court');
  });

  it('shows a change as before → after, with times in Beijing and a typed reason as typed', () => {
    const closed = auditLines({ action: 'case.transition', before: { status: 'confirmed', closedAt: null }, after: { status: 'archived', closedAt: '2026-12-06T22:53:19.000Z', reason: '双方同意' } }, 'zh-CN');
    expect(closed.changes.find((c) => c.field === 'closedAt')?.after.text).toBe('2026-12-07 06:53');
    expect(closed.reason).toBe('双方同意');
  });

  it('says an action from a newer version is another action rather than showing its key alone', () => {
    expect(auditLines({ action: 'future.thing', before: null, after: {} }, 'zh-CN').action).toBe('其他操作（future.thing）');
  });
});
