/**
 * Edits one look: a colour (with its fade), a band-side effect (shape, two
 * colours, period, axis, direction, spread) or off. Used by busking and the
 * cue editor alike.
 */
import { EFFECT_AXES, EFFECT_SHAPES, type Look } from '@crowdcue/protocol';
import { changeLookKind } from '../compose/cue-edits';
import { ChoiceField } from './choice-field';
import { fromHex, QUICK_COLOURS, toHex, type Rgb } from './colour';
import { NumberField } from './number-field';

interface Props {
  look: Look;
  onChange: (look: Look) => void;
  /** Offer the per-look fade override (cue editor). */
  withFade?: boolean;
  testIdPrefix?: string;
  disabled?: boolean;
}

export function LookFields({ look, onChange, withFade, testIdPrefix = 'look', disabled }: Props) {
  const id = (s: string) => `${testIdPrefix}-${s}`;
  return (
    <fieldset className="look-fields" disabled={disabled}>
      <div className="segmented" role="radiogroup" aria-label="Look kind">
        {(['color', 'effect', 'off'] as const).map((k) => (
          <button
            type="button"
            key={k}
            role="radio"
            aria-checked={look.kind === k}
            data-testid={id(`kind-${k}`)}
            className={look.kind === k ? 'on' : ''}
            onClick={() => onChange(changeLookKind(look, k))}
          >
            {k === 'color' ? 'Colour' : k === 'effect' ? 'Effect' : 'Off'}
          </button>
        ))}
      </div>

      {look.kind === 'color' && (
        <>
          <div className="swatches">
            {QUICK_COLOURS.map((c) => (
              <button
                type="button"
                key={c.join()}
                className={`swatch ${toHex(c) === toHex(look.color) ? 'on' : ''}`}
                style={{ background: toHex(c) }}
                title={toHex(c)}
                onClick={() => onChange({ ...look, color: c })}
              />
            ))}
          </div>
          <label className="inline">
            Colour
            <input data-testid={id('color')} type="color" value={toHex(look.color)} onChange={(e) => onChange({ ...look, color: fromHex(e.target.value) })} />
            <code>{toHex(look.color)}</code>
          </label>
          {withFade && (
            <NumberField
              label="Own fade (ms)"
              testId={id('fade')}
              value={look.fade}
              optional
              min={0}
              onChange={(v) => onChange(v === undefined ? { kind: 'color', color: look.color } : { ...look, fade: v })}
            />
          )}
        </>
      )}

      {look.kind === 'effect' && <EffectFields look={look} onChange={onChange} id={id} />}

      {look.kind === 'off' && withFade && (
        <NumberField
          label="Own fade (ms)"
          testId={id('fade')}
          value={look.fade}
          optional
          min={0}
          onChange={(v) => onChange(v === undefined ? { kind: 'off' } : { kind: 'off', fade: v })}
        />
      )}
    </fieldset>
  );
}

function EffectFields({ look, onChange, id }: { look: Extract<Look, { kind: 'effect' }>; onChange: (l: Look) => void; id: (s: string) => string }) {
  const colour = (i: 0 | 1, hex: string) => {
    const colors: [Rgb, Rgb] = [look.colors[0], look.colors[1]];
    colors[i] = fromHex(hex);
    onChange({ ...look, colors });
  };
  return (
    <div className="field-grid">
      <ChoiceField label="Shape" testId={id('shape')} value={look.shape} options={EFFECT_SHAPES} onChange={(shape) => onChange({ ...look, shape })} />
      <label>
        Colours
        <span className="row tight">
          <input data-testid={id('color1')} type="color" value={toHex(look.colors[0])} onChange={(e) => colour(0, e.target.value)} />
          <input data-testid={id('color2')} type="color" value={toHex(look.colors[1])} onChange={(e) => colour(1, e.target.value)} />
        </span>
      </label>
      <NumberField label="Period (ms)" testId={id('period')} value={look.period} min={1} max={65535} onChange={(v) => onChange({ ...look, period: v ?? 1000 })} />
      <ChoiceField label="Axis" testId={id('axis')} value={look.axis} options={EFFECT_AXES} onChange={(axis) => onChange({ ...look, axis })} />
      <NumberField
        label="Direction (°)"
        testId={id('direction')}
        value={look.direction}
        min={0}
        max={359}
        disabled={look.axis !== 'LINEAR'}
        onChange={(v) => onChange({ ...look, direction: v ?? 0 })}
      />
      <NumberField label="Spread (0–255)" testId={id('spread')} value={look.spread} min={0} max={255} onChange={(v) => onChange({ ...look, spread: v ?? 0 })} />
    </div>
  );
}
