/**
 * The venue: the seat map coloured by zone. Select seats with a box or whole
 * sections with a click, then assign them to the zone picked in the palette.
 * Import a seat map CSV to replace the seats. Edits autosave into the show.
 */
import { parseShow } from '@crowdcue/protocol';
import type { CrowdView as View } from '@crowdcue/simulator/renderer';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { CrowdView } from '../crowd/crowd-view';
import { venueOf } from '../crowd/show-crowd';
import { EditedShowBar } from '../editing/edited-show-bar';
import { useEditing } from '../editing/editing-context';
import { SeatCsvImport } from './seat-csv-import';
import { SeatMapCrowd } from './seat-map-crowd';
import { countSelected, rectOf, selectedSections, selectInRect, selectSection, type Rect, type SelectMode } from './seat-select';
import { ZonePalette } from './zone-palette';
import { choiceOfVenue, withVenueChoice } from './venue-choice';
import { VenueChoiceForm } from './venue-choice-form';
import { addZoneWith, assignZone, nameZone, seatsPerZone, venueFromCsv } from './zone-assign';

type Tool = 'box' | 'section' | 'pan';

const modeOf = (e: { shiftKey: boolean; altKey: boolean }): SelectMode => (e.altKey ? 'remove' : e.shiftKey ? 'add' : 'replace');

