/**
 * A control that must be pressed twice within 3 s (STOP, GO TO), so a stray
 * tap cannot end a playback or jump the show. `press(key, fire, now)` arms
 * `key` on the first press and fires on the second; `now` (a held modifier)
 * fires at once. One key is armed at a time: arming another disarms the first.
 */
import { useCallback, useEffect, useState } from 'react';

export const TWO_PRESS_MS = 3000;

export function useTwoPress(): { armed: string | null; press: (key: string, fire: () => void, now?: boolean) => void } {
  const [armed, setArmed] = useState<string | null>(null);
  useEffect(() => {
    if (armed === null) return;
    const t = setTimeout(() => setArmed(null), TWO_PRESS_MS);
    return () => clearTimeout(t);
  }, [armed]);
  const press = useCallback(
    (key: string, fire: () => void, now = false) => {
      if (now || armed === key) {
        setArmed(null);
        fire();
      } else setArmed(key);
    },
    [armed],
  );
  return { armed, press };
}
