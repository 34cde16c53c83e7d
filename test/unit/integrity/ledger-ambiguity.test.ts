// Ambiguous is invalid, for a single disclosed ledger item (issue 14 part 1): item.json with "entry"
// twice — another entry of the same signed ledger first, the disclosed one last — verified as VALID
// (JSON.parse kept the last); `mw ledger verify` now answers NOT VALID, exit 1, detail `ambiguous`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../cli/src/io';
import { main } from '../../../cli/src/main';
import { DISCLOSURE_FILES, discloseItem, disclosureFiles } from '../../../shared/ledger/disclosure';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { makeIdentity } from '../ledger/identity';
import { withKeyTwice } from './json-mutations';

const root = mkdtempSync(join(tmpdir(), 'mw-ambiguous-item-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function mw(...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s) };
  return { code: await main(args, io), out, err };
}

function folder(name: string, files: ReadonlyMap<string, Uint8Array>): string {
  const dir = join(root, name);
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

const note = (i: number, title: string) => ({
  action: 'add' as const,
  refersTo: null,
  kind: 'note' as const,
  title,
  mediaType: 'text/plain',
  size: title.length,
  contentSha256: bytesToHex(sha256Bytes(utf8ToBytes(title))),
  author: { id: 'u1', name: '王芳' },
  submittedBy: null,
  shownToOtherParty: false,
  createdAt: new Date(Date.UTC(2026, 10, 2, 2, i)).toISOString(),
});

describe('mw ledger verify on a disclosed item', () => {
  it('refuses item.json with "entry" twice, another signed entry first', async () => {
    const identity = makeIdentity();
    const ledger = new CaseLedger('7d3c9e2a-0000-4000-8000-000000000099');
    ledger.append(note(0, '被申请人已全部还款'));
    ledger.append(note(1, '借款合同'));
    const checkpoint = await ledger.checkpoint(identity.signer, new Date(Date.UTC(2026, 10, 2, 3)));
    const other = discloseItem(ledger.tree, ledger.entries[0]!, checkpoint).entry;
    const files = disclosureFiles(discloseItem(ledger.tree, ledger.entries[1]!, checkpoint), identity.certificatePem);

    const honest = await mw('ledger', 'verify', folder('honest', files));
    expect(honest.code, honest.err).toBe(0);

    const twice = new Map(files);
    twice.set(DISCLOSURE_FILES.item, withKeyTwice(files.get(DISCLOSURE_FILES.item)!, 'entry', other));
    const run = await mw('ledger', 'verify', folder('twice', twice), '--json');
    expect(run.code, run.out).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, problems: [{ code: 'ambiguous', detail: { key: 'ambiguous', items: [{ params: { file: DISCLOSURE_FILES.item, key: 'entry' } }] } }] });
  });
});
