/**
 * The desk's big buttons: GO and BACK drive the selected playback (the first
 * unless one is picked on the strip); PAUSE/RESUME and STOP act on the whole
 * show, every playback; STOP asks for a second press within 3 s so a stray tap
 * cannot end the show. GO shows its lock-out: a second press inside it is one GO.
 */
import type { LiveState, PlaybackState } from '@crowdcue/protocol';
import { useTwoPress } from './use-two-press';

interface Props {
  state: LiveState | null;
  /** The playback GO and BACK drive. */
  playback: PlaybackState | null;
  goLocked: boolean;
  canControl: boolean;
  onGo: () => void;
  onBack: () => void;
  onPause: () => void;
  onStop: () => void;
  onBlackout: () => void;
}

export function TransportPanel({ state, playback, goLocked, canControl, onGo, onBack, onPause, onStop, onBlackout }: Props) {
  const stop = useTwoPress();
  const off = !canControl || !state?.show;
  const next = playback ? playback.next : state?.next;
  return (
    <div className="transport">
      <button
        data-testid="go"
        data-locked={goLocked}
        className={`go ${goLocked ? 'locked' : ''}`}
        disabled={off}
        onClick={onGo}
        title={`GO ${playback ? `'${playback.name}'` : ''} (Space)`}
      >
        <span className="go-label">GO</span>
        <span className="go-next">
          {playback && <span className="go-playback">{playback.name} · </span>}
          {next ? `${next.number} ${next.label}` : 'end of list'}
        </span>
      </button>
      <div className="transport-row">
        <button data-testid="back" disabled={off} onClick={onBack} title="Back one cue (Backspace)">
          BACK
        </button>
        <button data-testid="pause" className={state?.paused ? 'armed' : ''} disabled={off} onClick={onPause} title="Pause / resume every playback (P)">
          {state?.paused ? 'RESUME' : 'PAUSE'}
        </button>
        <button
          data-testid="stop"
          className={stop.armed ? 'danger armed' : ''}
          disabled={off}
          onClick={() => stop.press('show', onStop)}
          title="Stop the show, every playback (press twice)"
        >
          {stop.armed ? 'CONFIRM' : 'STOP'}
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
