// What the court's intake keeps, in its folder:
//   packages/<sha256>.zip   a package kept for the clerk, with packages/<sha256>.json its record
//                           (shared/protocol/intake.ts IntakeRecord: the answer, the trust setting
//                           it was reached under, who signed it)
//   answers/<sha256>.json   the record of a body not kept — not a package, or signed by an
//                           institution the court has not registered — so that it is answered
//                           again without being stored; at most `maxAnswers`, the oldest dropped
// Packages are split by signer: those of registered institutions are never dropped; those of
// unknown signers have a quota (a count and bytes) and are dropped oldest first, when the quota is
// full or the disk is short. An index in memory answers the clerk's inbox a page at a time.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRegisteredSigner } from '../../../shared/confirmation/trust';
import { intakeAnswerSchema, intakeRecordSchema, packageSha256Schema, type InboxItem, type InboxPage, type InboxQuery, type IntakeRecord } from '../../../shared/protocol/intake';

export interface StoreLimits {
  /** Packages of unknown signers kept at once. */
  maxUnknownPackages: number;
  /** Their bytes kept at once. */
  maxUnknownBytes: number;
  /** Answers kept for bodies not kept. */
  maxAnswers: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxUnknownPackages: 200, maxUnknownBytes: 16 * 1024 ** 3, maxAnswers: 2000 };

/** The trust setting of a record written before records named one: never the current one. */
const LEGACY_TRUST = 'legacy';

interface Kept {
  record: IntakeRecord;
  size: number;
  receivedAt: string;
}

function readRecordFile(path: string): IntakeRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  const record = intakeRecordSchema.safeParse(json);
  if (record.success) return record.data;
  // An answer alone, as intakes wrote before: kept and listed, but answered again when asked.
  const answer = intakeAnswerSchema.safeParse(json);
  return answer.success ? { answer: answer.data, trust: LEGACY_TRUST, signer: null } : null;
}

export class IntakeStore {
  private readonly packages: string;
  private readonly answers: string;
  private readonly incoming: string;
  private readonly kept = new Map<string, Kept>();

