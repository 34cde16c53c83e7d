// The kinds of record the workstation keeps. Each is a name and the zod schema every write is
// parsed with (and every read, so a damaged row is named rather than shown half-parsed). The Dexie
// adapter gives the kinds below their tables; a kind defined elsewhere with defineRecordKind
// lives in the adapter's generic table and needs no schema migration.
import type { z } from 'zod';
import { agreementRecordSchema } from '../../shared/agreement/model';
import { centerApplicationSchema } from '../../shared/confirmation/center-record';
import { courtFilingSchema } from '../../shared/confirmation/court/filing';
import { minutesRecordSchema, videoSessionSchema } from '../../shared/sessions/model';
import { checkpointRowSchema, ledgerEntryRowSchema } from './kinds/evidence';
import type { CatalogSpec } from './record-catalog';

/** A kind of record kept by id, most of them belonging to a case. */
export interface RecordKind<T extends { id: string }, E extends { id: string } = { id: string }> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  /** The packed catalog the data layer keeps of the kind's records (./record-catalog.ts), if any. */
  readonly catalog?: CatalogSpec<T, E>;
}

/** Kinds with a packed catalog, by name: every write of the kind keeps it, whichever RecordKind object it went through. */
const catalogued = new Map<string, RecordKind<{ id: string }>>();

export function defineRecordKind<T extends { id: string }, E extends { id: string } = { id: string }>(
  name: string,
  schema: z.ZodType<T>,
  options: { catalog?: CatalogSpec<T, E> } = {},
): RecordKind<T, E> {
  if (!/^[a-z][A-Za-z0-9]{1,40}$/.test(name)) throw new Error(`A record kind's name is a short camelCase word, not "${name}".`);
  const { catalog } = options;
  if (!catalog) return { name, schema };
  if (catalog.fields[0] !== 'id') throw new Error(`The catalog of ${name} stores the id first.`);
  const kind: RecordKind<T, E> = { name, schema, catalog };
  catalogued.set(name, kind as unknown as RecordKind<{ id: string }>);
  return kind;
}

/** The kind named `name` if it has a packed catalog. */
export function cataloguedKind(name: string): RecordKind<{ id: string }> | undefined {
  return catalogued.get(name);
}

/** Every kind with a packed catalog (a restore builds theirs). */
export function cataloguedKinds(): RecordKind<{ id: string }>[] {
  return [...catalogued.values()];
}

/** Kinds kept by id in a table of their own. */
export const ID_KINDS = {
  ledgerEntries: defineRecordKind('ledgerEntries', ledgerEntryRowSchema),
  checkpoints: defineRecordKind('checkpoints', checkpointRowSchema),
  agreements: defineRecordKind('agreements', agreementRecordSchema),
  sessions: defineRecordKind('sessions', videoSessionSchema),
  minutes: defineRecordKind('minutes', minutesRecordSchema),
  centerApplications: defineRecordKind('centerApplications', centerApplicationSchema),
  courtFilings: defineRecordKind('courtFilings', courtFilingSchema),
} as const;
export type IdKindName = keyof typeof ID_KINDS;

/** Every kind with repositories of its own shape (see store.ts), and the ones above. */
export const RECORD_KIND_NAMES = [
  'institution',
  'accounts',
  'settings',
  'cases',
  'events',
  'meta',
  'blobs',
  ...(Object.keys(ID_KINDS) as IdKindName[]),
] as const;
export type BuiltInKindName = (typeof RECORD_KIND_NAMES)[number];
