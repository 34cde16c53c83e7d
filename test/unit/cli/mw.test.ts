// The `mw` command as a user runs it: a child process, its output and its exit status.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../../renderer/features/backup/store';
import { authenticate } from '../../../renderer/features/auth/accounts';
import { decodeBackup } from '../../../shared/backup/codec';
import { CATEGORIES } from '../../../shared/domain/categories';
import { freshDb } from '../db/helpers';
import { acknowledgeUnsigned } from '../db/seeded';

const dir = mkdtempSync(join(tmpdir(), 'mw-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mw(...args: string[]) {
  const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

// Each test starts `mw` children (seconds each on a loaded machine): their time is no verdict.
describe('mw', { timeout: 180_000 }, () => {
  it('prints help', () => {
    const help = mw('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('seed --cases N --out FILE');
    expect(mw().code).toBe(2);
  });

  it('lists the 24 categories as text and JSON', () => {
    const text = mw('categories');
    expect(text.code).toBe(0);
    expect(text.out).toContain('TRF  道路交通事故纠纷  Road traffic accidents');
    const asJson = mw('categories', '--json');
    expect(asJson.code).toBe(0);
    const list = JSON.parse(asJson.out);
    expect(list).toHaveLength(24);
    expect(list.map((c: { code: string }) => c.code)).toEqual(CATEGORIES.map((c) => c.code));
    expect(list.find((c: { code: string }) => c.code === 'TRF').fields.some((f: { key: string }) => f.key === 'liability')).toBe(true);
  });

  it('refuses unusable input with exit 2 and a clear message', () => {
    const out = join(dir, 'x.mwbackup');
    for (const [args, message] of [
      [['seed', '--cases', '-5', '--out', out], '--cases must be a whole number'],
      [['seed', '--cases', 'abc', '--out', out], 'not "abc"'],
      [['seed', '--cases', '10'], '--out FILE'],
      [['seed', '--cases', '10', '--out', join(dir, 'missing', 'x')], 'does not exist'],
      [['seed', '--cases', '10', '--out', out, '--admin-password', 'short'], 'letters and digits'],
      [['seed', '--cases', '10', '--out', out, '--bogus'], 'bogus'],
      [['frobnicate'], 'unknown command'],
    ] as const) {
      const run = mw(...args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.err).toContain(message);
    }
  });

  it('seeds a backup the app restores, with accounts that sign in', async () => {
    const file = join(dir, 'seed.mwbackup');
    const run = mw('seed', '--cases', '200', '--out', file, '--seed', 'demo', '--admin-password', 'demo2026pw', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report).toMatchObject({ cases: 200, file });
    expect(report.accounts.map((a: { role: string }) => a.role).sort()).toEqual(['admin', 'clerk', 'lawyer', 'mediator', 'mediator', 'mediator', 'mediator', 'mediator']);

    const bytes = new Uint8Array(readFileSync(file));
    const decoded = decodeBackup(bytes, { maxBytes: 1e9, maxEntries: 100 });
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.backup.tables.cases).toHaveLength(200);

    const db = freshDb();
    expect(await restoreBackup(db, bytes, { approve: acknowledgeUnsigned })).toMatchObject({ ok: true, counts: { cases: 200, users: 8 } });
    expect(await authenticate(db, 'admin', 'demo2026pw')).toMatchObject({ ok: true, value: { role: 'admin' } });
    const mediator = report.accounts.find((a: { role: string }) => a.role === 'mediator');
    expect(await authenticate(db, mediator.username, mediator.password)).toMatchObject({ ok: true, value: { role: 'mediator' } });

    const human = mw('seed', '--cases', '5', '--out', join(dir, 'h.mwbackup'), '--seed', '3');
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/Wrote .*h\.mwbackup .*5 cases/);
    expect(human.out).toMatch(/admin\s+\S{8,}\s+admin/);
  }, 60_000);

  it('verifies backups: exit 0 when intact, 1 when damaged', () => {
    const file = join(dir, 'v.mwbackup');
    expect(mw('seed', '--cases', '20', '--out', file).code).toBe(0);
    const ok = mw('backup-verify', file, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, tables: { cases: 20 }, signed: false, signer: null });
    const damaged = join(dir, 'damaged.mwbackup');
    const bytes = readFileSync(file);
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 7));
    const bad = mw('backup-verify', damaged);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('backup.truncated');
    expect(mw('backup-verify', join(dir, 'nope')).code).toBe(2);
  }, 60_000);
});
