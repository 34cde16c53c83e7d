// Whole-store snapshots and replacement (backup and restore). Replacement writes every table in
// one transaction, in batches that report progress and may be cancelled: a cancellation or a
// failure midway rolls everything back. Each batch leaves one change record, not one per row.
// Progress is counted in the caller's rows (every table's rows and the blobs), whatever the
// adapter packs them into, so the batches add up to exactly their number.
import type { BackupTableName, CaseRow, EventRow } from '../../../shared/backup/rows';
import type { Party } from '../../../shared/domain/model';
import type { BulkAccess } from '../store';
import { warmCatalog } from './case-catalog';
import { beginCollecting, flushChanges, noteChange } from './change-tracking';
import type { WorkstationDb } from './db';
import { buildPackedTables } from './packed-tables';
import { unpackCases, unpackEvents } from './packing';
import { restoredCatalogs } from './record-catalog';
import { PACKED_TABLES, PLAIN_TABLES, type GenericRecordRow } from './tables';
import type { ChangeFeed } from '../changes';

/** Rows of a plain table, or packed records, per write request batch (progress and cancel points). */
const WRITE_CHUNK = 500;
const BLOB_CHUNK = 100;

/** The kind whose change records a backup table's rows make. */
const KIND_OF_TABLE: Record<(typeof PLAIN_TABLES)[number], string> = {
  institution: 'institution',
  settings: 'settings',
  users: 'accounts',
  meta: 'meta',
  ledgerEntries: 'ledgerEntries',
  checkpoints: 'checkpoints',
  sessions: 'sessions',
  minutes: 'minutes',
  agreements: 'agreements',
  packages: 'packages',
  consultations: 'consultations',
  records: 'records',
};

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}

function idsOf(rows: readonly unknown[]): string[] {
  return rows.map((row) => {
    const r = row as { id?: unknown; key?: unknown; sha256?: unknown };
    return String(r.id ?? r.key ?? r.sha256 ?? '');
  });
}

/**
 * Meta values under this prefix belong to this workstation alone and never go into a backup (a
 * copy of credentials verified here, such as the center server's offline sign-in verifiers).
 */
export const LOCAL_ONLY_META_PREFIX = 'local.';

export function bulkAccess(db: WorkstationDb, changes: ChangeFeed): BulkAccess {
  return {
    async snapshot() {
      return db.transaction('r', [...PLAIN_TABLES.map((t) => db.table(t)), db.caseBuckets, db.eventPages], async () => {
        const out: Partial<Record<BackupTableName, unknown[]>> = {};
        for (const table of PLAIN_TABLES) out[table] = await db.table(table).toArray();
        out.meta = (out.meta ?? []).filter((row) => !String((row as { key?: unknown }).key).startsWith(LOCAL_ONLY_META_PREFIX));
        const { cases, parties } = unpackCases(await db.caseBuckets.toArray());
        out.cases = cases;
        out.parties = parties;
        out.events = unpackEvents(await db.eventPages.toArray());
        return out as Record<BackupTableName, unknown[]>;
      });
    },

    async replaceAll(tables, options) {
      const { signal, onBatch, blobs } = options;
      const packed = buildPackedTables(tables.cases as CaseRow[], tables.parties as Party[], tables.events as EventRow[], crypto.randomUUID());
      packed.counters.push(...restoredCatalogs(tables.records as readonly GenericRecordRow[]));
      // Progress counts the caller's rows: the packed records stand for the cases, parties and
      // events, so each batch of them reports its share of those, adding up to exactly their number.
      const packedTotal = PACKED_TABLES.reduce((n, table) => n + (packed[table] as readonly unknown[]).length, 0);
      const sourceTotal = tables.cases.length + tables.parties.length + tables.events.length;
      let packedWritten = 0;
      let packedReported = 0;
      const packedProgress = (records: number) => {
        packedWritten += records;
        const upTo = packedTotal > 0 ? Math.floor((sourceTotal * packedWritten) / packedTotal) : 0;
        if (upTo > packedReported) onBatch?.(upTo - packedReported);
        packedReported = upTo;
      };
      const writes: Array<{ table: string; kind: string; rows: readonly unknown[]; ids: (batch: readonly unknown[]) => string[]; report: (rows: number) => void }> = [
        ...PLAIN_TABLES.map((table) => ({ table, kind: KIND_OF_TABLE[table], rows: tables[table] ?? [], ids: idsOf, report: (rows: number) => onBatch?.(rows) })),
        ...PACKED_TABLES.map((table) => ({ table, kind: '', rows: packed[table] as readonly unknown[], ids: idsOf, report: packedProgress })),
      ];
      const names = [...PLAIN_TABLES, ...PACKED_TABLES, ...(blobs ? ['blobs'] : [])];
      const published = await db.transaction('rw', [...names.map((t) => db.table(t)), db.changeLog], async () => {
        beginCollecting(options.actor);
        for (const name of names) await db.table(name).clear();
        for (const { table, kind, rows, ids, report } of writes) {
          for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
            throwIfAborted(signal);
            const batch = rows.slice(start, start + WRITE_CHUNK);
            if (kind) noteChange(kind, 'replace_all', ids(batch));
            await db.table(table).bulkAdd(batch);
            report(batch.length);
          }
        }
        // Cases and events are noted by id from the rows themselves, one record per batch.
        for (const [kind, rows] of [['cases', tables.cases], ['events', tables.events]] as const) {
          for (let start = 0; start < rows.length; start += WRITE_CHUNK) noteChange(kind, 'replace_all', idsOf(rows.slice(start, start + WRITE_CHUNK)));
        }
        for (let start = 0; blobs && start < blobs.length; start += BLOB_CHUNK) {
          throwIfAborted(signal);
          const batch = blobs.slice(start, start + BLOB_CHUNK);
          noteChange('blobs', 'replace_all', idsOf(batch));
          await db.blobs.bulkAdd([...batch]);
          onBatch?.(batch.length);
        }
        await options.finish?.();
        return flushChanges(db);
      });
      warmCatalog(db);
      changes.publish(published);
    },
  };
}
