// The signed agreement prints each natural party's full ID number (docs/identity-numbers.md), which
// the case keeps masked: every number taken out for it is audited (party.reveal_id), after the keys
// are unlocked, so a wrong passphrase reveals nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { signAgreement } from '../../../renderer/features/agreements/signing';
import { lockIdentity } from '../../../renderer/features/identity/store';
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import { allSigned, INSTITUTION, issued, MEDIATOR, NOW, setting } from './agreement-world';

beforeEach(() => lockIdentity());
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'mw-id-signing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAS_PDFTOTEXT)('the signed agreement', () => {
  it('prints the parties’ full ID numbers, each reveal audited', { timeout: 120_000 }, async () => {
    const s = await setting();
    await issued(s);
    const ready = await allSigned(s);
    const reveals = async () => (await s.db.events.all()).filter((e) => e.action === 'party.reveal_id');
    expect(await reveals()).toEqual([]);
    expect(await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: 'wrong one!', institutionPassphrase: INSTITUTION, now: NOW })).toMatchObject({ ok: false });
    expect(await reveals()).toEqual([]);

    const signed = await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW });
    if (!signed.ok) throw signed.error;
    const pdf = await s.platform.blobs.get(signed.value.signed?.pdfSha256 ?? '');
    if (!pdf) throw new Error('the signed PDF is not stored');
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    const id17 = '34020219900307123';
    expect(text).toContain(`居民身份证号码：${id17}${residentIdCheckChar(id17)}`);
    expect(text).toContain('护照号码：E12345678');
    expect(text).not.toContain('*');
    const audited = (await reveals()).map((e) => ({ by: e.actorId, name: (e.after as { name?: string } | null)?.name }));
    expect(audited).toHaveLength(2);
    expect(audited).toEqual(expect.arrayContaining([{ by: s.mediator.id, name: '王堃' }, { by: s.mediator.id, name: '刘䶮' }]));
  });
});
