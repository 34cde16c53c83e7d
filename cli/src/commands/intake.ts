// `mw intake --port P [--host H] --dir D [--max-mib N] [--institution CERT.pem …] [--trust-dir DIR]
// [--json]`: the court's intake endpoint (POST /intake with the package zip) until SIGINT or SIGTERM.
// Each package is streamed to D/packages/<sha256>.zip, verified as `mw package verify` does, and
// answered with JSON {packageSha256, verdict, problems}; the same package again gets the same stored
// answer. The institutions the court registered (each --institution file, every certificate file in
// --trust-dir) are its trust list: with one, only their packages are kept.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { json, parse, UsageError, type Io } from '../io';
import { startIntake } from '../package/intake-server';
import { trustedPems } from './package';

export const DEFAULT_INTAKE_MAX_MIB = 8 * 1024;
/** Certificate files a trust folder is read for; anything else in it is left alone. */
const CERTIFICATE_FILE = /\.(pem|crt|cer)$/i;

/**
 * The certificates of every --institution file and every certificate file in the trust folder;
 * undefined when neither is given (no trust list), a usage error for a file or folder that holds none.
 */
export function readTrustList(institutions: readonly string[] | undefined, trustDir: string | undefined): string[] | undefined {
  const files = [...(institutions ?? [])];
  if (trustDir !== undefined) {
    if (!statSync(trustDir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--trust-dir ${trustDir} is not a folder.`);
    const named = readdirSync(trustDir).filter((name) => CERTIFICATE_FILE.test(name)).sort();
    if (named.length === 0) throw new UsageError(`--trust-dir ${trustDir} holds no certificate file (.pem, .crt or .cer).`);
    files.push(...named.map((name) => join(trustDir, name)));
  }
  return files.length === 0 ? undefined : files.flatMap((file) => trustedPems(file));
}

export async function runIntake(args: string[], io: Io, stop?: Promise<void>): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    dir: { type: 'string' },
    'max-mib': { type: 'string' },
    institution: { type: 'string', multiple: true },
    'trust-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.port === undefined || !/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError('say which port to listen on: --port P (0 to 65535; 0 picks a free one).');
  if (values.dir === undefined || values.dir === '') throw new UsageError('say where to keep received packages: --dir D.');
  const maxMiB = values['max-mib'] === undefined ? DEFAULT_INTAKE_MAX_MIB : Number(values['max-mib']);
  if (!Number.isInteger(maxMiB) || maxMiB < 1) throw new UsageError('--max-mib must be a whole number of MiB, at least 1.');
  const host = values.host ?? '127.0.0.1';
  const trusted = readTrustList(values.institution, values['trust-dir']);
  let server;
  try {
    server = await startIntake(Number(values.port), host, {
      dir: resolve(values.dir),
      maxBytes: maxMiB * 1024 * 1024,
      ...(trusted ? { trustedInstitutionPems: trusted } : {}),
      log: (line) => (values.json ? undefined : io.err(`${line}\n`)),
    });
  } catch (error) {
    throw new UsageError(`cannot listen on ${host}:${values.port} (${(error as Error).message}).`);
  }
  const trustedCount = trusted?.length ?? 0;
  if (values.json) io.out(json({ listening: server.url, dir: resolve(values.dir), maxBytes: maxMiB * 1024 * 1024, trustedCertificates: trustedCount }));
  else {
    io.out(`Court intake listening on ${server.url} (packages up to ${maxMiB} MiB, kept in ${resolve(values.dir)}); Ctrl+C stops it.\n  curl -H 'Content-Type: application/zip' --data-binary @package.zip ${server.url}\n`);
    io.out(
      trustedCount > 0
        ? `Only packages signed by the ${trustedCount} registered certificate(s) are kept; others are answered and deleted.\n`
        : 'No trust list (--institution, --trust-dir): every signer is unknown, and only a limited number of their packages is kept, the oldest dropped first.\n',
    );
  }
  await (stop ??
    new Promise<void>((done) => {
      const finish = () => {
        process.off('SIGINT', finish);
        process.off('SIGTERM', finish);
        done();
      };
      process.on('SIGINT', finish);
      process.on('SIGTERM', finish);
    }));
  await server.close();
  return 0;
}
