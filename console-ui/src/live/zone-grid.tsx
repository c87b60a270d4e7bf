/**
 * Zones as a grid of tiles showing what each shows now and why (tooltip, and
 * spelled out for the picked zones); tap to pick zones for busking.
 */
import type { Zone, ZoneState } from '@crowdcue/protocol';
import { lookSwatch } from '../ui/colour';
import { cssRgb, zoneColour } from '../venue/zone-colours';
import { zoneWhyText } from './zone-why';

/** How many picked zones say why below the grid (more would push the panel off screen). */
const WHY_LINES = 4;

interface Props {
  zones: Zone[];
  live: ZoneState[];
  selected: ReadonlySet<number>;
  onToggle: (zone: number) => void;
  onSelect: (zones: number[]) => void;
}

export function ZoneGrid({ zones, live, selected, onToggle, onSelect }: Props) {
  const byZone = new Map(live.map((z) => [z.zone, z]));
  const picked = zones.filter((z) => selected.has(z.id));
  return (
    <div className="zone-grid-wrap">
      <div className="row tight">
        <button className="small" data-testid="zones-all" onClick={() => onSelect(zones.map((z) => z.id))}>
          All
        </button>
        <button className="small" data-testid="zones-none" onClick={() => onSelect([])}>
          None
        </button>
        <span className="muted small-text">{selected.size ? `${selected.size} selected` : 'Pick zones here or on the crowd'}</span>
      </div>
      <div className="zone-grid" data-testid="zone-grid">
        {zones.map((z) => {
          const state = byZone.get(z.id);
          return (
            <button
              key={z.id}
              data-testid={`zone-${z.id}`}
              aria-pressed={selected.has(z.id)}
              className={`zone-tile ${selected.has(z.id) ? 'on' : ''} ${state?.source === 'busk' ? 'busked' : ''}`}
              title={`${z.name}\n${zoneWhyText(z.id, state)}`}
              onClick={() => onToggle(z.id)}
            >
              <span className="zone-key" style={{ background: cssRgb(zoneColour(z.id)) }} />
              <span className="zone-id">{z.id}</span>
              <span className="zone-look" style={{ background: lookSwatch(state?.look) }} />
              <span className="zone-name">{z.name}</span>
            </button>
          );
        })}
      </div>
      {picked.length > 0 && (
        <ul className="zone-whys" data-testid="zone-whys">
          {picked.slice(0, WHY_LINES).map((z) => (
            <li key={z.id} data-testid={`zone-why-${z.id}`}>
              {zoneWhyText(z.id, byZone.get(z.id))}
            </li>
          ))}
          {picked.length > WHY_LINES && <li className="muted">+{picked.length - WHY_LINES} more (hover a zone)</li>}
        </ul>
      )}
    </div>
  );
}
