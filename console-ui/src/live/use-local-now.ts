/** This console's clock (the show clock's local wall ms), re-read every `everyMs` while `active`: for countdowns. */
import { useEffect, useState } from 'react';
import { useLiveStore } from './live-context';

export function useLocalNow(active: boolean, everyMs = 100): number {
  const store = useLiveStore();
  const [now, setNow] = useState(() => store.showTime.localWall());
  useEffect(() => {
    if (!active) return;
    setNow(store.showTime.localWall());
    const t = setInterval(() => setNow(store.showTime.localWall()), everyMs);
    return () => clearInterval(t);
  }, [store, active, everyMs]);
  return now;
}
