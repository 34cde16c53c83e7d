// `mw ledger verify` examines a large entries.json on two threads (cli/src/ledger-worker): the
// report must be the one readEntriesFile and verifyLedger give in one thread — for intact and
// tampered exports, entries examined by the worker or by the main thread, a failing worker — and
// a small ledger must not start a worker at all.
import type * as WorkerThreads from 'node:worker_threads';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyExportedLedger } from '../../../cli/src/commands/ledger';
import { WORKER_FROM_ENTRIES, type ExamineOptions } from '../../../cli/src/ledger-worker/examine';
import type { EntryInput, LedgerEntry } from '../../../shared/ledger/entry';
import { entriesFileBytes, readEntriesFile } from '../../../shared/ledger/export';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { verifyLedger, type LedgerReport } from '../../../shared/ledger/verify';
import { makeIdentity, type TestIdentity } from './identity';

/** Workers started, failed, and that sent their results back. */
const started = vi.hoisted(() => ({ workers: 0, errors: 0, results: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof WorkerThreads>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.workers++;
      this.on('error', () => started.errors++);
      this.on('message', () => started.results++);
    }
  }
  return { ...actual, Worker: CountedWorker };
});

const CASE = 'case-parallel';
const ENTRIES = 45;

function input(i: number): EntryInput {
  const withdrawal = i > 3 && i % 9 === 0;
  return {
    action: withdrawal ? 'withdraw' : 'add',
    refersTo: withdrawal ? i - 3 : null,
    kind: withdrawal ? 'note' : 'file',
    title: `证据 ${i}：转账记录.png`,
    mediaType: 'image/png',
    size: withdrawal ? 0 : 1000 + i,
    contentSha256: withdrawal ? null : bytesToHex(sha256Bytes(new Uint8Array([i]))),
    author: { id: 'u-mediator', name: '王芳' },
    submittedBy: i % 2 ? 'respondent' : 'applicant',
    shownToOtherParty: i % 3 === 0,
    createdAt: new Date(Date.UTC(2026, 2, 2, 1, i)).toISOString(),
  };
}

let identity: TestIdentity;
let ledger: CaseLedger;
let entriesText: string;
let checkpointsText: string;
let proofsText: string;

beforeAll(async () => {
  identity = makeIdentity();
  ledger = new CaseLedger(CASE);
  for (let i = 0; i < ENTRIES; i++) {
    ledger.append(input(i));
    if (i === 20) await ledger.checkpoint(identity.signer, new Date('2026-03-02T02:00:00Z'));
  }
  await ledger.checkpoint(identity.signer, new Date('2026-03-02T03:00:00Z'));
  entriesText = new TextDecoder().decode(entriesFileBytes(ledger.entries));
  checkpointsText = JSON.stringify(ledger.checkpoints);
  proofsText = JSON.stringify(ledger.proofs());
});

/** Every third file differs from its hash. */
const checkFile = async (entry: LedgerEntry) => (entry.seq % 3 === 1 ? 'mismatch' : 'ok') as 'ok' | 'mismatch';

/** The report in one thread, as before the worker: readEntriesFile and verifyLedger. */
async function inOneThread(entries: Uint8Array, files: boolean): Promise<LedgerReport | string> {
  let read: ReturnType<typeof readEntriesFile>;
  try {
    read = readEntriesFile(entries);
  } catch (error) {
    return (error as Error).message;
  }
  return verifyLedger({
    caseId: CASE,
    entries: read.entries,
    entryBytes: read.lineBytes,
    checkpoints: JSON.parse(checkpointsText) as unknown,
    proofs: JSON.parse(proofsText) as unknown,
    verifySignature: identity.verifier,
    ...(files ? { checkFile } : {}),
  });
}

async function asTheCliDoes(entries: Uint8Array, files: boolean, options: Partial<ExamineOptions>): Promise<LedgerReport | string> {
  try {
    return await verifyExportedLedger(
      {
        caseId: CASE,
        entriesFile: entries,
        checkpoints: JSON.parse(checkpointsText) as unknown,
        proofs: () => JSON.parse(proofsText) as unknown,
        verifySignature: identity.verifier,
        ...(files ? { checkFile } : {}),
      },
      options,
    );
  } catch (error) {
    return (error as Error).message;
  }
}

/** Only the worker examines, in chunks of four entries. */
const WORKER_ONLY: Partial<ExamineOptions> = { workerFromEntries: 0, chunkHeight: 2, mainThreadExamines: false };

