// The evidence ledger end to end in memory: entries chained and checkpointed, verification that
// names the entry where something breaks, and thousands of random tamperings all detected.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import type { EntryInput, LedgerEntry } from '../../../shared/ledger/entry';
import { entriesFileBytes, readEntriesFile } from '../../../shared/ledger/export';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { verifyLedger, type VerifyInput } from '../../../shared/ledger/verify';
import { makeIdentity, type TestIdentity } from './identity';

const files = ['购房合同.pdf', '转账记录.png', '微信聊天截图.jpg', '事故认定书.pdf', '调解笔录.txt', '录音.m4a'].map((name, i) => ({
  name,
  bytes: utf8ToBytes(`${name} 的内容 ${i} `.repeat(20 + i)),
}));

function fileEntry(i: number): EntryInput {
  const file = files[i % files.length] as (typeof files)[number];
  return {
    action: 'add',
    refersTo: null,
    kind: 'file',
    title: file.name,
    mediaType: 'application/octet-stream',
    size: file.bytes.length,
    contentSha256: bytesToHex(sha256Bytes(file.bytes)),
    author: { id: 'u-mediator', name: '王芳' },
    submittedBy: i % 2 ? 'respondent' : 'applicant',
    shownToOtherParty: i % 3 === 0,
    createdAt: new Date(Date.UTC(2026, 2, 2, 1, i)).toISOString(),
  };
}

let identity: TestIdentity;
let other: TestIdentity;
beforeAll(() => {
  identity = makeIdentity();
  other = makeIdentity('另一个机构');
});

async function sampleLedger(): Promise<CaseLedger> {
  const ledger = new CaseLedger('case-1');
  for (let i = 0; i < 4; i++) ledger.append(fileEntry(i));
  await ledger.checkpoint(identity.signer, new Date('2026-03-02T02:00:00Z'));
  for (let i = 4; i < 6; i++) ledger.append(fileEntry(i));
  ledger.append({ ...fileEntry(6), action: 'withdraw', refersTo: 1, contentSha256: null, size: 0, title: '撤回：转账记录.png', kind: 'note' });
  await ledger.checkpoint(identity.signer, new Date('2026-03-02T03:00:00Z'));
  return ledger;
}

const fileStore = new Map(files.map((f) => [bytesToHex(sha256Bytes(f.bytes)), f.bytes]));
const checkFile =
  (store: Map<string, Uint8Array>) =>
  async (entry: LedgerEntry): Promise<'ok' | 'mismatch' | 'missing'> => {
    const bytes = store.get(entry.contentSha256 as string);
    if (!bytes) return 'missing';
    return bytesToHex(sha256Bytes(bytes)) === entry.contentSha256 ? 'ok' : 'mismatch';
  };

function exportOf(ledger: CaseLedger) {
  return {
    entries: new TextDecoder().decode(entriesFileBytes(ledger.entries)),
    checkpoints: JSON.stringify(ledger.checkpoints),
    proofs: JSON.stringify(ledger.proofs()),
  };
}

/**
 * Both texts are the same JSON values. A flip can turn the newline after `[` or after the last
 * entry into another whitespace character: the file is then no longer in the exported layout but
 * holds the very same entries, verified as re-formatted (re-canonicalised), and valid.
 */
function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

async function verifyTexts(texts: ReturnType<typeof exportOf>, extra: Partial<VerifyInput> = {}) {
  const read = readEntriesFile(utf8ToBytes(texts.entries));
  return verifyLedger({
    entries: read.entries,
    entryBytes: read.lineBytes,
    checkpoints: JSON.parse(texts.checkpoints) as unknown,
    proofs: JSON.parse(texts.proofs) as unknown,
    verifySignature: identity.verifier,
    checkFile: checkFile(fileStore),
    ...extra,
  });
}

