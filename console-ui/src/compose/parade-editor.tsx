/**
 * The parade editor: pick or add a parade, lay effect blocks on tracks, tune
 * the selected block, and play or scrub it in the crowd view.
 */
import { PARADE_STEP_KINDS, type Show } from '@crowdcue/protocol';
import { useEffect, useMemo, useState } from 'react';
import type { FieldError } from '../api/http';
import { CrowdView } from '../crowd/crowd-view';
import { useEditing } from '../editing/editing-context';
import { FieldErrors } from '../ui/field-errors';
import { NumberField } from '../ui/number-field';
import { addParade, addStep, addTrack, duplicateStep, moveStep, removeParade, removeStep, removeTrack, setParade, setStep, setTrack, stepPath } from './parade-edits';
import { ParadeTimeline, type Selection } from './parade-timeline';
import { StepPanel } from './step-panel';
import { formatMs } from './timeline-drag';
import { TrackPanel } from './track-panel';
import { useParadePreview } from './use-parade-preview';

interface Props {
  show: Show;
  errors: FieldError[];
  /** A problem's "Show" button: select the parade step its path names. */
  focus?: { path: string; at: number } | null;
}

export function ParadeEditor({ show, errors, focus }: Props) {
  const editing = useEditing();
  const disabled = !editing.canWrite;
  const [paradeId, setParadeId] = useState<string | null>(show.parades[0]?.id ?? null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [pxPerSec, setPxPerSec] = useState(60);
  const parade = show.parades.find((p) => p.id === paradeId) ?? show.parades[0] ?? null;
  const saved = editing.state.status === 'clean' || editing.state.status === 'saved';
  const preview = useParadePreview(show, parade?.id ?? null, saved);

  useEffect(() => {
    if (parade && parade.id !== paradeId) setParadeId(parade.id);
  }, [parade, paradeId]);
  useEffect(() => {
    const m = focus ? /^parades\[(\d+)\](?:\.tracks\[(\d+)\]\.steps\[(\d+)\])?/.exec(focus.path) : null;
    const p = m ? show.parades[Number(m[1])] : undefined;
    if (!m || !p) return;
    setParadeId(p.id);
    const t = m[2] !== undefined ? p.tracks[Number(m[2])] : undefined;
    const st = t && m[3] !== undefined ? t.steps[Number(m[3])] : undefined;
    setSelection(t && st ? { track: t.id, step: st.id } : null);
    // Only a new jump moves the selection, not every edit of the show.
  }, [focus]);

  const paradeIndex = parade ? show.parades.indexOf(parade) : -1;
  const paradePath = `parades[${paradeIndex}]`;
  const paradeErrors = useMemo(() => {
    const fromShow = errors.filter((e) => e.path === paradePath || e.path.startsWith(`${paradePath}.`) || e.path.startsWith(`${paradePath}[`));
    const fromPlan = preview.plan && !preview.plan.ok ? preview.plan.errors : [];
    const seen = new Set(fromShow.map((e) => `${e.path}\n${e.message}`));
    return [...fromShow, ...fromPlan.filter((e) => !seen.has(`${e.path}\n${e.message}`))];
  }, [errors, preview.plan, paradePath]);

  const invalidSteps = useMemo(() => {
    const out = new Set<string>();
    if (!parade) return out;
    for (const t of parade.tracks) for (const s of t.steps) {
      const p = stepPath(show, parade.id, t.id, s.id);
      if (p && paradeErrors.some((e) => e.path === p || e.path.startsWith(`${p}.`))) out.add(`${t.id}/${s.id}`);
    }
    return out;
  }, [parade, paradeErrors, show]);

  const track = parade && selection ? parade.tracks.find((t) => t.id === selection.track) : undefined;
  const step = track && selection?.step ? track.steps.find((s) => s.id === selection.step) : undefined;
  const selectedStepPath = parade && track && step ? stepPath(show, parade.id, track.id, step.id) : null;

  const scale = { pxPerMs: pxPerSec / 1000, snapMs: 100, durationMs: parade?.duration ?? 1000, minMs: 100 };

  const addBlock = (kind: (typeof PARADE_STEP_KINDS)[number]) => {
    if (!parade) return;
    const trackId = track?.id ?? parade.tracks[0]?.id;
    if (!trackId) return;
    let id = '';
    editing.edit((s) => {
      const r = addStep(s, parade.id, trackId, kind, Math.round(preview.playhead / 100) * 100);
      id = r.id;
      return r.show;
    });
    if (id) setSelection({ track: trackId, step: id });
  };

  return (
    <div className="parade-editor" data-testid="parade-editor">
      <div className="toolbar">
        <label className="inline">
          Parade
          <select data-testid="parade-select" value={parade?.id ?? ''} onChange={(e) => { setParadeId(e.target.value); setSelection(null); preview.seek(0); }}>
            {show.parades.length === 0 && <option value="">(none)</option>}
            {show.parades.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button
          data-testid="parade-add"
          disabled={disabled}
          onClick={() => {
            let id = '';
            editing.edit((s) => {
              const r = addParade(s, `Parade ${s.parades.length + 1}`);
              id = r.id;
              return r.show;
            });
            if (id) setParadeId(id);
          }}
        >
          + Parade
        </button>
        {parade && (
          <>
            <label className="inline">
              Name
              <input data-testid="parade-name" disabled={disabled} value={parade.name} onChange={(e) => e.target.value && editing.edit((s) => setParade(s, parade.id, { name: e.target.value }))} />
            </label>
            <div className="inline-field">
              <NumberField label="Length (ms)" testId="parade-duration" disabled={disabled} value={parade.duration} min={100} onChange={(v) => v && editing.edit((s) => setParade(s, parade.id, { duration: v }))} />
            </div>
            <button className="ghost" data-testid="parade-delete" disabled={disabled} onClick={() => editing.edit((s) => removeParade(s, parade.id))}>
              Delete parade
            </button>
          </>
        )}
      </div>

      {parade ? (
        <>
          <div className="compose-main">
            <div className="preview-pane">
              <CrowdView
                crowd={preview.crowd?.crowd ?? null}
                positions={preview.crowd?.positions}
                seatLabel={preview.crowd?.seatLabel}
                clock={preview.clock}
                running={preview.playing}
                onView={preview.onView}
                emptyText={preview.venueError ?? 'No venue'}
                className="preview-view"
              />
              <div className="transport-mini">
                {preview.playing ? (
                  <button data-testid="parade-stop" className="primary" onClick={preview.stop}>
                    ■ Stop
                  </button>
                ) : (
                  <button data-testid="parade-play" className="primary" disabled={!preview.plan?.ok} onClick={preview.play}>
                    ▶ Play
                  </button>
                )}
                <button data-testid="parade-rewind" onClick={() => preview.seek(0)} title="Back to the start">
                  |◀ Start
                </button>
                <span className="mono" data-testid="parade-time">
                  {formatMs(preview.playhead)} / {formatMs(parade.duration)}
                </span>
                <span className={`tag ${preview.source === 'controller' ? 'live' : ''}`} data-testid="preview-source">
                  {preview.source === 'controller' ? 'controller preview' : 'local preview'}
                </span>
                {preview.note && <span className="muted small-text">{preview.note}</span>}
              </div>
            </div>
            <div className="inspector">
              {step && track ? (
                <StepPanel
                  step={step}
                  paradeDuration={parade.duration}
                  disabled={disabled}
                  errors={paradeErrors.filter((e) => selectedStepPath && (e.path === selectedStepPath || e.path.startsWith(`${selectedStepPath}.`)))}
                  onChange={(patch) => editing.edit((s) => setStep(s, parade.id, track.id, step.id, patch))}
                  onDelete={() => {
                    editing.edit((s) => removeStep(s, parade.id, track.id, step.id));
                    setSelection({ track: track.id });
                  }}
                  onDuplicate={() => {
                    let id = '';
                    editing.edit((s) => {
                      const r = duplicateStep(s, parade.id, track.id, step.id);
                      id = r.id;
                      return r.show;
                    });
                    if (id) setSelection({ track: track.id, step: id });
                  }}
                />
              ) : track ? (
                <TrackPanel
                  track={track}
                  zones={show.venue.zones}
                  seatCount={preview.crowd?.crowd.count ?? 0}
                  disabled={disabled}
                  onChange={(patch) => editing.edit((s) => setTrack(s, parade.id, track.id, patch))}
                  onDelete={() => {
                    editing.edit((s) => removeTrack(s, parade.id, track.id));
                    setSelection(null);
                  }}
                />
              ) : (
                <div className="hint">
                  <h3>Build a parade</h3>
                  <p className="muted">Pick an effect below to drop a block at the playhead on the selected track. Drag a block to move it (across tracks too), drag its edges to resize; hold Shift to leave the 100 ms grid. Click the ruler to scrub.</p>
                </div>
              )}
              {!step && <FieldErrors errors={paradeErrors} testId="parade-errors" />}
            </div>
          </div>

          <div className="toolbar palette">
            <span className="label">Add</span>
            {PARADE_STEP_KINDS.map((k) => (
              <button key={k} data-testid={`add-step-${k}`} className={`kind-btn k-${k}`} disabled={disabled} onClick={() => addBlock(k)}>
                {k}
              </button>
            ))}
            <button
              data-testid="track-add"
              disabled={disabled}
              onClick={() => {
                let id = '';
                editing.edit((s) => {
                  const r = addTrack(s, parade.id, `Track ${parade.tracks.length + 1}`, { zones: [show.venue.zones[0]?.id ?? 0] });
                  id = r.id;
                  return r.show;
                });
                if (id) setSelection({ track: id });
              }}
            >
              + Track
            </button>
            <label className="inline zoom">
              Zoom
              <input type="range" min={10} max={400} value={pxPerSec} onChange={(e) => setPxPerSec(Number(e.target.value))} />
            </label>
          </div>

          <ParadeTimeline
            parade={parade}
            scale={scale}
            playhead={preview.playhead}
            selection={selection}
            invalidSteps={invalidSteps}
            disabled={disabled}
            onSelect={setSelection}
            onSeek={preview.seek}
            onMove={(trackId, stepId, span, toTrack) => {
              editing.edit((s) => moveStep(s, parade.id, trackId, stepId, toTrack, span));
              setSelection({ track: toTrack, step: stepId });
            }}
          />
        </>
      ) : (
        <p className="muted pad">This show has no parades yet. Add one to start.</p>
      )}
    </div>
  );
}
