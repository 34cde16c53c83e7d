// What a window holds of the dashboard's aggregate (./dashboard.ts), apart from the code that reads
// it, so the data layer's contract (../store.ts) names it without importing the adapter.
import type { LoadedCell } from '../../../shared/statistics/dashboard';

/** The dashboard's cells as one window holds them. */
export interface LoadedDashboard {
  readonly generation: string;
  readonly revision: number;
  readonly cells: readonly LoadedCell[];
}
