/** The selected block's parameters: kind, timing, colours, direction, speed, spread, fade. */
import { PARADE_STEP_KINDS, type ParadeDirection, type ParadeStep } from '@crowdcue/protocol';
import type { FieldError } from '../api/http';
import { ChoiceField } from '../ui/choice-field';
import { fromHex, toHex, type Rgb } from '../ui/colour';
import { FieldErrors } from '../ui/field-errors';
import { NumberField } from '../ui/number-field';

interface Props {
  step: ParadeStep;
  paradeDuration: number;
  errors: FieldError[];
  disabled: boolean;
  onChange: (patch: Partial<Omit<ParadeStep, 'id'>>) => void;
  onDelete: () => void;
  onDuplicate: () => void;
}

const AXES: ParadeDirection['axis'][] = ['none', 'linear', 'radial', 'zone'];

function directionFor(axis: ParadeDirection['axis']): ParadeDirection {
  switch (axis) {
    case 'linear':
      return { axis, angle: 0 };
    case 'radial':
      return { axis, outward: true };
    case 'zone':
      return { axis, reverse: false };
    case 'none':
      return { axis };
  }
}

const USES_DIRECTION = new Set(['WAVE', 'CHASE', 'RAINBOW']);
const USES_FADE = new Set(['COLOR', 'FADE']);

export function StepPanel({ step, paradeDuration, errors, disabled, onChange, onDelete, onDuplicate }: Props) {
  const d = step.direction;
  const setColour = (i: number, hex: string) => {
    const colors = step.colors.slice() as Rgb[];
    colors[i] = fromHex(hex);
    onChange({ colors });
  };
  return (
    <fieldset className="step-panel" data-testid="step-panel" disabled={disabled}>
      <div className="row spread">
        <h3>
          {step.kind} <span className="muted">{step.id}</span>
        </h3>
        <div className="row tight">
          <button type="button" data-testid="step-duplicate" className="small" onClick={onDuplicate}>
            Duplicate
          </button>
          <button type="button" data-testid="step-delete" className="small danger" onClick={onDelete}>
            Delete
          </button>
        </div>
      </div>
      <div className="field-grid">
        <ChoiceField label="Effect" testId="step-kind" value={step.kind} options={PARADE_STEP_KINDS} onChange={(kind) => onChange({ kind })} />
        <NumberField label="Start (ms)" testId="step-at" value={step.at} min={0} max={paradeDuration - 1} onChange={(v) => onChange({ at: v ?? 0 })} />
        <NumberField label="Length (ms)" testId="step-duration" value={step.duration} min={1} max={paradeDuration} onChange={(v) => onChange({ duration: v ?? 1 })} />
        <label>
          Colours
          <span className="row tight">
            {step.colors.map((c, i) => (
              <input key={i} data-testid={`step-color-${i}`} type="color" value={toHex(c)} onChange={(e) => setColour(i, e.target.value)} />
            ))}
            {step.colors.length < 2 && (
              <button type="button" className="small" data-testid="step-color-add" onClick={() => onChange({ colors: [...step.colors, step.colors.length ? [0, 0, 0] : [255, 255, 255]] })}>
                +
              </button>
            )}
            {step.colors.length > 0 && (
              <button type="button" className="small ghost" data-testid="step-color-remove" onClick={() => onChange({ colors: step.colors.slice(0, -1) })}>
                −
              </button>
            )}
          </span>
        </label>
        <NumberField label="Speed: period (ms)" testId="step-speed" value={step.speed} min={1} max={65535} onChange={(v) => onChange({ speed: v ?? 1000 })} />
        <NumberField label="Spread (0–255)" testId="step-spread" value={step.spread} min={0} max={255} onChange={(v) => onChange({ spread: v ?? 0 })} />
        {USES_FADE.has(step.kind) && <NumberField label="Fade (ms)" testId="step-fade" value={step.fade} min={0} onChange={(v) => onChange({ fade: v ?? 0 })} />}
        {USES_DIRECTION.has(step.kind) && (
          <>
            <label>
              Direction
              <select data-testid="step-axis" value={d.axis} onChange={(e) => onChange({ direction: directionFor(e.target.value as ParadeDirection['axis']) })}>
                {AXES.map((a) => (
                  <option key={a} value={a}>
                    {a === 'none' ? 'default' : a}
                  </option>
                ))}
              </select>
            </label>
            {d.axis === 'linear' && (
              <label>
                Angle {d.angle}°
                <input data-testid="step-angle" type="range" min={0} max={359} value={d.angle} onChange={(e) => onChange({ direction: { axis: 'linear', angle: Number(e.target.value) } })} />
              </label>
            )}
            {d.axis === 'radial' && (
              <label className="check">
                <input data-testid="step-outward" type="checkbox" checked={d.outward} onChange={(e) => onChange({ direction: { axis: 'radial', outward: e.target.checked } })} />
                Outward (inward cannot be drawn band-side)
              </label>
            )}
            {d.axis === 'zone' && (
              <label className="check">
                <input data-testid="step-reverse" type="checkbox" checked={d.reverse} onChange={(e) => onChange({ direction: { axis: 'zone', reverse: e.target.checked } })} />
                Reverse zone order
              </label>
            )}
          </>
        )}
      </div>
      <FieldErrors errors={errors} testId="step-errors" />
    </fieldset>
  );
}
