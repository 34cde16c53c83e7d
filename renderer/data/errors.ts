// What the data layer refuses, as a Problem (shared/problem.ts) the screen translates: a damaged
// row, a write of a record under another kind's id. Never an English sentence for the user.
import { problem, type Problem, type ProblemParams } from '../../shared/problem';

export type DataErrorKey = 'data.record_invalid' | 'data.field_invalid' | 'data.id_foreign' | 'data.outside_transaction';

export class DataError extends Error {
  readonly problem: Problem;

  constructor(key: DataErrorKey, params: ProblemParams, items?: readonly Problem[]) {
    super(`${key} ${JSON.stringify(params)}`);
    // Not 'DataError': Dexie turns errors of IndexedDB's own names into its DexieError.
    this.name = 'DataLayerError';
    this.problem = problem(key, params, items);
  }
}
