// The center server's parts that need no database: password hashing, the sign-in buckets, the
// configuration, tokens, the refusals' texts, where PostgreSQL's programs are found, and the lint
// rule that keeps server/ a host of its own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { SERVER_PROBLEM_KEYS, serverProblemTexts } from '../../../shared/server/problems';
import { checkAccountFields, passwordProblems } from '../../../shared/server/accounts';
import { AttemptLimiter } from '../../../server/auth/limits';
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from '../../../server/auth/passwords';
import { bearerToken, tokenInstitution } from '../../../server/auth/sessions';
import { matchPath } from '../../../server/http/route';
import { findPgBin } from '../../../server/dev/throwaway-cluster';
import { ConfigError, resolveConfig } from '../../../server';
import { problemText } from '../../../cli/src/commands/server';
import { FAST_SCRYPT } from './fixtures';

describe('passwords', () => {
  it('uses scrypt with N=2^17, r=8, p=1 by default, and verifies with the parameters stored', async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const stored = await hashPassword('密码 secret 1', FAST_SCRYPT);
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(await verifyPassword('密码 secret 1', stored)).toBe(true);
    // The same text in another Unicode normalization is the same password.
    expect(await verifyPassword('密码 secret 1'.normalize('NFD'), stored)).toBe(true);
    expect(await verifyPassword('密码 secret 2', stored)).toBe(false);
    expect(await verifyPassword('密码 secret 1', { ...stored, algorithm: 'PBKDF2-SHA256' })).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
    const again = await hashPassword('密码 secret 1', FAST_SCRYPT);
    expect(again.salt).not.toBe(stored.salt);
  });

  it('holds new passwords and accounts to the workstation\'s rules', () => {
    expect(passwordProblems('abc12345')).toEqual([]);
    expect(passwordProblems('abcdefgh').map((p) => p.params.code)).toEqual(['password.needs_letter_and_digit']);
    expect(checkAccountFields({ username: ' Zhang.San ', role: 'clerk' }, 'court')).toEqual({ ok: true, value: { username: 'zhang.san', role: 'clerk' } });
    const refused = checkAccountFields({ username: 'a', role: 'clerk', displayName: '' }, 'mediation');
    expect(refused.ok ? [] : refused.problems.map((p) => p.params.code)).toEqual(['user.username_invalid', 'required', 'user.role_invalid']);
  });
});

