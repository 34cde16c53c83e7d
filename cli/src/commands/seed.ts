// `mw seed`: a backup file of synthetic cases the app restores, with the accounts to sign in with.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { encodeSeedBackup } from '../../../shared/seed/backup';
import { generateDataset, SEED_STAFF, seedUsers } from '../../../shared/seed/generate';
import { seedFrom } from '../../../shared/seed/prng';
import { hashPasswordNode, randomPassword } from '../password';
import { json, parse, UsageError, type Io } from '../io';

export const MAX_SEED_CASES = 1_000_000;

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

function parseCases(text: string | undefined): number {
  if (text === undefined) throw new UsageError('say how many cases: --cases N (for example --cases 1000).');
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--cases must be a whole number from 0 to ${MAX_SEED_CASES}, not "${text}".`);
  const n = Number(text);
  if (n > MAX_SEED_CASES) throw new UsageError(`--cases must be at most ${MAX_SEED_CASES}; ${n} is too many for one workstation.`);
  return n;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return 1;
  return /^\d+$/.test(text) && Number(text) <= 0xffffffff ? Number(text) : seedFrom(text);
}

function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T18:00:00+08:00`) : new Date(text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now must be a date like 2026-11-22, not "${text}".`);
  return date;
}

function checkPassword(password: string): string {
  if (password.length < 8 || !/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) {
    throw new UsageError('--admin-password needs at least 8 characters with both letters and digits.');
  }
  return password;
}

function checkOut(out: string | undefined): string {
  if (!out) throw new UsageError('say where to write the backup: --out FILE (for example --out demo.mwbackup).');
  const path = resolve(out);
  try {
    if (!statSync(dirname(path)).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`the folder for ${out} does not exist.`);
  }
  return path;
}

export async function runSeed(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    cases: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'admin-password': { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  const cases = parseCases(values.cases);
  const out = checkOut(values.out);
  const seed = parseSeed(values.seed);
  const now = parseNow(values.now);
  const adminPassword = values['admin-password'] !== undefined ? checkPassword(values['admin-password']) : randomPassword();

  const started = performance.now();
  const passwords = SEED_STAFF.map((plan) => (plan.role === 'admin' ? adminPassword : randomPassword()));
  const hashes = await Promise.all(passwords.map((p) => hashPasswordNode(p)));
  const users = seedUsers(seed, now, hashes);
  const data = generateDataset({ cases, seed, now, users });
  const bytes = encodeSeedBackup(data, { createdAt: now.toISOString(), appVersion: appVersion() }, {
    // Node's native SHA-256: hashing hundreds of MB of table text in JavaScript costs seconds.
    createSha256: () => {
      const hash = createHash('sha256');
      return { update: (chunk) => hash.update(chunk), hex: () => hash.digest('hex') };
    },
  });
  // Written beside the target and renamed, so an interrupted run never leaves half a backup.
  const partial = `${out}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, out);
  const seconds = (performance.now() - started) / 1000;

  const accounts = SEED_STAFF.map((plan, i) => ({ username: plan.username, displayName: plan.displayName, role: plan.role, password: passwords[i] as string }));
  if (values.json) {
    io.out(json({ file: out, bytes: bytes.byteLength, cases, parties: data.parties.length, events: data.events.length, seed, institution: data.institution.name, accounts, signed: false, seconds: Math.round(seconds * 100) / 100 }));
    return 0;
  }
  const width = Math.max(...accounts.map((a) => a.username.length));
  io.out(
    `Wrote ${out} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB): ${cases} cases, ${data.parties.length} parties, ${data.events.length} audit events of ${data.institution.name}, seed ${seed}, in ${seconds.toFixed(1)} s.\n` +
      // Synthetic data carries no institution's signature: the app restores it only once the
      // person restoring has ticked that nothing vouches for it.
      `Restore it in the app (设置 → 备份与恢复 → 恢复); it is unsigned, so the app asks you to acknowledge that first. Accounts created:\n` +
      accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.password}  ${a.role} (${a.displayName})`).join('\n') +
      '\n',
  );
  return 0;
}
