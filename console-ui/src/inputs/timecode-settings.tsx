/**
 * Settings for a show's timecode input (`show.inputs.timecode`): where
 * timecode comes from, its frame rate, how many frames to freewheel on a
 * dropout before holding, and which cue lists chase. A section for the
 * show's settings page; it edits only what it is given and hands the whole
 * new value (or undefined: no timecode) to `onChange`.
 */
import type { FrameRate, TimecodeInput } from '@crowdcue/protocol';
import { NumberField } from '../ui/number-field';
import { joinSource, KIND_TEXT, SOURCE_KINDS, sourceProblem, splitSource, type SourceKind } from './timecode-source-fields';

/** The show file's form of the input (freewheel may be left to its default). */
export type TimecodeSettingsValue = Omit<TimecodeInput, 'freewheelFrames'> & { freewheelFrames?: number };

interface Props {
  value: TimecodeSettingsValue | undefined;
  onChange: (value: TimecodeSettingsValue | undefined) => void;
  disabled?: boolean;
  /** The show's cue lists, to pick which chase. */
  cueLists?: ReadonlyArray<{ id: string; name: string }>;
}

const RATES: ReadonlyArray<FrameRate | undefined> = [undefined, 24, 25, 29.97, 30];
const rateText = (r: FrameRate | undefined) => (r === undefined ? 'as it arrives' : r === 29.97 ? '29.97 drop-frame' : `${r} fps`);
const DEFAULT_FREEWHEEL = 30;

export function TimecodeSettings({ value, onChange, disabled, cueLists = [] }: Props) {
  const on = value !== undefined;
  const { kind, rest } = splitSource(value?.source ?? 'artnet');
  const problem = on ? sourceProblem(value.source) : undefined;
  const set = (patch: Partial<TimecodeSettingsValue>) => value && onChange({ ...value, ...patch });
  const chasing = value?.cueLists;

  return (
    <fieldset className="timecode-settings" data-testid="timecode-settings" disabled={disabled}>
      <legend>Timecode</legend>
      <label className="inline">
        <input type="checkbox" data-testid="timecode-on" checked={on} onChange={(e) => onChange(e.target.checked ? { source: 'artnet', freewheelFrames: DEFAULT_FREEWHEEL } : undefined)} />
        Chase timecode
      </label>
      {on && (
        <>
          <label>
            Source
            <select data-testid="timecode-kind" value={kind} onChange={(e) => set({ source: joinSource(e.target.value as SourceKind, '') })}>
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_TEXT[k].name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {KIND_TEXT[kind].field}
            <input data-testid="timecode-address" value={rest} placeholder={KIND_TEXT[kind].placeholder} onChange={(e) => set({ source: joinSource(kind, e.target.value) })} />
          </label>
          {problem && (
            <p className="field-error" role="alert" data-testid="timecode-error">
              {problem}
            </p>
          )}
          <label>
            Frame rate
            <select data-testid="timecode-rate" value={String(value.rate ?? '')} onChange={(e) => set({ rate: e.target.value === '' ? undefined : (Number(e.target.value) as FrameRate) })}>
              {RATES.map((r) => (
                <option key={String(r)} value={r === undefined ? '' : String(r)}>
                  {rateText(r)}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            label="Freewheel on dropout (frames, then hold)"
            testId="timecode-freewheel"
            value={value.freewheelFrames ?? DEFAULT_FREEWHEEL}
            min={0}
            max={3000}
            disabled={disabled}
            onChange={(v) => set({ freewheelFrames: v ?? DEFAULT_FREEWHEEL })}
          />
          {cueLists.length > 0 && (
            <div className="timecode-lists">
              <span className="label">Cue lists that chase</span>
              <label className="inline">
                <input type="checkbox" data-testid="timecode-lists-auto" checked={chasing === undefined} onChange={(e) => set({ cueLists: e.target.checked ? undefined : cueLists.map((l) => l.id) })} />
                Every list with timecoded cues
              </label>
              {chasing !== undefined &&
                cueLists.map((l) => (
                  <label key={l.id} className="inline">
                    <input
                      type="checkbox"
                      data-testid={`timecode-list-${l.id}`}
                      checked={chasing.includes(l.id)}
                      onChange={(e) => set({ cueLists: e.target.checked ? [...chasing, l.id] : chasing.filter((id) => id !== l.id) })}
                    />
                    {l.name}
                  </label>
                ))}
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
