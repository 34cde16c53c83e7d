// The court's ruling prints the parties' full ID numbers, which the package carries beside the
// masked ones (docs/identity-numbers.md); the filing's lists and the text the clerk reads before
// signing keep them masked, and the ruling's audit event names whose numbers were printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptFiling } from '../../../renderer/features/court/actions';
import { previewRuling, ruleOnFiling } from '../../../renderer/features/court/documents';
import { importPackage } from '../../../renderer/features/court/intake';
import { generateIdentity, lockIdentity } from '../../../renderer/features/identity';
import { FONTS } from '../agreement/agreement-fixtures';
import { buildZip, makeFixture } from '../confirmation/package-fixtures';
import { world } from './evidence-helpers';
import { addUser } from './helpers';

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'mw-court-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => lockIdentity());
globalThis.fetch = (async (url: string | URL) => new Response((String(url).includes('DejaVu') ? FONTS.latin : FONTS.cjk) as Uint8Array<ArrayBuffer>)) as typeof fetch;

const PASSPHRASE = 'court key 2026';
const RECEIVED = new Date('2026-03-10T02:00:00Z');
const day = (n: number) => new Date(RECEIVED.getTime() + n * 86_400_000);
const FULL = { p1: '340202199001011234', p2: '340203198502025678' };

describe.skipIf(!HAS_PDFTOTEXT)('the ruling', () => {
  it('prints the full ID numbers the package carries, shows them masked before signing, and records whose were printed', { timeout: 120_000 }, async () => {
    const fixture = await makeFixture();
    const parties = fixture.manifestInput.case.parties.map((p) => (p.id === 'p1' || p.id === 'p2' ? { ...p, idNumber: FULL[p.id] } : p));
    const { zip } = await buildZip(fixture, { manifestInput: { ...fixture.manifestInput, case: { ...fixture.manifestInput.case, parties } } });

    const w = await world();
    const clerk = await addUser(w.db, w.admin, 'shuji', 'clerk');
    const generated = await generateIdentity(w.db, w.platform, w.admin, { name: '芜湖市镜湖区人民法院', creditCode: '11340202003050000X', passphrase: PASSPHRASE }, day(-1));
    if (!generated.ok) throw generated.error;
    const imported = await importPackage(w.db, w.platform, clerk, new File([zip as Uint8Array<ArrayBuffer>], 'package.zip', { type: 'application/zip' }), { now: RECEIVED });
    if (!imported.ok) throw imported.error;
    expect(imported.value.filing.package?.parties.map((p) => p.idNumberMasked)).toEqual(['340202********1234', '340203********5678', '340204********0011']);
    const accepted = await acceptFiling(w.db, clerk, imported.value.filing.id, imported.value.filing.rev, '（2026）皖0202民特1号', RECEIVED);
    if (!accepted.ok) throw accepted.error;
    const filing = accepted.value;

    const confirm = { outcome: 'confirmed' as const, grounds: [], reasoning: '', judge: '陈法官', passphrase: PASSPHRASE, acknowledgeUnauthenticated: true };
    const shown = await previewRuling(w.db, clerk, filing.id, filing.rev, confirm, day(6));
    if (!shown.ok) throw shown.error;
    expect(shown.value.text).toContain('340202********1234');
    expect(shown.value.text).not.toContain(FULL.p1);
    const ruled = await ruleOnFiling(w.db, w.platform, clerk, filing.id, filing.rev, { ...confirm, shownText: shown.value.text }, day(6));
    if (!ruled.ok) throw ruled.error;

    const pdf = await w.platform.blobs.get(ruled.value.ruling?.pdfSha256 ?? '');
    if (!pdf) throw new Error('the ruling is not stored');
    const file = join(dir, 'ruling.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain(`身份证件号码${FULL.p1}`);
    expect(text).toContain(`身份证件号码${FULL.p2}`);
    expect(text).not.toContain('********');
    expect((await w.db.events.all()).find((e) => e.action === 'court_filing.rule')?.after).toMatchObject({ idNumbersPrinted: '张堃、李喆' });
  });
});
