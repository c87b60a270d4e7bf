/** The show clock as text, ticking a few times a second (not every frame: React need not re-render at 60 Hz). */
import { useEffect, useState } from 'react';
import { formatMs } from '../compose/timeline-drag';
import { useLiveStore } from './live-context';

export function useShowClockText(): string {
  const store = useLiveStore();
  const [text, setText] = useState('0:00.0');
  useEffect(() => {
    const t = setInterval(() => setText(store.showTime.ready ? formatMs(store.showTime.now()) : '—'), 100);
    return () => clearInterval(t);
  }, [store]);
  return text;
}
