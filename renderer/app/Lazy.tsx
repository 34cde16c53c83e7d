// A lazily loaded full-page screen (outside the signed-in frame, whose own Suspense covers the rest).
import { Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { FullPageSpinner } from '../features/auth/session';

export function Lazy({ component: Component }: { component: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Component />
    </Suspense>
  );
}
