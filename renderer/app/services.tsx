// The renderer's services: the data layer and the platform port chosen at start-up. Screens take
// them from this context rather than importing singletons, so tests and tools can hand in their
// own.
import { createContext, useContext, type ReactNode } from 'react';
import type { PlatformPort } from '../../shared/platform';
import type { DataStore } from '../data';

export interface Services {
  readonly data: DataStore;
  readonly platform: PlatformPort;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ value, children }: { value: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() was called outside <ServicesProvider>.');
  return services;
}
