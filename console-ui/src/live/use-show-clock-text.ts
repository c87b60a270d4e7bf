/**
 * The show clock as text, ticking a few times a second (not every frame: React need not
 * re-render at 60 Hz). It is also read at once on every change of the live store, so the
 * moment the link drops (the clock is held) or a state arrives, the text is the held or
 * new time, not the one read up to a tick earlier.
 */
import { useEffect, useState } from 'react';
import { formatMs } from '../compose/timeline-drag';
import { useLiveStore } from './live-context';

export function useShowClockText(): string {
  const store = useLiveStore();
  const [text, setText] = useState('0:00.0');
  useEffect(() => {
    const read = () => setText(store.showTime.ready ? formatMs(store.showTime.now()) : '—');
    read();
    const t = setInterval(read, 100);
    const unsubscribe = store.subscribeStore(read);
    return () => {
      clearInterval(t);
      unsubscribe();
    };
  }, [store]);
  return text;
}
