/** The selected track: its name and what it lights (every zone, some zones, or a seat range). */
import type { ParadeTarget, ParadeTrack, Zone } from '@crowdcue/protocol';
import { NumberField } from '../ui/number-field';

interface Props {
  track: ParadeTrack;
  zones: Zone[];
  seatCount: number;
  disabled: boolean;
  onChange: (patch: { name?: string; target?: ParadeTarget }) => void;
  onDelete: () => void;
}

export function TrackPanel({ track, zones, seatCount, disabled, onChange, onDelete }: Props) {
  const t = track.target;
  const kind = 'all' in t ? 'all' : 'zones' in t ? 'zones' : 'pixels';
  const picked = new Set('zones' in t ? t.zones : []);
  return (
    <fieldset className="step-panel" data-testid="track-panel" disabled={disabled}>
      <div className="row spread">
        <h3>
          Track <span className="muted">{track.id}</span>
        </h3>
        <button type="button" className="small danger" data-testid="track-delete" onClick={onDelete}>
          Delete track
        </button>
      </div>
      <label>
        Name
        <input data-testid="track-name" value={track.name} onChange={(e) => onChange({ name: e.target.value })} />
      </label>
      <div className="segmented">
        {(['all', 'zones', 'pixels'] as const).map((k) => (
          <button
            type="button"
            key={k}
            className={kind === k ? 'on' : ''}
            data-testid={`track-target-${k}`}
            onClick={() =>
              onChange({
                target: k === 'all' ? { all: true } : k === 'zones' ? { zones: [zones[0]?.id ?? 0] } : { pixels: { first: 0, last: Math.max(0, Math.min(seatCount - 1, 399)) } },
              })
            }
          >
            {k === 'all' ? 'Whole venue' : k === 'zones' ? 'Zones' : 'Seat range'}
          </button>
        ))}
      </div>
      {'zones' in t && (
        <div className="chip-grid">
          {zones.map((z) => (
            <button
              type="button"
              key={z.id}
              className={`chip ${picked.has(z.id) ? 'on' : ''}`}
              title={z.name}
              onClick={() => {
                const next = new Set(picked);
                if (next.has(z.id)) next.delete(z.id);
                else next.add(z.id);
                if (next.size) onChange({ target: { zones: [...next].sort((a, b) => a - b) } });
              }}
            >
              {z.id}
            </button>
          ))}
        </div>
      )}
      {'pixels' in t && (
        <div className="field-grid">
          <NumberField label="First seat (pixel)" value={t.pixels.first} min={0} max={t.pixels.last} onChange={(v) => onChange({ target: { pixels: { ...t.pixels, first: v ?? 0 } } })} />
          <NumberField label="Last seat (pixel)" value={t.pixels.last} min={t.pixels.first} max={65535} onChange={(v) => onChange({ target: { pixels: { ...t.pixels, last: v ?? 0 } } })} />
        </div>
      )}
    </fieldset>
  );
}
