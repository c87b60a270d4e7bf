/**
 * Puts a sequence in a slot: a wall-clock time, a show time, or a cue. The slot
 * reads as a start and a length (with the cue's name), and what the controller
 * answers (a clash, a time that has passed, the preload) is said in plain words.
 */
import { preloadCostText, slotText, spokenDuration, type BrandSchedule } from '@crowdcue/protocol';
import { useState } from 'react';
import { errorText } from '../api/http';
import { brandApi, type ScheduleResult, type SequenceView, type ShowVenue } from './brand-client';
import './schedule-form.css';

type Kind = 'wallClock' | 'showTime' | 'cue';

function localInput(ms: number): string {
  const d = new Date(ms - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function ScheduleForm({ view, venue, onDone }: { view: SequenceView; venue: ShowVenue; onDone: () => void }) {
  const s = view.sequence.schedule;
  const [kind, setKind] = useState<Kind>(s ? (Object.keys(s)[0] as Kind) : 'wallClock');
  const [wall, setWall] = useState(s && 'wallClock' in s ? localInput(Date.parse(s.wallClock)) : localInput(Date.now() + 3_600_000));
  const [showSecs, setShowSecs] = useState(s && 'showTime' in s ? s.showTime / 1000 : 60);
  const [cue, setCue] = useState(s && 'cue' in s ? s.cue : (venue.cues[0]?.id ?? ''));
  const [result, setResult] = useState<ScheduleResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const length = view.durationMs;
  const picked = venue.cues.find((c) => c.id === cue);
  const when =
    kind === 'wallClock'
      ? `starts ${Number.isNaN(Date.parse(wall)) ? '…' : new Date(wall).toLocaleString()}, lasts ${spokenDuration(length)}`
      : kind === 'showTime'
        ? slotText({ kind: 'showTime', fromMs: Math.max(0, showSecs * 1000), untilMs: Math.max(0, showSecs * 1000) + length })
        : slotText({ kind: 'cue', fromMs: 0, untilMs: length, cue: { id: cue, ...(picked?.label ? { label: picked.label } : {}) } });

  async function submit() {
    setError(null);
    setResult(null);
    const schedule: BrandSchedule =
      kind === 'wallClock' ? { wallClock: new Date(wall).toISOString() } : kind === 'showTime' ? { showTime: Math.round(showSecs * 1000) } : { cue };
    try {
      setResult(await brandApi.schedule(view.show, view.sequence.id, schedule));
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div className="brand-schedule" data-testid="brand-schedule">
      <select data-testid="brand-schedule-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <option value="wallClock">at a time</option>
        <option value="showTime">at a show time</option>
        <option value="cue">on a cue</option>
      </select>
      {kind === 'wallClock' && <input data-testid="brand-schedule-time" type="datetime-local" value={wall} onChange={(e) => setWall(e.target.value)} />}
      {kind === 'showTime' && (
        <label>
          <input data-testid="brand-schedule-showtime" type="number" min={0} step={1} value={showSecs} onChange={(e) => setShowSecs(Number(e.target.value))} /> s into the show
        </label>
      )}
      {kind === 'cue' && (
        <select data-testid="brand-schedule-cue" value={cue} onChange={(e) => setCue(e.target.value)}>
          {venue.cues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      <button className="primary" data-testid="brand-schedule-submit" onClick={() => void submit()}>
        Schedule
      </button>
      <p className="muted small-text" data-testid="brand-schedule-when">
        {when}
      </p>
      {error && (
        <p className="error" role="alert" data-testid="brand-schedule-error">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="brand-schedule-result">
          <p>Scheduled: {result.sequence.slot}. An operator approves the slot before it plays.</p>
          {result.preload && (
            <p className="muted" data-testid="brand-schedule-preload">
              Your logo {preloadCostText(Math.max(0, ...result.preload.transmitters.map((t) => t.channelMs)), result.preload.leadMs)}.
            </p>
          )}
          {result.warnings.map((w, i) => (
            <p key={i} className="warn">
              {w}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
