// A lazily loaded full-page screen (outside the signed-in frame, whose own Suspense covers the rest).
import { Suspense, type ReactNode } from 'react';
import { FullPageSpinner } from '../features/auth';

export function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpinner />}>{children}</Suspense>;
}