export function VenuePage() {
  const editing = useEditing();
  const draft = editing.state.draft;
  const disabled = !editing.canWrite;
  const [tool, setTool] = useState<Tool>('box');
  const [zone, setZone] = useState(0);
  const [selected, setSelected] = useState<Uint8Array>(new Uint8Array(0));
  const [box, setBox] = useState<{ a: [number, number]; b: [number, number] } | null>(null);
  const [redraw, setRedraw] = useState(0);
  const viewRef = useRef<View | null>(null);
  const layerRef = useRef<HTMLDivElement>(null);

  const venueKey = draft ? JSON.stringify(draft.venue) : '';
  const built = useMemo(() => {
    if (!draft) return { map: null, error: null };
    try {
      return { map: venueOf(draft), error: null as string | null };
    } catch (e) {
      return { map: null, error: e instanceof Error ? e.message : String(e) };
    }
    // Only the venue decides the seat map; other edits to the show do not rebuild it.
  }, [venueKey]);
  const map = built.map;
  const crowd = useMemo(() => (map ? new SeatMapCrowd(map) : null), [map]);
  const positions = useMemo(() => (crowd ? { x: crowd.fx, y: crowd.fy } : undefined), [crowd]);
  const seatLabel = useCallback((i: number) => map?.seats[i], [map]);

  // A rebuilt seat map keeps the selection when it has the same seats (a zone assigned, a zone added):
  // the seats keep their order, so the designer can go on assigning them.
  useEffect(() => {
    setSelected((prev) => (prev.length === (crowd?.count ?? 0) ? prev : new Uint8Array(crowd?.count ?? 0)));
  }, [crowd]);
  useEffect(() => {
    if (!crowd) return;
    crowd.selected = selected.length === crowd.count ? selected : new Uint8Array(crowd.count);
    crowd.highlightZone = -1;
    setRedraw((r) => r + 1);
  }, [crowd, selected]);

  const errors = useMemo(() => {
    if (!draft) return [];
    const r = parseShow(draft);
    return r.ok ? [] : r.errors.filter((e) => e.path.startsWith('venue'));
  }, [draft]);

  const counts = useMemo(() => (map ? seatsPerZone(map) : new Map<number, number>()), [map]);
  const nSelected = countSelected(selected);
  const zones = draft?.venue.zones ?? [];

  const local = (e: PointerEvent<HTMLDivElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const finishBox = (e: PointerEvent<HTMLDivElement>) => {
    const b = box;
    setBox(null);
    const view = viewRef.current;
    const layer = layerRef.current;
    if (!b || !view || !layer || !crowd) return;
    const r = layer.getBoundingClientRect();
    const rect: Rect = rectOf(b.a[0] + r.left, b.a[1] + r.top, b.b[0] + r.left, b.b[1] + r.top);
    if (rect.right - rect.left < 3 && rect.bottom - rect.top < 3) {
      // A click: pick the seat under it.
      const band = view.bandAt(e.clientX, e.clientY);
      const next = modeOf(e) === 'replace' ? new Uint8Array(crowd.count) : Uint8Array.from(selected);
      if (band >= 0) next[band] = modeOf(e) === 'remove' ? 0 : 1;
      setSelected(next);
      return;
    }
    setSelected(selectInRect(selected, (i) => view.clientPointOf(i), rect, modeOf(e)));
  };

  return (
    <div className="venue-page">
      <EditedShowBar errors={errors} />
      {draft && (
        <div className="venue-body">
          <section className="panel venue-map">
            <div className="toolbar">
              <div className="segmented">
                {(['box', 'section', 'pan'] as const).map((t) => (
                  <button key={t} data-testid={`venue-tool-${t}`} className={tool === t ? 'on' : ''} onClick={() => setTool(t)}>
                    {t === 'box' ? 'Box select' : t === 'section' ? 'Click section' : 'Pan / zoom'}
                  </button>
                ))}
              </div>
              <span className="muted small-text">Shift adds, Alt removes.</span>
              <span className="end-push muted" data-testid="venue-selection">
                {nSelected ? `${nSelected} seats selected${map ? ` in ${selectedSections(selected, map).length} sections` : ''}` : `${map?.seats.length ?? 0} seats · ${zones.length} zones`}
              </span>
              <button className="small" data-testid="venue-clear" disabled={!nSelected} onClick={() => setSelected(new Uint8Array(crowd?.count ?? 0))}>
                Clear
              </button>
            </div>
            <CrowdView
              crowd={crowd}
              positions={positions}
              seatLabel={seatLabel}
              running={false}
              redrawKey={redraw}
              onView={(v) => (viewRef.current = v)}
              onBandClick={(band, e) => {
                if (tool !== 'section' || !map) return;
                setSelected(selectSection(selected, map, band, modeOf(e)));
              }}
              emptyText={built.error ?? 'No seats'}
              className="venue-view"
            >
              {tool === 'box' && crowd && (
                <div
                  ref={layerRef}
                  className="select-layer"
                  data-testid="venue-select-layer"
                  onPointerDown={(e) => {
                    e.currentTarget.setPointerCapture(e.pointerId);
                    const p = local(e);
                    setBox({ a: p, b: p });
                  }}
                  onPointerMove={(e) => box && setBox({ a: box.a, b: local(e) })}
                  onPointerUp={finishBox}
                >
                  {box && (
                    <div
                      className="select-box"
                      style={{
                        left: Math.min(box.a[0], box.b[0]),
                        top: Math.min(box.a[1], box.b[1]),
                        width: Math.abs(box.b[0] - box.a[0]),
                        height: Math.abs(box.b[1] - box.a[1]),
                      }}
                    />
                  )}
                </div>
              )}
            </CrowdView>
          </section>

          <aside className="panel venue-side">
            <h2>Zones</h2>
            <div className="pad">
              <ZonePalette
                zones={zones}
                counts={counts}
                active={zone}
                disabled={disabled}
                onPick={(z) => {
                  setZone(z);
                  if (crowd && !nSelected) {
                    crowd.highlightZone = z;
                    setRedraw((r) => r + 1);
                  }
                }}
                onRename={(z, name) => editing.edit((s) => nameZone(s, z, name))}
                onAdd={() => {
                  const id = Array.from({ length: 64 }, (_, i) => i).find((i) => !zones.some((z) => z.id === i));
                  if (id === undefined) return;
                  // With seats selected, the new zone takes them: that is what the designer selected them for.
                  editing.edit((s) => (map && nSelected ? addZoneWith(s, map, selected, id) : nameZone(s, id, `Zone ${id}`)));
                  setZone(id);
                }}
                addLabel={nSelected ? `+ Zone from ${nSelected} seats` : '+ Zone'}
              />
              <button
                className="primary wide"
                data-testid="venue-assign"
                disabled={disabled || !nSelected || !map}
                onClick={() => {
                  if (!map) return;
                  editing.edit((s) => assignZone(s, map, selected, zone));
                }}
              >
                Assign {nSelected || ''} seats to zone {zone}
              </button>
            </div>
            <h2>Venue kind and size</h2>
            <div className="pad">
              <VenueChoiceForm
                initial={choiceOfVenue(draft.venue, map?.seats.length ?? 0)}
                disabled={disabled}
                action="Use this venue"
                note="Replaces the seat map and its zones"
                onApply={(c) => {
                  editing.edit((s) => withVenueChoice(s, c));
                  setZone(0);
                }}
              />
            </div>
            <h2>Seat map</h2>
            <div className="pad">
              <p className="muted small-text">
                {draft.venue.name}: {Array.isArray(draft.venue.seats) ? `${draft.venue.seats.length} listed seats` : draft.venue.seats.kind === 'csv' ? 'imported CSV' : `generated ${draft.venue.seats.kind}`}
              </p>
              <SeatCsvImport disabled={disabled} onUse={(venue, csv) => editing.edit((s) => venueFromCsv(s, venue, csv))} />
            </div>
          </aside>
        </div>
      )}
    </div>
  );
}
