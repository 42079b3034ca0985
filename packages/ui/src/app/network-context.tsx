/**
 * The network store: one core `Network` lives outside React; components read it through
 * `useNetwork()` and re-render when it changes (`subscribe`). Writes go through the core's
 * methods (`network.recordEngagement(...)`), never through React state.
 */
import type { Network } from '@musubi/core';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

interface NetworkStore {
  network: Network;
  /** Grows by one on every change, so memoised reads can depend on it. */
  version: number;
}

const NetworkContext = createContext<NetworkStore | undefined>(undefined);

/** Makes `network` available to the tree and re-renders it on every change. */
export function NetworkProvider({ network, children }: { network: Network; children: ReactNode }) {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = network.subscribe(() => setVersion((v) => v + 1));
    return () => {
      unsubscribe();
    };
  }, [network]);
  return <NetworkContext.Provider value={{ network, version }}>{children}</NetworkContext.Provider>;
}

/** The live network and its change counter. */
export function useNetwork(): NetworkStore {
  const store = useContext(NetworkContext);
  if (!store) throw new Error('useNetwork needs a <NetworkProvider>');
  return store;
}
