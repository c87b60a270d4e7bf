/**
 * Live overrides: pick zones, pick a colour or an effect, BUSK. The zones keep
 * that look until released (busk wins over cues and parades).
 */
import type { Look, Zone, ZoneState } from '@crowdcue/protocol';
import { useState } from 'react';
import { LookFields } from '../ui/look-fields';
import { ZoneGrid } from './zone-grid';

interface Props {
  zones: Zone[];
  live: ZoneState[];
  selected: ReadonlySet<number>;
  setSelected: (zones: Set<number>) => void;
  canControl: boolean;
  onBusk: (zones: number[], look: Look) => void;
  onRelease: (zones?: number[]) => void;
}

export function BuskPanel({ zones, live, selected, setSelected, canControl, onBusk, onRelease }: Props) {
  const [look, setLook] = useState<Look>({ kind: 'color', color: [255, 0, 0] });
  const picked = [...selected].sort((a, b) => a - b);
  const busked = live.filter((z) => z.source === 'busk').length;
  return (
    <section className="panel busk" data-testid="busk-panel">
      <h2>
        Busk <span className="muted">· {busked ? `${busked} zone${busked === 1 ? '' : 's'} overridden` : 'no overrides'}</span>
      </h2>
      <div className="busk-body">
        <ZoneGrid
          zones={zones}
          live={live}
          selected={selected}
          onToggle={(z) => {
            const next = new Set(selected);
            if (next.has(z)) next.delete(z);
            else next.add(z);
            setSelected(next);
          }}
          onSelect={(list) => setSelected(new Set(list))}
        />
        <div className="busk-look">
          <LookFields look={look} onChange={setLook} testIdPrefix="busk" disabled={!canControl} />
          <div className="row">
            <button data-testid="busk" className="primary" disabled={!canControl || picked.length === 0} onClick={() => onBusk(picked, look)}>
              BUSK {picked.length ? `${picked.length} zone${picked.length === 1 ? '' : 's'}` : ''}
            </button>
            <button data-testid="release" disabled={!canControl || picked.length === 0} onClick={() => onRelease(picked)}>
              Release selected
            </button>
            <button data-testid="release-all" disabled={!canControl || busked === 0} onClick={() => onRelease()}>
              Release all
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
