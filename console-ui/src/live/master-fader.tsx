/**
 * The master fader, 0..255 as bands scale by it. Moves are sent as they come
 * (at most every 50 ms, the last move always), and the fader follows the
 * server's master when someone else moves it.
 */
import { forwardRef, useEffect, useRef, useState } from 'react';

interface Props {
  level: number;
  disabled?: boolean;
  onLevel: (level: number) => void;
}

export const MasterFader = forwardRef<HTMLInputElement, Props>(function MasterFader({ level, disabled, onLevel }, ref) {
  const [value, setValue] = useState(level);
  const dragging = useRef(false);
  const lastSent = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!dragging.current) setValue(level);
  }, [level]);

  const send = (v: number) => {
    if (pending.current) clearTimeout(pending.current);
    const wait = 50 - (performance.now() - lastSent.current);
    const go = () => {
      lastSent.current = performance.now();
      pending.current = null;
      onLevel(v);
    };
    if (wait <= 0) go();
    else pending.current = setTimeout(go, wait);
  };

  return (
    <div className="master">
      <div className="master-head">
        <span>Master</span>
        <output data-testid="master-value">{Math.round((value / 255) * 100)}%</output>
      </div>
      <input
        ref={ref}
        data-testid="master"
        type="range"
        min={0}
        max={255}
        value={value}
        disabled={disabled}
        aria-label="Master level"
        onPointerDown={() => (dragging.current = true)}
        onPointerUp={() => (dragging.current = false)}
        onBlur={() => (dragging.current = false)}
        onChange={(e) => {
          const v = Number(e.target.value);
          setValue(v);
          send(v);
        }}
      />
      <div className="master-scale">
        <span>0</span>
        <span>{value} / 255</span>
        <span>full</span>
      </div>
    </div>
  );
});
