import { readFileSync, statSync } from 'node:fs';
import { decodeBackup } from '../../../shared/backup/codec';
import { verifyBackupSignature } from '../../../shared/backup/signature';
import { json, parse, UsageError, type Io } from '../io';
import { nodeVerifierFor } from '../node-signatures';

const GiB = 1024 ** 3;

export async function runBackupVerify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('name one backup file: mw backup-verify FILE');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}: no such file.`);
  }
  if (size > 2 * GiB) throw new UsageError(`${file} is larger than 2 GiB, more than a workstation backup can be.`);
  const result = decodeBackup(new Uint8Array(readFileSync(file)), { maxBytes: 2 * GiB, maxEntries: 1_000_000, maxUnpackedBytes: 8 * GiB });
  if (!result.ok) {
    if (values.json) io.out(json({ ok: false, file, code: result.code, detail: result.detail }));
    else io.err(`${file}: NOT a usable backup (${result.code}): ${result.detail}\n`);
    return 1;
  }
  // The hashes only show the file is as backup.json says; the signature says who wrote backup.json.
  const provenance = await verifyBackupSignature(result.backup, nodeVerifierFor);
  if (provenance.kind === 'invalid') {
    if (values.json) io.out(json({ ok: false, file, code: 'backup.signature_invalid', detail: provenance.detail }));
    else io.err(`${file}: NOT a usable backup (backup.signature_invalid): ${provenance.detail}\n`);
    return 1;
  }
  const signer = provenance.kind === 'signed' ? provenance.signer : null;
  const { manifest, blobs } = result.backup;
  const tables = Object.fromEntries(Object.entries(manifest.tables).map(([name, t]) => [name, t.rows]));
  if (values.json) {
    io.out(json({ ok: true, file, createdAt: manifest.createdAt, schemaVersion: manifest.schemaVersion, app: manifest.app, tables, blobs: blobs.size, signed: signer !== null, signer }));
  } else {
    const counts = Object.entries(tables).filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`).join(', ');
    io.out(`${file}: OK — written ${manifest.createdAt} by ${manifest.app.name} ${manifest.app.version}, schema ${manifest.schemaVersion}\n  ${counts || 'no rows'}; ${blobs.size} blobs; every hash, count and row checked.\n` +
        (signer
          ? `  Signed by ${signer.name}${signer.organisationId ? ` (${signer.organisationId})` : ''} at ${signer.signedAt}; certificate SHA-256 ${signer.fingerprint256}. Compare the fingerprint with the institution's before trusting it.\n`
          : '  UNSIGNED: no institution vouches for who made this file (a `mw seed` file, or one made before the workstation had an institution identity); the app restores it only after an acknowledgement.\n'),
    );
  }
  return 0;
}
