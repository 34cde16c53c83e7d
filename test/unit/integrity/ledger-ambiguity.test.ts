// Ambiguous is invalid, for exported ledgers (issue 14 part 1): an entry line of entries.json with
// "action" twice, chained and signed over exactly those bytes by the institution's key, and a
// disclosed item whose item.json names "entry" twice, both verified as VALID (JSON.parse kept the
// last value, another reader takes the first); `mw ledger verify` now answers NOT VALID, exit 1,
// detail `ambiguous`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../cli/src/io';
import { main } from '../../../cli/src/main';
import { signCheckpoint } from '../../../shared/ledger/checkpoint';
import { DISCLOSURE_FILES, discloseItem, disclosureFiles } from '../../../shared/ledger/disclosure';
import { entryBytes, ledgerEntrySchema } from '../../../shared/ledger/entry';
import { EXPORT_FILES, LEDGER_FORMAT } from '../../../shared/ledger/export';
import { leafHash } from '../../../shared/ledger/hash';
import { MerkleTree } from '../../../shared/ledger/merkle';
import { proofsFor } from '../../../shared/ledger/proofs';
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

describe('mw ledger verify on an export', () => {
  it('refuses an entry with "action" twice, though chained and signed over its very bytes', async () => {
    const identity = makeIdentity();
    const caseId = '7d3c9e2a-0000-4000-8000-000000000098';
    const encoder = new TextEncoder();
    const first = ledgerEntrySchema.parse({ ...note(0, '借款合同'), seq: 0, caseId, prevEntryHash: null });
    // "withdraw" first, "add" last: the verifier read an addition, another reader a withdrawal.
    const line0 = encoder.encode(new TextDecoder().decode(entryBytes(first)).replace('{"action":"add"', '{"action":"withdraw","action":"add"'));
    const second = ledgerEntrySchema.parse({ ...note(1, '调解笔录'), seq: 1, caseId, prevEntryHash: bytesToHex(sha256Bytes(line0)) });
    const line1 = entryBytes(second);
    const tree = new MerkleTree();
    tree.appendLeafHash(leafHash(line0));
    tree.appendLeafHash(leafHash(line1));
    const checkpoint = await signCheckpoint({ caseId, treeSize: 2, rootHash: bytesToHex(tree.root(2)), time: '2026-11-02T03:00:00.000Z' }, identity.signer);
    const json = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
    const files = new Map<string, Uint8Array>([
      [EXPORT_FILES.manifest, json({ format: LEDGER_FORMAT, caseId, exportedAt: '2026-11-02T05:00:00.000Z', entries: 2, withFiles: false })],
      [EXPORT_FILES.entries, encoder.encode(`[\n${new TextDecoder().decode(line0)},\n${new TextDecoder().decode(line1)}\n]\n`)],
      [EXPORT_FILES.checkpoints, json([checkpoint])],
      [EXPORT_FILES.proofs, json(proofsFor(tree, [first, second], [2]))],
      [EXPORT_FILES.certificates, encoder.encode(identity.certificatePem)],
    ]);
    const run = await mw('ledger', 'verify', folder('entry-twice', files), '--json');
    expect(run.code, run.out).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, problems: [{ code: 'ambiguous', detail: { key: 'ambiguous', items: [{ params: { file: EXPORT_FILES.entries, key: 'action', path: '$[0]' } }] } }] });
  });
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
