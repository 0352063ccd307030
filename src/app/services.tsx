import { createContext, useContext, type ReactNode } from 'react';
import type { DefenderClient } from '../api/defender-client';
import type { Settings } from '../config/settings';

export interface Services {
  settings: Settings;
  defender: DefenderClient;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The app's settings and Defender client, created once at start-up (see main.tsx). */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside ServicesProvider');
  return services;
}
