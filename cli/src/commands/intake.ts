// `mw intake --port P [--host H] --dir D [--max-mib N] [--institution CERT.pem] [--json]`: the court's
// intake endpoint (POST /intake with the package zip) until SIGINT or SIGTERM. Each package is
// streamed to D/packages/<sha256>.zip, verified as `mw package verify` does, and answered with JSON
// {packageSha256, verdict, problems}; the same package again gets the same stored answer.
import { resolve } from 'node:path';
import { json, parse, UsageError, type Io } from '../io';
import { startIntake } from '../package/intake-server';
import { trustedPems } from './package';

export const DEFAULT_INTAKE_MAX_MIB = 8 * 1024;

export async function runIntake(args: string[], io: Io, stop?: Promise<void>): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' }, 'max-mib': { type: 'string' }, institution: { type: 'string' }, json: { type: 'boolean' } });
  if (values.port === undefined || !/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError('say which port to listen on: --port P (0 to 65535; 0 picks a free one).');
  if (values.dir === undefined || values.dir === '') throw new UsageError('say where to keep received packages: --dir D.');
  const maxMiB = values['max-mib'] === undefined ? DEFAULT_INTAKE_MAX_MIB : Number(values['max-mib']);
  if (!Number.isInteger(maxMiB) || maxMiB < 1) throw new UsageError('--max-mib must be a whole number of MiB, at least 1.');
  const host = values.host ?? '127.0.0.1';
  const trusted = values.institution !== undefined ? trustedPems(values.institution) : undefined;
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
  if (values.json) io.out(json({ listening: server.url, dir: resolve(values.dir), maxBytes: maxMiB * 1024 * 1024 }));
  else io.out(`Court intake listening on ${server.url} (packages up to ${maxMiB} MiB, kept in ${resolve(values.dir)}); Ctrl+C stops it.\n  curl -H 'Content-Type: application/zip' --data-binary @package.zip ${server.url}\n`);
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
