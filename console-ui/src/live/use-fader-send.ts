/**
 * A fader's moves, sent as they come but at most every 50 ms (the last move
 * always goes), so a drag does not flood the controller; and the fader follows
 * the server's value when someone else moves it, except while it is held here.
 */
import { useEffect, useRef, useState } from 'react';

const EVERY_MS = 50;

export interface FaderSend {
  value: number;
  /** A move from the input: shows it now, sends it throttled. */
  move: (v: number) => void;
  /** Pointer/blur handlers that mark the fader held. */
  hold: { onPointerDown: () => void; onPointerUp: () => void; onBlur: () => void };
}

export function useFaderSend(level: number, onLevel: (level: number) => void): FaderSend {
  const [value, setValue] = useState(level);
  const dragging = useRef(false);
  const lastSent = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!dragging.current) setValue(level);
  }, [level]);
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  const move = (v: number) => {
    setValue(v);
    if (pending.current) clearTimeout(pending.current);
    const wait = EVERY_MS - (performance.now() - lastSent.current);
    const send = () => {
      lastSent.current = performance.now();
      pending.current = null;
      onLevel(v);
    };
    if (wait <= 0) send();
    else pending.current = setTimeout(send, wait);
  };
  const hold = {
    onPointerDown: () => void (dragging.current = true),
    onPointerUp: () => void (dragging.current = false),
    onBlur: () => void (dragging.current = false),
  };
  return { value, move, hold };
}
