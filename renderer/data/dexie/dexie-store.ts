// The data layer over IndexedDB through Dexie: one database per store name, the repositories of
// ./repositories.ts, one transaction over every table for each `transact`, and the change log.
import Dexie from 'dexie';
import { ChangeFeed } from '../changes';
import { ID_KINDS, type RecordKind } from '../registry';
import type { Actor } from '../actor';
import type { DataStore, Repository } from '../store';
import { SYSTEM_ACTOR } from '../actor';
import { bulkAccess } from './bulk';
import { caseRepository } from './case-rows';
import { beginCollecting, flushChanges, noteChange } from './change-tracking';
import { DEFAULT_DB_NAME, openWorkstationDb, type WorkstationDb } from './db';
import { allEvents, caseEvents, recordEvent } from './event-log';
import { readRecordCatalog, stageCatalogEntry } from './record-catalog';
import { accountRepository, APPLICATIONS_SHARE, blobRepository, FILINGS_SHARE, genericRepository, keyValueRepository, singleRecord, tableRepository } from './repositories';

export function openDexieStore(name: string = DEFAULT_DB_NAME): DataStore {
  const db = openWorkstationDb(name);
  const changes = new ChangeFeed(name);
  const generic = new Map<string, Repository<{ id: string }>>();

  async function transact<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
    // Nested: the outer transact owns the commit and the change records.
    if (Dexie.currentTransaction?.db === db && Dexie.currentTransaction.mode === 'readwrite') return work();
    let published: Awaited<ReturnType<typeof flushChanges>> = [];
    const result = await db.transaction('rw', db.tables, async () => {
      beginCollecting(actor);
      const value = await work();
      published = await flushChanges(db);
      return value;
    });
    changes.publish(published);
    return result;
  }

  return {
    name,
    institution: singleRecord('institution', db.institution),
    settings: singleRecord('settings', db.settings),
    accounts: accountRepository(db.users),
    cases: caseRepository(db),
    events: {
      async record(input) {
        const id = await recordEvent(db, input);
        noteChange('events', 'put', [String(id)]);
        return id;
      },
      byCase: (caseId) => caseEvents(db, caseId),
      all: () => allEvents(db),
    },
    meta: keyValueRepository(db.meta),
    blobs: blobRepository(db.blobs, (work) => transact(SYSTEM_ACTOR, work)),
    bulk: bulkAccess(db, changes),
    changes,
    ledgerEntries: tableRepository(db.ledgerEntries, ID_KINDS.ledgerEntries),
    checkpoints: tableRepository(db.checkpoints, ID_KINDS.checkpoints),
    agreements: tableRepository(db.agreements, ID_KINDS.agreements),
    sessions: tableRepository(db.sessions, ID_KINDS.sessions),
    minutes: tableRepository(db.minutes, ID_KINDS.minutes),
    centerApplications: tableRepository(db.packages, ID_KINDS.centerApplications, APPLICATIONS_SHARE),
    courtFilings: tableRepository(db.packages, ID_KINDS.courtFilings, FILINGS_SHARE),
    records<T extends { id: string }>(kind: RecordKind<T>): Repository<T> {
      if (kind.name in ID_KINDS || ['institution', 'settings', 'accounts', 'cases', 'events', 'meta', 'blobs'].includes(kind.name)) {
        throw new Error(`${kind.name} is a built-in kind; use data.${kind.name}.`);
      }
      let repo = generic.get(kind.name);
      if (!repo) {
        const keep = (id: string, record: T | undefined) => stageCatalogEntry(db, kind.name, id, record);
        generic.set(kind.name, (repo = genericRepository(db.records, kind, keep) as unknown as Repository<{ id: string }>));
      }
      return repo as unknown as Repository<T>;
    },
    recordCatalog: (kind) => readRecordCatalog(db, kind),
    transact,
    async changesSince(version) {
      const rows = await db.changeLog.where('version').above(version).toArray();
      return rows.flatMap((row) => row.changes as ReturnType<typeof flushChanges> extends Promise<infer C> ? C : never);
    },
    close() {
      changes.close();
      db.close();
    },
    async destroy() {
      changes.close();
      await db.delete();
    },
  };
}

export type { WorkstationDb };
