// The workstation's IndexedDB database (design.md §3): one per profile, and in the browser one per
// origin. Only the data layer's Dexie adapter opens it.
import Dexie from 'dexie';
import { declareSchema } from './migrations';
import type { WorkstationTables } from './tables';

export const DEFAULT_DB_NAME = 'mediation-workstation';

export interface WorkstationDb extends Dexie, WorkstationTables {}

export function openWorkstationDb(name: string = DEFAULT_DB_NAME): WorkstationDb {
  const db = new Dexie(name) as WorkstationDb;
  declareSchema(db);
  return db;
}