describe('sign-in buckets', () => {
  it('lets a burst through, then one per refill, and says how long to wait', () => {
    let now = 0;
    const limiter = new AttemptLimiter(3, 10, () => now);
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 0]);
    expect(limiter.take('k')).toBe(10);
    expect(limiter.take('other')).toBe(0);
    now += 5_000;
    expect(limiter.take('k')).toBe(5);
    now += 5_000;
    expect(limiter.take('k')).toBe(0);
  });

  it('forgets buckets past its bound instead of growing without end', () => {
    const limiter = new AttemptLimiter(1, 60, () => 0, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`name${i}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
  });
});

describe('configuration', () => {
  const env = { MW_DATABASE_URL: 'postgres://mw_app@127.0.0.1/mw' };

  it('needs TLS or a TLS proxy, and listens on loopback behind a proxy', () => {
    expect(() => resolveConfig({}, env)).toThrow(ConfigError);
    expect(() => resolveConfig({ tlsCert: 'c.pem' }, env)).toThrow(/both --tls-cert and --tls-key/);
    expect(() => resolveConfig({ tlsCert: 'c.pem', tlsKey: 'k.pem', behindTlsProxy: true }, env)).toThrow(/choose one/);
    expect(resolveConfig({ behindTlsProxy: true }, env)).toEqual({ databaseUrl: env.MW_DATABASE_URL, host: '127.0.0.1', port: 8780, tls: null, behindTlsProxy: true, poolSize: 20, filesDir: null, maxFileBytes: 4 * 1024 ** 3, filesReserveBytes: 1024 ** 3 });
    expect(resolveConfig({ behindTlsProxy: true, filesDir: '/srv/mw/files', maxFileBytes: '2G', filesReserveBytes: '512M' }, env)).toMatchObject({ filesDir: '/srv/mw/files', maxFileBytes: 2 * 1024 ** 3, filesReserveBytes: 512 * 1024 ** 2 });
    expect(resolveConfig({ behindTlsProxy: true }, { ...env, MW_FILES_DIR: '/var/lib/mw/files', MW_MAX_FILE_BYTES: '1048576' })).toMatchObject({ filesDir: '/var/lib/mw/files', maxFileBytes: 1048576 });
    expect(() => resolveConfig({ behindTlsProxy: true, maxFileBytes: 'lots' }, env)).toThrow(/--max-file-bytes/);
    expect(() => resolveConfig({ behindTlsProxy: true, filesReserveBytes: '5P' }, env)).toThrow(/--files-reserve-bytes/);
    expect(resolveConfig({ tlsCert: 'c.pem', tlsKey: 'k.pem' }, { ...env, MW_SERVER_PORT: '443' })).toMatchObject({ host: '0.0.0.0', port: 443, tls: { certFile: 'c.pem', keyFile: 'k.pem' } });
    expect(resolveConfig({}, { ...env, MW_BEHIND_TLS_PROXY: '1' }).behindTlsProxy).toBe(true);
    expect(() => resolveConfig({ behindTlsProxy: true }, {})).toThrow(/MW_DATABASE_URL/);
    expect(() => resolveConfig({ behindTlsProxy: true, port: '70000' }, env)).toThrow(/--port/);
  });
});

describe('tokens and paths', () => {
  it('reads a bearer token and the institution it names', () => {
    const token = `mw1.0b7c1e3a-0000-4000-8000-000000000001.${'a'.repeat(43)}`;
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBeNull();
    expect(tokenInstitution(token)).toBe('0b7c1e3a-0000-4000-8000-000000000001');
    expect(tokenInstitution(`mw1.not-a-uuid.${'a'.repeat(43)}`)).toBeNull();
    expect(matchPath('/cases/:id/parties/:partyId/id-number', '/cases/c%201/parties/p/id-number')).toEqual({ id: 'c 1', partyId: 'p' });
    expect(matchPath('/cases/:id', '/cases/')).toBeNull();
  });
});

describe('refusals', () => {
  it('has words for every key in both languages, and the CLI renders them in English', () => {
    for (const language of ['en-US', 'zh-CN'] as const) expect(Object.keys(serverProblemTexts[language]).sort()).toEqual([...SERVER_PROBLEM_KEYS].sort());
    const text = problemText({ key: 'server.invalid_request', params: { count: 1 }, items: [{ key: 'server.field_invalid', params: { field: 'creditCode', code: 'credit.checksum' } }] });
    expect(text).toBe('The request has fields that need correcting: creditCode (credit.checksum)');
  });
});

describe('PostgreSQL programs', () => {
  it('are found through MW_PG_BINDIR first, and a wrong one is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-pgbin-'));
    try {
      expect(() => findPgBin({ MW_PG_BINDIR: dir })).toThrow(/has no initdb/);
      writeFileSync(join(dir, 'initdb'), '');
      expect(findPgBin({ MW_PG_BINDIR: dir })).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('server/ is a host of its own', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const boundary = async (code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: 'server/routes/example.ts' });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ["import { x } from '../../renderer/data';", 'never imports renderer/'],
    ["import { x } from '../../cli/src/io';", 'never imports another host'],
    ["import { x } from '../../electron/main';", 'never imports another host'],
    ["import { app } from 'electron';", 'never imports Electron'],
    ["import { Dexie } from 'dexie';", 'Dexie'],
  ])('refuses %s', async (code, why) => {
    expect((await boundary(`${code}\n`)).join('\n')).toContain(why);
  });

  it('may import Node, pg, shared/ and node/', async () => {
    expect(await boundary("import pg from 'pg';\nimport { createServer } from 'node:http';\nimport { problem } from '../../shared/problem';\nimport { allowLongUploads } from '../../node/http';\nexport const y = [pg, createServer, problem, allowLongUploads];\n")).toEqual([]);
  });
});
