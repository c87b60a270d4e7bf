/**
 * The parades playing now, each with the playback (and cue) that started it
 * and a stop control. A parade also stops with its playback.
 */
import type { PlaybackState, RunningParade } from '@crowdcue/protocol';

interface Props {
  parades: readonly RunningParade[];
  playbacks: readonly PlaybackState[];
  canControl: boolean;
  onStop: (run: string) => void;
}

function ownerText(r: RunningParade, playbacks: readonly PlaybackState[]): string {
  if (r.cueList === null) return 'show timeline';
  const name = playbacks.find((p) => p.cueList === r.cueList)?.name ?? r.cueList;
  return r.cue ? `${name} · cue ${r.cue}` : name;
}

export function RunningParades({ parades, playbacks, canControl, onStop }: Props) {
  return (
    <div className="running-parades" data-testid="parade-list">
      <div className="running-head">
        <span className="label">Parades</span>
        <span className="muted small-text">{parades.length ? `${parades.length} running` : 'none running'}</span>
      </div>
      {parades.map((r) => (
        <div key={r.run} className="running-parade" data-testid={`parade-run-${r.run}`}>
          <div className="running-text">
            <strong>{r.name}</strong>
            <span className="muted small-text">{ownerText(r, playbacks)}</span>
          </div>
          {canControl && (
            <button className="small" data-testid={`parade-stop-${r.run}`} onClick={() => onStop(r.run)} title={`Stop the parade '${r.name}'`}>
              Stop
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
