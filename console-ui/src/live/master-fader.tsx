/**
 * The master fader, 0..255 as bands scale by it. Moves are sent as they come
 * (throttled), and the fader follows the server's master when someone else moves it.
 */
import { forwardRef } from 'react';
import { useFaderSend } from './use-fader-send';

interface Props {
  level: number;
  disabled?: boolean;
  onLevel: (level: number) => void;
}

export const MasterFader = forwardRef<HTMLInputElement, Props>(function MasterFader({ level, disabled, onLevel }, ref) {
  const { value, move, hold } = useFaderSend(level, onLevel);
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
        {...hold}
        onChange={(e) => move(Number(e.target.value))}
      />
      <div className="master-scale">
        <span>0</span>
        <span>{value} / 255</span>
        <span>full</span>
      </div>
    </div>
  );
});