function tampered(edit: (lines: string[]) => void): Uint8Array {
  const lines = entriesText.split('\n');
  edit(lines);
  return utf8ToBytes(lines.join('\n'));
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

/** Entry line i (line 0 is `[`). */
const line = (i: number) => i + 1;

describe('mw ledger verify on two threads', () => {
  it('gives the one-thread report for an intact export, its files checked with the entries the worker examined', async () => {
    const { errors, results } = started;
    for (const files of [false, true]) {
      const expected = await inOneThread(utf8ToBytes(entriesText), files);
      const report = await asTheCliDoes(utf8ToBytes(entriesText), files, WORKER_ONLY);
      expect(report).toEqual(expected);
      expect((report as LedgerReport).ok).toBe(!files);
      if (files) expect((report as LedgerReport).firstProblem).toMatchObject({ code: 'file.mismatch', seq: 1 });
    }
    expect(started).toMatchObject({ errors, results: results + 2 });
  }, 60_000);

  it('names the same tampered entry when the worker examined it: changed, last, not valid, of another case, not JSON', async () => {
    const { errors } = started;
    const cases: [string, Uint8Array, { code: string; seq: number }][] = [
      ['changed', tampered((l) => (l[line(7)] = (l[line(7)] as string).replace('证据 7', '证据 70'))), { code: 'chain.broken', seq: 7 }],
      ['last', tampered((l) => (l[line(ENTRIES - 1)] = (l[line(ENTRIES - 1)] as string).replace('"size":1044', '"size":1045'))), { code: 'entry.changed', seq: ENTRIES - 1 }],
      ['invalid', tampered((l) => (l[line(30)] = (l[line(30)] as string).replace('"kind":"file"', '"kind":"movie"'))), { code: 'entry.invalid', seq: 30 }],
      ['case', tampered((l) => (l[line(12)] = (l[line(12)] as string).replace(CASE, 'case-other'))), { code: 'entry.case', seq: 12 }],
      ['not JSON', tampered((l) => (l[line(16)] = (l[line(16)] as string).replace('{"action"', '{action'))), { code: 'entry.invalid', seq: 16 }],
      ['no comma', tampered((l) => (l[line(3)] = (l[line(3)] as string).slice(0, -1))), { code: 'entry.invalid', seq: 3 }],
    ];
    for (const [what, entries, first] of cases) {
      const expected = await inOneThread(entries, false);
      const report = await asTheCliDoes(entries, false, WORKER_ONLY);
      expect(report, what).toEqual(expected);
      expect((report as LedgerReport).ok, what).toBe(false);
      expect((report as LedgerReport).firstProblem, what).toMatchObject(first);
    }
    const invalid = (await asTheCliDoes(cases[2]?.[1] as Uint8Array, false, WORKER_ONLY)) as LedgerReport;
    expect(invalid.problems).toContainEqual(expect.objectContaining({ code: 'entry.invalid', seq: 30 }));
    const otherCase = (await asTheCliDoes(cases[3]?.[1] as Uint8Array, false, WORKER_ONLY)) as LedgerReport;
    expect(otherCase.problems).toContainEqual(expect.objectContaining({ code: 'entry.case', seq: 12, detail: `Entry 12 belongs to case case-other, not ${CASE}.` }));
    expect(started.errors).toBe(errors);
  }, 120_000);

  it('examines on the main thread what a failing worker took', async () => {
    const changed = tampered((l) => (l[line(40)] = (l[line(40)] as string).replace('证据 40', '证据 41')));
    const workerUrl = new URL('./failing-worker.mjs', import.meta.url);
    const { errors } = started;
    for (const entries of [utf8ToBytes(entriesText), changed]) {
      const report = await asTheCliDoes(entries, true, { ...WORKER_ONLY, workerUrl });
      expect(report).toEqual(await inOneThread(entries, true));
    }
    expect(started.errors).toBe(errors + 2);
  }, 60_000);

  it('gives the one-thread report for random byte flips, whichever thread examines them (property)', async () => {
    const bytes = utf8ToBytes(entriesText);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), async (at, mask, chunkHeight, files) => {
        const flipped = bytes.slice();
        flipped[at % flipped.length] = (flipped[at % flipped.length] as number) ^ mask;
        // A worker for one run in eight (each takes a good half second to start).
        const worker = run++ % 8 === 0;
        const options: Partial<ExamineOptions> = worker ? { ...WORKER_ONLY, chunkHeight } : { workerFromEntries: Infinity, chunkHeight };
        const report = await asTheCliDoes(flipped, files, options);
        expect(report).toEqual(await inOneThread(flipped, files));
        // Detected — unless whitespace became other whitespace around the entries (the same JSON).
        return typeof report === 'string' || !report.ok || (!files && sameJson(new TextDecoder().decode(flipped), entriesText));
      }),
      { numRuns: 160 },
    );
  }, 180_000);

  it('starts no worker for a small ledger, one for a large one', async () => {
    expect(ENTRIES).toBeLessThan(WORKER_FROM_ENTRIES);
    const before = started.workers;
    const report = await asTheCliDoes(utf8ToBytes(entriesText), false, {});
    expect((report as LedgerReport).ok).toBe(true);
    expect(started.workers).toBe(before);
    await asTheCliDoes(utf8ToBytes(entriesText), false, { workerFromEntries: ENTRIES });
    expect(started.workers).toBe(before + 1);
  }, 60_000);
});
