// Examines the entries of a large entries.json on two threads: each entry is validated and hashed
// on its own (shared/ledger/verify.ts examineEntry), which is most of verifying a ledger, so the
// main thread and a worker thread take chunks of entries from a shared counter until none is left,
// writing what they find into shared memory. A chunk is 1024 entries, a complete Merkle subtree,
// whose nodes the thread that examined it computes as well. verifyLedger then checks what lies
// between the entries on the main thread, exactly as it does when it examines them itself.
//
// Only a file in the layout entriesFileBytes writes, whose every line is JSON on its own, is read
// this way: its entries are then the values readEntriesFile hands the verifier. Anything else
// (a damaged or hand-formatted file) is left to readEntriesFile and verifyLedger in one thread.
import { Worker } from 'node:worker_threads';
import { entryLineBytes, entryLines, visitEntryLines, type EntryLines } from '../../../shared/ledger/export';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { examineBlock, examineEntry, examinedArrays, examinedEntries, type ExaminedArrays, type ExaminedEntries } from '../../../shared/ledger/verify';

/**
 * From this many entries a worker thread is started. It takes about half a second to load (tsx,
 * zod), time in which the main thread examines 25,000 to 40,000 entries on a slow 2-core machine:
 * for a smaller ledger it would only be started to be stopped.
 */
export const WORKER_FROM_ENTRIES = 25_000;
/** Entries per chunk: 2^10, so a chunk is a complete Merkle subtree, whose nodes its thread computes too. */
const CHUNK_HEIGHT = 10;

/** control[NEXT]: the next chunk to take; control[FAILED]: a line is not JSON on its own; control[DONE]: the worker has finished. */
const NEXT = 0;
const FAILED = 1;
const DONE = 2;

/** What a thread examines: the file, where its entry lines are, the chunk size, the control words. */
interface Plan {
  file: Uint8Array;
  lines: EntryLines;
  /** Entries per chunk, a power of two. */
  chunk: number;
  control: Int32Array;
}

/**
 * What the worker is sent: the plan and the arrays it examines into, views of shared memory
 * (postMessage shares a SharedArrayBuffer, never copies it), and the options of examinedEntries.
 */
export interface WorkerData {
  plan: Plan;
  arrays: ExaminedArrays;
  caseId: string;
  keepEntries: boolean;
}

/** What the worker sends back: what does not fit the shared arrays. */
export interface WorkerResult {
  failed: boolean;
  issues: [number, string][];
  otherCases: [number, string][];
  entries: [number, LedgerEntry][] | null;
}

/**
 * Takes chunks until none is left, examining their entries into `examined`; false as soon as a
 * line is found that is not JSON on its own (by either thread).
 */
function examineChunks(plan: Plan, examined: ExaminedEntries, taken: number[]): boolean {
  const { lines, chunk, control } = plan;
  const chunks = Math.ceil(lines.count / chunk);
  for (;;) {
    if (Atomics.load(control, FAILED) !== 0) return false;
    const c = Atomics.add(control, NEXT, 1);
    if (c >= chunks) return true;
    taken.push(c);
    if (!examineChunk(plan, examined, c)) {
      Atomics.store(control, FAILED, 1);
      return false;
    }
  }
}

function examineChunk({ file, lines, chunk }: Plan, examined: ExaminedEntries, c: number): boolean {
  const from = c * chunk;
  const to = Math.min(lines.count, from + chunk);
  if (!visitEntryLines(file, lines, from, to, (i, value) => examineEntry(examined, i, value, entryLineBytes(file, lines, i)))) return false;
  examineBlock(examined, c);
  return true;
}

/** The worker's side (./worker.ts). */
export function examineInWorker({ plan, arrays, caseId, keepEntries }: WorkerData): WorkerResult {
  const examined = examinedEntries(plan.lines.count, { caseId, keepEntries, arrays });
  const failed = !examineChunks(plan, examined, []);
  // Publishes the shared arrays' contents to the main thread, which loads DONE before reading them.
  Atomics.store(plan.control, DONE, 1);
  const kept = examined.entries;
  return {
    failed,
    issues: [...examined.issues],
    otherCases: [...examined.otherCases],
    entries: kept ? kept.flatMap((entry, i) => (entry ? [[i, entry] as [number, LedgerEntry]] : [])) : null,
  };
}

