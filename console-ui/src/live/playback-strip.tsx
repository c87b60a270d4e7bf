/**
 * Every cue list of the show as a playback, side by side like executors on a
 * desk: name, current and next cue, the countdown to the next follow, level,
 * and its own GO / PAUSE / STOP. Picking one (its name) makes it the one the
 * main GO, BACK, Space and the cue list drive. The crowd view shows the result.
 */
import type { PlaybackState } from '@crowdcue/protocol';
import { countdownText, followRemainingMs } from './follow-countdown';
import { useFaderSend } from './use-fader-send';
import { useLocalNow } from './use-local-now';
import { useTwoPress } from './use-two-press';

interface Props {
  playbacks: readonly PlaybackState[];
  selected: string | null;
  onSelect: (cueList: string) => void;
  /** Playbacks inside their GO lock-out. */
  goLocked: Readonly<Record<string, number>>;
  stateAtLocalMs: number;
  /** The controller is out of reach: countdowns stand still. */
  held?: boolean;
  canControl: boolean;
  onGo: (cueList: string) => void;
  onPause: (p: PlaybackState) => void;
  onStop: (cueList: string) => void;
  onLevel: (cueList: string, level: number) => void;
}

const cueText = (c: PlaybackState['current']) => (c ? `${c.number} ${c.label}` : '—');

export function PlaybackStrip(props: Props) {
  const { playbacks, selected } = props;
  const stop = useTwoPress();
  const counting = !props.held && playbacks.some((p) => p.followInMs !== null && p.running && !p.paused);
  const now = useLocalNow(counting);
  return (
    <section className="panel playbacks" data-testid="playback-strip">
      <h2>
        Playbacks <span className="muted">· {playbacks.length ? `${playbacks.length} cue list${playbacks.length === 1 ? '' : 's'}` : 'no live show'}</span>
      </h2>
      <div className="executors">
        {playbacks.map((p) => (
          <Executor
            key={p.cueList}
            p={p}
            isSelected={p.cueList === selected}
            locked={p.cueList in props.goLocked}
            stopArmed={stop.armed === p.cueList}
            countdown={countdownText(followRemainingMs(p, props.stateAtLocalMs, now))}
            onStopPress={() => stop.press(p.cueList, () => props.onStop(p.cueList))}
            {...props}
          />
        ))}
      </div>
    </section>
  );
}

interface ExecutorProps extends Props {
  p: PlaybackState;
  isSelected: boolean;
  locked: boolean;
  stopArmed: boolean;
  countdown: string;
  onStopPress: () => void;
}

function Executor({ p, isSelected, locked, stopArmed, countdown, onStopPress, canControl, onSelect, onGo, onPause, onLevel }: ExecutorProps) {
  const id = p.cueList;
  const fader = useFaderSend(p.level, (level) => onLevel(id, level));
  const status = p.paused ? 'paused' : p.running ? 'running' : 'stopped';
  return (
    <div className={`executor ${isSelected ? 'selected' : ''} ${status}`} data-testid={`playback-${id}`} data-status={status}>
      <button className="executor-name" data-testid={`playback-select-${id}`} aria-pressed={isSelected} onClick={() => onSelect(id)} title="Drive this playback with the main GO, BACK and Space">
        <strong>{p.name}</strong>
        <span className="muted small-text">{p.paused ? 'PAUSED' : p.running ? 'running' : 'stopped'} · P{p.priority}</span>
      </button>
      <div className="executor-cues">
        <div className="executor-cue current">
          <span className="label">Now</span>
          <span data-testid={`playback-current-${id}`}>{cueText(p.current)}</span>
        </div>
        <div className="progress">
          <span style={{ width: `${Math.round(p.cueProgress * 100)}%` }} />
        </div>
        <div className="executor-cue next">
          <span className="label">Next</span>
          <span data-testid={`playback-next-${id}`}>{cueText(p.next)}</span>
          <span className="countdown mono" data-testid={`playback-countdown-${id}`} title="Until the next cue follows by itself (— = waits for GO)">
            {countdown}
          </span>
        </div>
      </div>
      <div className="executor-level">
        <span className="label">Level</span>
        <input
          type="range"
          min={0}
          max={255}
          value={fader.value}
          disabled={!canControl}
          data-testid={`playback-level-${id}`}
          aria-label={`${p.name} level`}
          {...fader.hold}
          onChange={(e) => fader.move(Number(e.target.value))}
        />
        <output className="mono">{Math.round((fader.value / 255) * 100)}%</output>
      </div>
      <button
        className={`exec-go ${locked ? 'locked' : ''}`}
        data-testid={`playback-go-${id}`}
        data-locked={locked}
        disabled={!canControl}
        onClick={() => onGo(id)}
        title={`GO '${p.name}'${p.next ? `: ${p.next.number} ${p.next.label}` : ''}`}
      >
        GO
      </button>
      <button className={`exec-pause ${p.paused ? 'armed' : ''}`} data-testid={`playback-pause-${id}`} disabled={!canControl || !p.running} onClick={() => onPause(p)}>
        {p.paused ? 'RESUME' : 'PAUSE'}
      </button>
      <button className={`exec-stop ${stopArmed ? 'danger armed' : ''}`} data-testid={`playback-stop-${id}`} disabled={!canControl || !p.running} onClick={onStopPress} title="Stop this playback (press twice)">
        {stopArmed ? 'CONFIRM' : 'STOP'}
      </button>
    </div>
  );
}