describe('evidence ledger', () => {
  it('verifies an intact ledger: every entry chained, its file matching, covered by a checkpoint', async () => {
    const ledger = await sampleLedger();
    const report = await verifyTexts(exportOf(ledger));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => [e.seq, e.chain, e.file, e.coveredBy])).toEqual([
      [0, true, 'ok', 4],
      [1, true, 'ok', 4],
      [2, true, 'ok', 4],
      [3, true, 'ok', 4],
      [4, true, 'ok', 7],
      [5, true, 'ok', 7],
      [6, true, 'not_checked', 7],
    ]);
    expect(report.checkpoints.map((c) => [c.treeSize, c.signature, c.root])).toEqual([
      [4, true, true],
      [7, true, true],
    ]);
  });

  it('names the changed entry, the changed file, the foreign signature and the missing tail', async () => {
    const ledger = await sampleLedger();
    const texts = exportOf(ledger);

    const entries = JSON.parse(texts.entries) as LedgerEntry[];
    (entries[2] as LedgerEntry).title = '购房合同（改）.pdf';
    for (const layout of [JSON.stringify(entries), new TextDecoder().decode(entriesFileBytes(entries))]) {
      const changed = await verifyTexts({ ...texts, entries: layout });
      expect(changed.ok).toBe(false);
      expect(changed.firstProblem?.seq).toBe(2);
      expect(changed.problems.filter((p) => p.seq !== null && p.seq < 2)).toEqual([]);
    }

    // The last entry has no successor whose link would show the change: the checkpoint's leaves do.
    const last = [...ledger.entries];
    last[6] = { ...(last[6] as LedgerEntry), title: '撤回（改）' };
    const tail = await verifyTexts({ ...texts, entries: new TextDecoder().decode(entriesFileBytes(last)) });
    expect(tail.firstProblem).toMatchObject({ code: 'entry.changed', seq: 6 });

    // Entry 1 changed and every later entry re-linked to it: no link is broken, the leaves name it.
    const relinked = new CaseLedger('case-1');
    for (const e of ledger.entries) relinked.append(e.seq === 1 ? { ...e, title: '转账记录（伪造）.png' } : e);
    const relinkedReport = await verifyTexts({ ...texts, entries: new TextDecoder().decode(entriesFileBytes(relinked.entries)) });
    expect(relinkedReport.firstProblem).toMatchObject({ code: 'entry.changed', seq: 1 });
    expect(relinkedReport.problems.filter((p) => p.code === 'entry.changed').map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6]);

    const store = new Map(fileStore);
    const hash = ledger.entries[3]?.contentSha256 as string;
    store.set(hash, utf8ToBytes('被替换的文件'));
    const file = await verifyTexts(texts, { checkFile: checkFile(store) });
    expect(file.firstProblem).toMatchObject({ code: 'file.mismatch', seq: 3 });

    const foreign = new CaseLedger('case-1');
    for (const e of ledger.entries) foreign.append(e);
    await foreign.checkpoint(other.signer, new Date('2026-03-02T04:00:00Z'));
    const substituted = await verifyTexts({ ...texts, checkpoints: JSON.stringify([ledger.checkpoints[0], foreign.checkpoints[0]]) });
    expect(substituted.problems.map((p) => p.code)).toContain('checkpoint.signature');

    const truncated = await verifyTexts({ ...texts, entries: JSON.stringify(ledger.entries.slice(0, 5)) });
    expect(truncated.problems.map((p) => p.code)).toContain('checkpoint.size');
    expect(truncated.ok).toBe(false);
  });

  it('refuses a signature spelled with non-zero base64 padding bits, which decodes to the same bytes', async () => {
    const ledger = await sampleLedger();
    const texts = exportOf(ledger);
    const checkpoints = JSON.parse(texts.checkpoints) as { signature: string }[];
    const signature = (checkpoints[0] as { signature: string }).signature;
    expect(signature.endsWith('==')).toBe(true); // RSA-2048: 256 bytes, two padding characters
    const at = signature.length - 3;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sibling = alphabet[alphabet.indexOf(signature[at] as string) | 1] as string;
    (checkpoints[0] as { signature: string }).signature = signature.slice(0, at) + sibling + signature.slice(at + 1);
    expect(Buffer.from((checkpoints[0] as { signature: string }).signature, 'base64')).toEqual(Buffer.from(signature, 'base64'));
    const report = await verifyTexts({ ...texts, checkpoints: JSON.stringify(checkpoints) });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('checkpoint.invalid');
  });

  it('refuses an input that is not a ledger without throwing', async () => {
    const report = await verifyLedger({ entries: { not: 'a list' }, checkpoints: 'nope', verifySignature: identity.verifier });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['entry.invalid', 'checkpoint.invalid']));
  });

  it('detects every random byte flip in entries, checkpoints, proofs or files (property)', async () => {
    const ledger = await sampleLedger();
    const texts = exportOf(ledger);
    const targets = ['entries', 'checkpoints', 'proofs', 'file'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.nat(), fc.integer({ min: 1, max: 255 }), async (target, at, mask) => {
        if (target === 'file') {
          const store = new Map([...fileStore].map(([k, v]) => [k, v.slice()]));
          const victim = [...store.values()][at % store.size] as Uint8Array;
          victim[at % victim.length] = (victim[at % victim.length] as number) ^ mask;
          return !(await verifyTexts(texts, { checkFile: checkFile(store) })).ok;
        }
        const bytes = utf8ToBytes(texts[target]);
        const i = at % bytes.length;
        bytes[i] = (bytes[i] as number) ^ mask;
        const text = new TextDecoder().decode(bytes);
        try {
          if (target === 'entries') readEntriesFile(bytes);
          else JSON.parse(text);
        } catch {
          return true; // Unreadable: the CLI refuses it as unusable input.
        }
        if (sameJson(text, texts[target])) return true; // Whitespace for whitespace: nothing changed.
        return !(await verifyTexts({ ...texts, [target]: text })).ok;
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it('detects dropped, duplicated and reordered entries (property)', async () => {
    const ledger = await sampleLedger();
    const texts = exportOf(ledger);
    const n = ledger.entries.length;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('drop', 'duplicate', 'swap'), fc.nat(n - 1), fc.nat(n - 1), async (how, i, j) => {
        const list = [...ledger.entries];
        if (how === 'drop') list.splice(i, 1);
        if (how === 'duplicate') list.splice(i, 0, list[i] as LedgerEntry);
        if (how === 'swap') {
          if (i === j) return true;
          [list[i], list[j]] = [list[j] as LedgerEntry, list[i] as LedgerEntry];
        }
        return !(await verifyTexts({ ...texts, entries: JSON.stringify(list) })).ok;
      }),
      { numRuns: 300 },
    );
  });

  it('refuses entries that break the rules and leaves the ledger unchanged', () => {
    const ledger = new CaseLedger('case-2');
    ledger.append(fileEntry(0));
    expect(() => ledger.append({ ...fileEntry(1), action: 'correct', refersTo: 5 })).toThrow();
    expect(() => ledger.append({ ...fileEntry(1), contentSha256: 'ABC' })).toThrow();
    expect(() => ledger.append({ ...fileEntry(1), refersTo: 0 })).toThrow();
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.append({ ...fileEntry(1), action: 'correct', refersTo: 0 }).seq).toBe(1);
  });
});
