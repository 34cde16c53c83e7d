// What a window holds of the dashboard's aggregate (./dashboard.ts) and of the repeat disputes'
// index (./repeats.ts), apart from the code that reads them, so the data layer's contract
// (../store.ts) names them without importing the adapter.
import type { LoadedCell, RepeatShard } from '../../../shared/statistics/dashboard';

/** The dashboard's cells as one window holds them. */
export interface LoadedDashboard {
  readonly generation: string;
  readonly revision: number;
  readonly cells: readonly LoadedCell[];
}

/** The repeat disputes' index as one window holds it (./repeats.ts). */
export interface LoadedRepeats {
  readonly generation: string;
  readonly revision: number;
  readonly shards: ReadonlyMap<string, RepeatShard>;
}
