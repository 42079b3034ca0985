/**
 * The network store: one core `Network` lives outside React; components read it through
 * `useNetwork()` and re-render when it changes (`subscribe`). Writes go through the core's
 * methods (`network.recordEngagement(...)`), never through React state.
 *
 * The workspace (`useWorkspace()`) is what lies around the network: where it is saved, and the
 * operations that swap the whole network (open a file, go back to the example).
 */
import type { Change, MusubiError, Network, SaveState } from '@musubi/core';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

interface NetworkStore {
  network: Network;
  /** Grows by one on every change, so memoised reads can depend on it. */
  version: number;
}

/** What the app can do with the whole network; tests and in-memory use may leave parts out. */
export interface Workspace {
  /** Where the network is kept, for the user ("IndexedDB musubi-1"), or undefined in memory. */
  readonly description: string | undefined;
  /** Why the network could not be saved in the browser, when it could not (it then lives in memory only). */
  readonly problem?: string | undefined;
  /** Replaces the whole network by this log (opening a file); the old one is kept until the new one is saved. */
  replace(log: readonly Change[]): Promise<void>;
  /** Replaces the whole network by the example network. */
  resetToExample(): Promise<void>;
  /** The seq of the change that made the network (the example, an opened file): undo stops there. */
  readonly base: number;
  /** Where the saved log was read and validated at the start (`data-opened-in` on the app). */
  readonly openedIn?: 'worker' | 'page' | 'written' | 'memory' | undefined;
}

const NetworkContext = createContext<NetworkStore | undefined>(undefined);
const WorkspaceContext = createContext<Workspace | undefined>(undefined);
const SaveStateContext = createContext<SaveState>({ status: 'saved' });

/** A network that reports whether its changes are saved (a `StoredNetwork`). */
interface SavingNetwork extends Network {
  saveState: SaveState;
  onSaveState(listener: (state: SaveState) => void): () => void;
}

function isSaving(network: Network): network is SavingNetwork {
  return typeof (network as unknown as Partial<SavingNetwork>).onSaveState === 'function';
}

/**
 * The id of the change that landed last (undo and redo land one too), to tell whether the network
 * changed. Not the change itself: the compact log makes a new object on every read, and comparing
 * those would call every network changed (a second render of every view, 2.4 s at scale M).
 */
function lastChange(network: Network): string | undefined {
  return network.lastChange()?.id;
}

/** Makes `network` available to the tree and re-renders it on every change. */
export function NetworkProvider({
  network,
  workspace,
  children,
}: {
  network: Network;
  workspace?: Workspace;
  children: ReactNode;
}) {
  const [version, setVersion] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>(() =>
    isSaving(network) ? network.saveState : { status: 'saved' },
  );
  /** The network and its last change as first rendered: the subscription below starts after that render. */
  const [rendered] = useState(() => ({ network, last: lastChange(network) }));
  useEffect(() => {
    const unsubscribe = network.subscribe(() => setVersion((v) => v + 1));
    const unsave = isSaving(network) ? network.onSaveState(setSaveState) : undefined;
    if (isSaving(network)) setSaveState(network.saveState);
    // render again only when the network changed since the first render (a big network's first
    // render is expensive: every view's derived data would be computed twice)
    if (rendered.network !== network || rendered.last !== lastChange(network)) setVersion((v) => v + 1);
    return () => {
      unsubscribe();
      unsave?.();
    };
  }, [network, rendered]);
  return (
    <WorkspaceContext.Provider value={workspace}>
      <SaveStateContext.Provider value={saveState}>
        <NetworkContext.Provider value={{ network, version }}>{children}</NetworkContext.Provider>
      </SaveStateContext.Provider>
    </WorkspaceContext.Provider>
  );
}

/** The live network and its change counter. */
export function useNetwork(): NetworkStore {
  const store = useContext(NetworkContext);
  if (!store) throw new Error('useNetwork needs a <NetworkProvider>');
  return store;
}

/** The workspace, or undefined when the network lives only in memory (component tests). */
export function useWorkspace(): Workspace | undefined {
  return useContext(WorkspaceContext);
}

/** Whether the changes so far are saved. */
export function useSaveState(): SaveState {
  return useContext(SaveStateContext);
}

export type { MusubiError };