  constructor(
    dir: string,
    /** SHA-256 of each certificate the intake trusts; null without a trust list. */
    private readonly trusted: ReadonlySet<string> | null,
    private readonly limits: StoreLimits,
  ) {
    this.packages = join(dir, 'packages');
    this.answers = join(dir, 'answers');
    this.incoming = join(dir, 'incoming');
    for (const d of [this.packages, this.answers, this.incoming]) mkdirSync(d, { recursive: true });
    for (const name of readdirSync(this.packages)) {
      const sha256 = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!packageSha256Schema.safeParse(sha256).success) continue;
      const zip = statSync(this.zipPath(sha256), { throwIfNoEntry: false });
      const record = zip ? readRecordFile(join(this.packages, name)) : null;
      if (record && zip) this.kept.set(sha256, { record, size: zip.size, receivedAt: zip.mtime.toISOString() });
    }
  }

  zipPath(sha256: string): string {
    return join(this.packages, `${sha256}.zip`);
  }

  /** A stored package's record, whatever trust it was reached under; null when the package is not kept. */
  keptRecord(sha256: string): IntakeRecord | null {
    return this.kept.get(sha256)?.record ?? null;
  }

  /** Kept packages whose answer was reached under another trust setting than `trust`. */
  staleUnder(trust: string): string[] {
    return [...this.kept].filter(([, k]) => k.record.trust !== trust).map(([sha256]) => sha256);
  }

  /** The record of a body answered and not kept. */
  answeredRecord(sha256: string): IntakeRecord | null {
    return readRecordFile(join(this.answers, `${sha256}.json`));
  }

  private write(path: string, record: IntakeRecord): void {
    const temp = join(this.incoming, `${record.answer.packageSha256}.${randomBytes(4).toString('hex')}.json.part`);
    writeFileSync(temp, `${JSON.stringify(intakeRecordSchema.parse(record), null, 2)}\n`);
    renameSync(temp, path);
  }

  /** Signed by an institution on the intake's trust list. */
  registered(record: IntakeRecord): boolean {
    return this.trusted !== null && isRegisteredSigner(record.signer, this.trusted);
  }

  /** Moves an uploaded body into the store as a package (a copy already there is dropped). */
  keep(temp: string, sha256: string): string {
    const zip = this.zipPath(sha256);
    if (existsSync(zip)) rmSync(temp, { force: true });
    else renameSync(temp, zip);
    return zip;
  }

  /**
   * Records the answer for a kept package. A package of an unknown signer takes its place in their
   * quota, the oldest of them dropped to make room; it is the one dropped when it alone is over it.
   * Returns whether it is still kept.
   */
  recordKept(record: IntakeRecord): boolean {
    const sha256 = record.answer.packageSha256;
    const zip = statSync(this.zipPath(sha256), { throwIfNoEntry: false });
    if (!zip) return false;
    this.write(join(this.packages, `${sha256}.json`), record);
    this.kept.set(sha256, { record, size: zip.size, receivedAt: zip.mtime.toISOString() });
    if (this.registered(record)) return true;
    const unknown = this.unknownOldestFirst();
    let count = unknown.length;
    let bytes = unknown.reduce((n, [, k]) => n + k.size, 0);
    for (const [other, k] of unknown) {
      if (count <= this.limits.maxUnknownPackages && bytes <= this.limits.maxUnknownBytes) break;
      // The newest stays unless it alone is more than the quota holds.
      if (other === sha256 && count > 1) continue;
      this.drop(other);
      count -= 1;
      bytes -= k.size;
    }
    return this.kept.has(sha256);
  }

  /** Answers a body that is not kept: its record among the bounded answers, the body deleted. */
  recordAnswered(record: IntakeRecord, temp: string): void {
    rmSync(temp, { force: true });
    const sha256 = record.answer.packageSha256;
    // A package kept under an earlier trust setting that this one does not allow is dropped.
    if (this.kept.has(sha256)) this.drop(sha256);
    this.write(join(this.answers, `${sha256}.json`), record);
    const names = readdirSync(this.answers).filter((n) => n.endsWith('.json'));
    if (names.length <= this.limits.maxAnswers) return;
    const oldest = names
      .map((name) => ({ name, at: statSync(join(this.answers, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => a.at - b.at)
      .slice(0, names.length - this.limits.maxAnswers);
    for (const { name } of oldest) rmSync(join(this.answers, name), { force: true });
  }

  private unknownOldestFirst(): Array<[string, Kept]> {
    return [...this.kept].filter(([, k]) => !this.registered(k.record)).sort(([, a], [, b]) => a.receivedAt.localeCompare(b.receivedAt));
  }

  private drop(sha256: string): void {
    rmSync(this.zipPath(sha256), { force: true });
    rmSync(join(this.packages, `${sha256}.json`), { force: true });
    this.kept.delete(sha256);
  }

  /** Drops unknown signers' packages, oldest first, until `bytes` are free; the bytes freed. */
  makeRoom(bytes: number): number {
    let freed = 0;
    for (const [sha256, k] of this.unknownOldestFirst()) {
      if (freed >= bytes) break;
      this.drop(sha256);
      freed += k.size;
    }
    return freed;
  }

  /** One page of one list, newest first; `also` are certificates the clerk registered, beside the intake's own. */
  page(query: InboxQuery): InboxPage {
    const also = new Set(query.registered);
    const items: InboxItem[] = [];
    for (const k of this.kept.values()) {
      const registered = this.registered(k.record) || isRegisteredSigner(k.record.signer, also);
      if ((query.group === 'registered') !== registered) continue;
      items.push({ answer: k.record.answer, size: k.size, receivedAt: k.receivedAt, signer: k.record.signer, registered });
    }
    items.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.answer.packageSha256.localeCompare(b.answer.packageSha256));
    return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
  }

  /** The zip of a kept package, or null. */
  packagePath(sha256: string): string | null {
    return packageSha256Schema.safeParse(sha256).success && this.kept.has(sha256) ? this.zipPath(sha256) : null;
  }
}
