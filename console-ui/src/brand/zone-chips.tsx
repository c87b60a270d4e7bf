/** The venue's zones as compact chips in their seat-map colours: the logo's zones, picked here or on the map. */
import type { Zone } from '@crowdcue/protocol';
import { cssRgb, zoneColour } from '../venue/zone-colours';

export function ZoneChips({ zones, picked, onToggle }: { zones: readonly Zone[]; picked?: readonly number[]; onToggle: (zone: number) => void }) {
  return (
    <div className="zone-chips" data-testid="brand-zones" role="group" aria-label="Zones the logo covers">
      {zones.map((z) => {
        const on = !picked || picked.includes(z.id);
        return (
          <button key={z.id} type="button" className={`zone-chip ${on ? 'on' : ''}`} aria-pressed={on} data-testid={`brand-zone-${z.id}`} title={z.name} onClick={() => onToggle(z.id)}>
            <span className="zone-key" style={{ background: cssRgb(zoneColour(z.id)) }} />
            <span className="zone-name">{z.name}</span>
          </button>
        );
      })}
    </div>
  );
}