export interface ExamineOptions {
  /** The case the export is of (ledger.json). */
  caseId: string;
  /** Keep the validated entries (to check their files). */
  keepEntries: boolean;
  /** From how many entries a worker thread helps (default WORKER_FROM_ENTRIES). */
  workerFromEntries?: number;
  /** Entries per chunk: 2^chunkHeight (default 2^10). */
  chunkHeight?: number;
  /** For tests: false leaves every entry to the worker. */
  mainThreadExamines?: boolean;
  /** For tests: the worker's script. */
  workerUrl?: URL;
}

/**
 * Every entry of entries.json examined on its own, on this thread and, for a large file, a worker
 * thread too — or null when the file is not in the layout entriesFileBytes writes or a line of it
 * is not JSON on its own: readEntriesFile and verifyLedger then read and examine it as they do.
 */
export async function examineEntriesFile(bytes: Uint8Array, options: ExamineOptions): Promise<ExaminedEntries | null> {
  const lines = entryLines(bytes);
  if (!lines) return null;
  const height = Math.max(0, Math.min(20, Math.floor(options.chunkHeight ?? CHUNK_HEIGHT)));
  const chunk = 2 ** height;
  if (lines.count < (options.workerFromEntries ?? WORKER_FROM_ENTRIES)) {
    const arrays = examinedArrays(lines.count, undefined, height);
    const examined = examinedEntries(lines.count, { caseId: options.caseId, keepEntries: options.keepEntries, arrays });
    const plan: Plan = { file: bytes, lines, chunk, control: new Int32Array(3) };
    return examineChunks(plan, examined, []) ? examined : null;
  }

  // Started first: it loads while the shared memory is prepared.
  const worker = new Worker(options.workerUrl ?? new URL('./worker.mjs', import.meta.url));
  const outcome = new Promise<WorkerResult | Error>((resolve) => {
    worker.once('message', (result: WorkerResult) => resolve(result));
    worker.on('error', (error) => resolve(error));
    worker.once('exit', (code) => resolve(new Error(`The ledger worker stopped (exit code ${code}).`)));
  });
  try {
    return await examineWithWorker(bytes, lines, height, options, worker, outcome);
  } finally {
    void worker.terminate();
  }
}

async function examineWithWorker(bytes: Uint8Array, lines: EntryLines, height: number, options: ExamineOptions, worker: Worker, outcome: Promise<WorkerResult | Error>): Promise<ExaminedEntries | null> {
  const chunk = 2 ** height;
  const shared = (size: number) => new SharedArrayBuffer(size);
  const file = new Uint8Array(shared(bytes.length));
  file.set(bytes);
  const starts = new Uint32Array(shared(lines.count * 4));
  starts.set(lines.starts);
  const lineEnds = new Uint32Array(shared(lines.count * 4));
  lineEnds.set(lines.lineEnds);
  const control = new Int32Array(shared(3 * 4));
  const arrays = examinedArrays(lines.count, shared, height);
  const plan: Plan = { file, lines: { count: lines.count, starts, lineEnds }, chunk, control };
  worker.postMessage({ plan, arrays, caseId: options.caseId, keepEntries: options.keepEntries } satisfies WorkerData);

  const examined = examinedEntries(lines.count, { caseId: options.caseId, keepEntries: options.keepEntries, arrays });
  const mine: number[] = [];
  if (options.mainThreadExamines !== false && !examineChunks(plan, examined, mine)) return null;
  const chunks = Math.ceil(lines.count / chunk);
  const taken = new Set(mine);
  const theirs = Array.from({ length: chunks }, (_, c) => c).filter((c) => !taken.has(c));
  // The worker took nothing (it was still loading when the main thread finished): not awaited.
  if (theirs.length === 0) return examined;
  const result = await outcome;
  if (result instanceof Error) {
    // The worker failed: its chunks are examined here (all of each, whatever it wrote).
    for (const c of theirs) if (!examineChunk(plan, examined, c)) return null;
    return examined;
  }
  Atomics.load(control, DONE);
  if (result.failed) return null;
  for (const [i, text] of result.issues) examined.issues.set(i, text);
  for (const [i, caseId] of result.otherCases) examined.otherCases.set(i, caseId);
  if (examined.entries && result.entries) for (const [i, entry] of result.entries) examined.entries[i] = entry;
  return examined;
}
