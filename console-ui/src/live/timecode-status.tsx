/**
 * The timecode the live show chases: source, incoming timecode, lock
 * (locked, freewheeling, lost) and the offset between the show and
 * timecode. Shows nothing when the show has no timecode input.
 */
import type { TimecodeStatusInfo } from '@crowdcue/protocol';
import './timecode-status.css';
import { LOCK_TEXT, offsetText } from './timecode-text';

export function TimecodeStatus({ status }: { status: TimecodeStatusInfo | undefined }) {
  if (!status) return null;
  return (
    <div className={`timecode-status lock-${status.lock}`} data-testid="timecode-status">
      <div className="timecode-head">
        <span className="label">Timecode</span>
        <span className="timecode-lock" data-testid="timecode-lock">
          <span className="timecode-dot" />
          {LOCK_TEXT[status.lock]}
        </span>
      </div>
      <div className="timecode-value" data-testid="timecode-value">
        {status.timecode ?? '--:--:--:--'}
        {status.rate !== null && <span className="muted small-text"> {status.rate === 29.97 ? '29.97 DF' : status.rate} fps</span>}
      </div>
      <div className="timecode-facts small-text">
        <span title="Where timecode comes from">{status.source}</span>
        <span data-testid="timecode-offset" title="The chasing show's position minus timecode">{offsetText(status.offsetMs)}</span>
        <span className="muted" title="Cue lists that chase timecode">{status.cueLists.length ? status.cueLists.join(', ') : 'no cue list chases'}</span>
      </div>
    </div>
  );
}
