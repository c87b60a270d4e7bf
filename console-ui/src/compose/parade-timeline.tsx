/**
 * The parade's timeline: a ruler to scrub on, one row per track with its
 * effect blocks, and the playhead. Zoom changes pixels per second.
 */
import type { Parade, ParadeTarget } from '@crowdcue/protocol';
import { useRef, type PointerEvent } from 'react';
import { StepBlock } from './step-block';
import { formatMs, msAt, rulerStep, type BlockSpan, type TimelineScale } from './timeline-drag';

export interface Selection {
  track: string;
  step?: string;
}

interface Props {
  parade: Parade;
  scale: TimelineScale;
  playhead: number;
  selection: Selection | null;
  invalidSteps: ReadonlySet<string>;
  disabled: boolean;
  onSelect: (s: Selection | null) => void;
  onSeek: (ms: number) => void;
  onMove: (trackId: string, stepId: string, span: BlockSpan, toTrack: string) => void;
}

const ROW_PX = 48;

export function targetText(t: ParadeTarget): string {
  if ('all' in t) return 'all zones';
  if ('zones' in t) return `zones ${t.zones.join(', ')}`;
  return `seats ${t.pixels.first}–${t.pixels.last}`;
}

export function ParadeTimeline({ parade, scale, playhead, selection, invalidSteps, disabled, onSelect, onSeek, onMove }: Props) {
  const width = Math.max(200, parade.duration * scale.pxPerMs);
  const step = rulerStep(scale.pxPerMs);
  const ticks: number[] = [];
  for (let t = 0; t <= parade.duration; t += step) ticks.push(t);
  const scrubbing = useRef(false);

  const seekAt = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onSeek(msAt(e.clientX - r.left, scale));
  };

  return (
    <div className="timeline" data-testid="parade-timeline">
      <div className="track-heads">
        <div className="ruler-head">Tracks</div>
        {parade.tracks.map((t) => (
          <button
            key={t.id}
            className={`track-head ${selection?.track === t.id && !selection.step ? 'selected' : ''}`}
            style={{ height: ROW_PX }}
            data-testid={`track-${t.id}`}
            onClick={() => onSelect({ track: t.id })}
          >
            <strong>{t.name || t.id}</strong>
            <span className="muted">{targetText(t.target)}</span>
          </button>
        ))}
      </div>
      <div className="timeline-scroll">
        <div className="timeline-inner" style={{ width }}>
          <div
            className="ruler"
            data-testid="parade-ruler"
            onPointerDown={(e) => {
              scrubbing.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              seekAt(e);
            }}
            onPointerMove={(e) => scrubbing.current && seekAt(e)}
            onPointerUp={() => (scrubbing.current = false)}
          >
            {ticks.map((t) => (
              <span key={t} className="tick" style={{ left: t * scale.pxPerMs }}>
                {formatMs(t)}
              </span>
            ))}
          </div>
          <div className="rows" style={{ height: parade.tracks.length * ROW_PX }} onPointerDown={() => onSelect(null)}>
            {parade.tracks.map((t, i) => (
              <div key={t.id} className="row-bg" style={{ top: i * ROW_PX, height: ROW_PX }} />
            ))}
            {parade.tracks.flatMap((t, row) =>
              t.steps.map((s) => (
                <StepBlock
                  key={`${t.id}/${s.id}`}
                  step={s}
                  row={row}
                  rows={parade.tracks.length}
                  rowPx={ROW_PX}
                  scale={scale}
                  selected={selection?.track === t.id && selection.step === s.id}
                  invalid={invalidSteps.has(`${t.id}/${s.id}`)}
                  disabled={disabled}
                  onSelect={() => onSelect({ track: t.id, step: s.id })}
                  onCommit={(span, toRow) => onMove(t.id, s.id, span, parade.tracks[toRow].id)}
                />
              )),
            )}
          </div>
          <div className="playhead" data-testid="parade-playhead" style={{ left: playhead * scale.pxPerMs }} />
        </div>
      </div>
    </div>
  );
}
