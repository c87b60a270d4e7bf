import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { LiveStore, type LiveSnapshot } from './live-store';

const LiveContext = createContext<LiveStore | null>(null);

/** One socket per console, opened while `enabled` (brand accounts have no live console). */
export function LiveProvider({ enabled, sessionKey, children }: { enabled: boolean; sessionKey: string; children: ReactNode }) {
  const [store] = useState(() => new LiveStore());
  useEffect(() => {
    if (!enabled) return;
    store.reconnect();
    return () => store.disconnect();
  }, [enabled, sessionKey, store]);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

export function useLiveStore(): LiveStore {
  const s = useContext(LiveContext);
  if (!s) throw new Error('useLiveStore outside LiveProvider');
  return s;
}

export function useLive(): LiveSnapshot {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribeStore, store.getSnapshot);
}
