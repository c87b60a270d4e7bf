/**
 * GO, BACK, PAUSE/RESUME, STOP and BLACKOUT: the desk's big buttons. STOP asks
 * for a second press within 3 s so a stray tap cannot end the show.
 */
import type { LiveState } from '@crowdcue/protocol';
import { useEffect, useState } from 'react';

interface Props {
  state: LiveState | null;
  canControl: boolean;
  onGo: () => void;
  onBack: () => void;
  onPause: () => void;
  onStop: () => void;
  onBlackout: () => void;
}

export function TransportPanel({ state, canControl, onGo, onBack, onPause, onStop, onBlackout }: Props) {
  const [stopArmed, setStopArmed] = useState(false);
  useEffect(() => {
    if (!stopArmed) return;
    const t = setTimeout(() => setStopArmed(false), 3000);
    return () => clearTimeout(t);
  }, [stopArmed]);

  const off = !canControl || !state?.show;
  const next = state?.next;
  return (
    <div className="transport">
      <button data-testid="go" className="go" disabled={off} onClick={onGo} title="GO (space)">
        <span className="go-label">GO</span>
        <span className="go-next">{next ? `${next.number} ${next.label}` : 'end of list'}</span>
      </button>
      <div className="transport-row">
        <button data-testid="back" disabled={off} onClick={onBack} title="Back one cue">
          BACK
        </button>
        <button data-testid="pause" className={state?.paused ? 'armed' : ''} disabled={off} onClick={onPause} title="Pause / resume (P)">
          {state?.paused ? 'RESUME' : 'PAUSE'}
        </button>
        <button
          data-testid="stop"
          className={stopArmed ? 'danger armed' : ''}
          disabled={off}
          onClick={() => {
            if (stopArmed) {
              setStopArmed(false);
              onStop();
            } else setStopArmed(true);
          }}
          title="Stop the show (press twice)"
        >
          {stopArmed ? 'CONFIRM' : 'STOP'}
        </button>
      </div>
      <button
        data-testid="blackout"
        aria-pressed={state?.blackout ?? false}
        className={`blackout-btn ${state?.blackout ? 'active' : ''}`}
        disabled={!canControl || !state?.show}
        onClick={onBlackout}
        title="Blackout (B)"
      >
        BLACKOUT{state?.blackout ? ' ON' : ''}
      </button>
    </div>
  );
}
