/**
 * A control that must be pressed twice within 3 s (STOP, GO TO), so a stray
 * tap cannot end a playback or jump the show. `press(key, fire, now)` arms
 * `key` on the first press and fires on the second; `now` (a held modifier)
 * fires at once. One key is armed at a time: arming another disarms the first.
 */
import { useCallback, useEffect, useState } from 'react';

export const TWO_PRESS_MS = 3000;

/** One press: what is armed after it, and whether the control fires. */
export function twoPress(armed: string | null, key: string, now = false): { armed: string | null; fire: boolean } {
  if (now || armed === key) return { armed: null, fire: true };
  return { armed: key, fire: false };
}

export function useTwoPress(): { armed: string | null; press: (key: string, fire: () => void, now?: boolean) => void } {
  const [armed, setArmed] = useState<string | null>(null);
  useEffect(() => {
    if (armed === null) return;
    const t = setTimeout(() => setArmed(null), TWO_PRESS_MS);
    return () => clearTimeout(t);
  }, [armed]);
  const press = useCallback(
    (key: string, fire: () => void, now = false) => {
      const next = twoPress(armed, key, now);
      setArmed(next.armed);
      if (next.fire) fire();
    },
    [armed],
  );
  return { armed, press };
}
