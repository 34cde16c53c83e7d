// The data layer's one door. Features and screens reach storage only through what is exported
// here; Dexie and the database class stay inside ./dexie/.
export type {
  Actor,
  AccountRepository,
  BlobRepository,
  BlobRow,
  BulkAccess,
  CaseRepository,
  CaseRow,
  DataStore,
  EventLog,
  EventRow,
  KeyValueRepository,
  Repository,
  SingleRecord,
} from './store';
export { SYSTEM_ACTOR } from './actor';
export { changedFields, type AuditInput } from './audit-input';
export { ChangeFeed, changeRecordSchema, type ChangeListener, type ChangeRecord } from './changes';
export { DataError, type DataErrorKey } from './errors';
export { defineRecordKind, ID_KINDS, RECORD_KIND_NAMES, type RecordKind } from './registry';
export { ledgerRowId, CHECKPOINT_REASONS, type CheckpointReason, type CheckpointRow, type LedgerEntryRow } from './kinds/evidence';
export { TermIndex, searchTextOf } from './term-index';
export { catalogChunkOf, type CatalogSpec, type LoadedRecordCatalog } from './record-catalog';
export { compareSortKeys, ordering, sortKeyOf, TERM_SEPARATOR, type CatalogEntry, type LoadedCatalog, type SortKey } from './dexie/case-catalog';
export type { LoadedDashboard, LoadedRepeats } from './aggregates/loaded';
export { DEFAULT_DB_NAME as DEFAULT_STORE_NAME } from './dexie/db';
export { openDexieStore as openDataStore } from './dexie/dexie-store';
export { LOCAL_ONLY_META_PREFIX } from './dexie/bulk';
