// A received package's entrustment as the court's filing page hosts it: loaded when first shown,
// so the door stays light for the shell.
import { lazy, Suspense } from 'react';
import type { CourtFiling } from '../../../shared/confirmation/court/filing';

const Notice = lazy(() => import('./EntrustedPackages').then((m) => ({ default: m.EntrustmentOfPackage })));

export function EntrustmentOfPackage(props: { filing: CourtFiling }) {
  return (
    <Suspense fallback={null}>
      <Notice {...props} />
    </Suspense>
  );
}
