/** The venue's zones with their colours and seat counts: pick one to assign, rename, add. */
import type { Zone } from '@crowdcue/protocol';
import { cssRgb, zoneColour } from './zone-colours';

interface Props {
  zones: Zone[];
  counts: Map<number, number>;
  active: number;
  disabled: boolean;
  onPick: (zone: number) => void;
  onRename: (zone: number, name: string) => void;
  onAdd: () => void;
  /** The add button's words: it takes the selected seats when there are some. */
  addLabel?: string;
}

export function ZonePalette({ zones, counts, active, disabled, onPick, onRename, onAdd, addLabel = '+ Zone' }: Props) {
  return (
    <div className="zone-palette" data-testid="zone-palette">
      {zones.map((z) => (
        <div key={z.id} className={`palette-row ${z.id === active ? 'on' : ''}`}>
          <button className="palette-pick" data-testid={`palette-zone-${z.id}`} onClick={() => onPick(z.id)} title={`Pick zone ${z.id}`}>
            <span className="zone-key big" style={{ background: cssRgb(zoneColour(z.id)) }} />
            <span className="zone-id">{z.id}</span>
          </button>
          <input value={z.name} disabled={disabled} aria-label={`Name of zone ${z.id}`} onChange={(e) => e.target.value && onRename(z.id, e.target.value)} />
          <span className="muted num">{counts.get(z.id) ?? 0}</span>
        </div>
      ))}
      <button className="small" data-testid="zone-add" disabled={disabled || zones.length >= 64} onClick={onAdd}>
        {addLabel}
      </button>
    </div>
  );
}
