/**
 * The lighting-desk section of a show's input settings: off, or sACN / Art-Net
 * on a universe at a start address, with its zones and hold time. Checked with
 * the show file's own schema as it is edited, so a bad value says its field
 * and the limit; the footprint says which channels the desk patches.
 */
import { DeskInputSchema, deskFootprint, deskMaxZones, type DeskInputConfig } from '@crowdcue/protocol';
import { ChoiceField } from '../ui/choice-field';
import { NumberField } from '../ui/number-field';
import './desk-settings.css';

interface Props {
  /** The show's `inputs.desk`; undefined = no desk. */
  value: DeskInputConfig | undefined;
  onChange: (value: DeskInputConfig | undefined) => void;
  disabled?: boolean;
}

const PROTOCOLS = ['sacn', 'artnet'] as const;
const DEFAULT_DESK: DeskInputConfig = { protocol: 'sacn', universe: 1, address: 1, zones: 16, holdMs: 5000 };

/** The first problem with a desk setting, as `field: message`, or null. */
export function deskSettingProblem(value: DeskInputConfig): string | null {
  const r = DeskInputSchema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return `${issue.path.join('.') || 'desk'}: ${issue.message}`;
}

export function DeskSettings({ value, onChange, disabled }: Props) {
  const on = value !== undefined;
  const v = value ?? DEFAULT_DESK;
  const set = (patch: Partial<DeskInputConfig>) => onChange({ ...v, ...patch });
  const zones = v.zones ?? 16;
  const problem = on ? deskSettingProblem(v) : null;
  const first = v.address;
  const last = v.address + deskFootprint(zones) - 1;
  return (
    <fieldset className="desk-settings" data-testid="desk-settings" disabled={disabled}>
      <legend>Lighting desk</legend>
      <label className="inline">
        <input type="checkbox" data-testid="desk-on" checked={on} onChange={(e) => onChange(e.target.checked ? DEFAULT_DESK : undefined)} />
        Take a lighting desk (sACN or Art-Net)
      </label>
      {on && (
        <>
          <div className="desk-settings-row">
            <ChoiceField label="Protocol" testId="desk-protocol" value={v.protocol} options={PROTOCOLS} onChange={(protocol) => set({ protocol })} />
            <NumberField label="Universe" testId="desk-universe" value={v.universe} min={v.protocol === 'sacn' ? 1 : 0} max={v.protocol === 'sacn' ? 63_999 : 32_767} onChange={(n) => n !== undefined && set({ universe: n })} />
            <NumberField label="Start address" testId="desk-address" value={v.address} min={1} max={512} onChange={(n) => n !== undefined && set({ address: n })} />
            <NumberField label="Zones" testId="desk-zones" value={zones} min={1} max={Math.max(1, deskMaxZones(v.address))} onChange={(n) => n !== undefined && set({ zones: n })} />
            <NumberField label="Hold on loss (s)" testId="desk-hold" value={(v.holdMs ?? 5000) / 1000} min={0} max={600} integer={false} step={0.5} onChange={(n) => n !== undefined && set({ holdMs: Math.round(n * 1000) })} />
          </div>
          <div className="desk-settings-row">
            <label>
              Interface (local IPv4, optional)
              <input
                data-testid="desk-interface"
                type="text"
                value={v.interface ?? ''}
                placeholder="any"
                onChange={(e) => {
                  const t = e.target.value.trim();
                  const { interface: _drop, ...rest } = v;
                  onChange(t === '' ? rest : { ...rest, interface: t });
                }}
              />
            </label>
            <NumberField label="UDP port (optional)" testId="desk-port" value={v.port} optional min={1} max={65_535} placeholder={v.protocol === 'sacn' ? '5568' : '6454'} onChange={(n) => {
              const { port: _drop, ...rest } = v;
              onChange(n === undefined ? rest : { ...rest, port: n });
            }} />
          </div>
          {problem ? (
            <p className="field-error" data-testid="desk-problem">{problem}</p>
          ) : (
            <p className="muted small-text" data-testid="desk-footprint">
              Patch the crowd at {v.protocol === 'sacn' ? 'universe' : 'port-address'} {v.universe}, channels {first}–{last} ({deskFootprint(zones)} channels: 10 controls, 8 a zone).
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
