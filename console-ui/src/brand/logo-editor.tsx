/**
 * A brand sequence being made or changed, laid out as a designer works: the
 * seat map with the logo on it (dragged and scaled in place, zones picked on
 * the map) beside the controls, what it costs on air in plain words, and the
 * steps. The seats show the controller's preview: the logo as the bands would.
 */
import { preloadCostText, type BrandSequence, type LogoPlacement } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';
import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../api/http';
import { crowdFor } from '../crowd/show-crowd';
import { brandApi, type LogoRecord, type LogoPreview, type SequenceInput, type ShowVenue } from './brand-client';
import { SCALE_MAX, SCALE_MIN } from './logo-box';
import { LogoStage, type StageMode } from './logo-stage';
import { previewCrowd } from './preview-crowd';
import { ZoneChips } from './zone-chips';
import './logo-editor.css';

type Step = BrandSequence['steps'][number];

export interface LogoEditorProps {
  show: string;
  venue: ShowVenue;
  initial?: BrandSequence;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

const hex = (c: [number, number, number]) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
const rgb = (h: string): [number, number, number] => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** Steps in the brand's words. */
const STEP_WORDS: Record<Step['kind'], string> = { reveal: 'Show logo', wash: 'Colour wash', parade: 'Parade', hold: 'Hold' };

const DEFAULT_STEPS: Step[] = [
  { kind: 'reveal', duration: 8000, fade: 500 },
  { kind: 'hold', duration: 4000 },
];

export function LogoEditor({ show, venue, initial, onSaved, onCancel }: LogoEditorProps) {
  const [name, setName] = useState(initial?.name ?? 'My logo');
  const [logo, setLogo] = useState<LogoRecord | null>(null);
  const [placement, setPlacement] = useState<LogoPlacement | null>(initial?.logo ?? null);
  const [steps, setSteps] = useState<Step[]>(initial?.steps ?? DEFAULT_STEPS);
  const [preview, setPreview] = useState<LogoPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<StageMode>('move');
  const zones = venue.venue.zones;

  // The seats once per venue: the bare crowd drawn until the preview lands, and each seat's place and zone.
  const map = useMemo(() => venueFromShow(venue.venue), [venue]);
  const bare = useMemo(() => crowdFor(map, venue.site), [map, venue.site]);
  const seats = useMemo(() => ({ x: map.seats.map((s) => s.x), y: map.seats.map((s) => s.y), zone: map.seats.map((s) => s.zone) }), [map]);

  async function upload(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      const rec = await brandApi.upload(file);
      setLogo(rec);
      setPlacement((p) => ({ ...(p ?? { x: 0.5, y: 0.5, scale: 1, rotation: 0, fit: 'fit', background: [0, 0, 0] }), asset: rec.asset }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  // Preview again when the placement settles.
  useEffect(() => {
    if (!placement) return;
    let live = true;
    const t = setTimeout(() => {
      brandApi.preview(show, placement).then(
        (p) => live && (setPreview(p), setError(null)),
        (e) => live && setError(errorText(e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [show, placement]);

  const crowd = useMemo(() => (preview ? previewCrowd(venue.venue, preview) : null), [preview, venue]);
  const set = <K extends keyof LogoPlacement>(k: K, v: LogoPlacement[K]) => setPlacement((p) => (p ? { ...p, [k]: v } : p));
  const toggleZone = (id: number) => {
    if (!placement) return;
    const cur = placement.zones ?? zones.map((x) => x.id);
    const next = cur.includes(id) ? cur.filter((z) => z !== id) : [...cur, id].sort((a, b) => a - b);
    // Every zone is the same as none named; the last zone cannot be taken away (the logo needs seats).
    if (next.length === 0) return;
    set('zones', next.length === zones.length ? undefined : next);
  };

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const input: SequenceInput = { name, steps, ...(placement ? { logo: placement } : {}), ...(initial?.schedule ? { schedule: initial.schedule } : {}) };
      const saved = initial ? await brandApi.update(show, initial.id, input) : await brandApi.create(show, input);
      onSaved(saved.sequence.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel brand-editor" data-testid="brand-editor">
      <header className="brand-editor-head">
        <h2>{initial ? `Edit ${initial.name}` : 'New logo sequence'}</h2>
        <input className="brand-name" data-testid="brand-name" aria-label="Sequence name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <div className="row tight end-push">
          <button onClick={onCancel}>Cancel</button>
          <button className="primary" data-testid="brand-save" disabled={busy} onClick={() => void save()}>
            Save
          </button>
        </div>
      </header>
      {error && (
        <p className="error banner" role="alert" data-testid="brand-error">
          {error}
        </p>
      )}
      <div className="brand-editor-body">
        <div className="brand-stage-col">
          {placement ? (
            <>
              <div className="toolbar brand-stage-tools">
                <div className="segmented" role="radiogroup" aria-label="What a drag on the seats does">
                  <button role="radio" aria-checked={mode === 'move'} data-testid="brand-mode-move" className={mode === 'move' ? 'on' : ''} onClick={() => setMode('move')}>
                    Move &amp; scale
                  </button>
                  <button role="radio" aria-checked={mode === 'zones'} data-testid="brand-mode-zones" className={mode === 'zones' ? 'on' : ''} onClick={() => setMode('zones')}>
                    Pick zones
                  </button>
                </div>
                <span className="muted small-text end-push" data-testid="brand-zone-summary">
                  {placement.zones ? `On zone${placement.zones.length === 1 ? '' : 's'} ${placement.zones.join(', ')}` : 'On every zone'}
                </span>
              </div>
              <LogoStage
                shown={crowd ?? bare}
                seats={seats}
                placement={placement}
                logoUrl={brandApi.logoUrl(placement.asset)}
                mode={mode}
                ready={crowd !== null}
                onChange={setPlacement}
                onPickZone={toggleZone}
              />
              <ZoneChips zones={zones} picked={placement.zones} onToggle={toggleZone} />
            </>
          ) : (
            <div className="brand-drop">
              <p>Upload your logo to place it on the seats.</p>
              <label className="button primary">
                Choose a logo (PNG, JPEG or SVG)
                <input data-testid="brand-upload-input" type="file" accept="image/png,image/jpeg,image/svg+xml" onChange={(e) => void upload(e.target.files?.[0])} />
              </label>
            </div>
          )}
        </div>
        <aside className="brand-side">
          {placement && (
            <div className="brand-card" data-testid="brand-placement">
              <div className="brand-source" data-testid="brand-source">
                <img src={brandApi.logoUrl(placement.asset)} alt={logo?.name ?? 'logo'} style={{ background: hex(placement.background) }} />
                <div>
                  <strong>{logo?.name ?? 'Logo'}</strong>
                  <div className="muted small-text">{logo ? `${logo.width} × ${logo.height} ${logo.format.toUpperCase()}` : 'uploaded'}</div>
                  <label className="button small">
                    Replace
                    <input data-testid="brand-upload-input" type="file" accept="image/png,image/jpeg,image/svg+xml" onChange={(e) => void upload(e.target.files?.[0])} />
                  </label>
                </div>
              </div>
              <div className="brand-fields">
                <label>
                  Size
                  <input data-testid="brand-scale" type="number" min={SCALE_MIN} max={SCALE_MAX} step={0.05} value={placement.scale} onChange={(e) => set('scale', Math.min(SCALE_MAX, Math.max(SCALE_MIN, Number(e.target.value) || SCALE_MIN)))} />
                </label>
                <label>
                  Turn °
                  <input data-testid="brand-rotation" type="number" min={-360} max={360} value={placement.rotation} onChange={(e) => set('rotation', Math.max(-360, Math.min(360, Number(e.target.value) || 0)))} />
                </label>
                <label>
                  Fit
                  <select data-testid="brand-fit" value={placement.fit} onChange={(e) => set('fit', e.target.value as 'fit' | 'fill')}>
                    <option value="fit">whole logo</option>
                    <option value="fill">fill, crop edges</option>
                  </select>
                </label>
                <label>
                  Around it
                  <input type="color" aria-label="Background colour" value={hex(placement.background)} onChange={(e) => set('background', rgb(e.target.value))} />
                </label>
              </div>
            </div>
          )}
          {preview && <CostPanel preview={preview} />}
          <StepsForm steps={steps} onChange={setSteps} parades={venue.parades} />
        </aside>
      </div>
    </section>
  );
}

/** The radio time a preload takes: the busiest transmitter's (transmitters send side by side). */
function radioMs(preview: LogoPreview): number {
  return Math.max(0, ...preview.preload.transmitters.map((t) => t.channelMs));
}

function CostPanel({ preview }: { preview: LogoPreview }) {
  const c = preview.cost;
  const share = Math.round(c.rounds.expectedShare * 1000) / 10;
  return (
    <div className="brand-card brand-cost" data-testid="brand-cost">
      <h3>On air</h3>
      <p className="brand-cost-words" data-testid="brand-cost-words">
        Your logo {preloadCostText(radioMs(preview), preview.preload.leadMs)}.
      </p>
      <p className="muted small-text">
        {preview.seats.covered.toLocaleString()} of {preview.seats.total.toLocaleString()} seats show it in {preview.palette.length} colours; about {share}% of bands get it even when 1 packet in 20 is lost.
      </p>
      <div className="brand-palette" data-testid="brand-palette">
        {preview.palette.map((p, i) => (
          <span key={i} className="swatch" title={hex(p)} style={{ background: hex(p) }} />
        ))}
      </div>
      <details className="brand-tech">
        <summary>Radio details</summary>
        <p className="small-text">
          {c.imagePackets} IMAGE packets + PALETTE + SHOW_IMAGE · {c.bytes} bytes (one packet per seat would be {c.perSeat.packets.toLocaleString()} packets, {secs(c.perSeat.airMs)})
        </p>
        <table className="grid-table">
          <thead>
            <tr>
              <th>Transmitter</th>
              <th>Packets</th>
              <th>One round</th>
              <th>Preload ({c.rounds.imageRounds} rounds)</th>
            </tr>
          </thead>
          <tbody>
            {c.transmitters.map((t) => (
              <tr key={t.id}>
                <td>{t.id}</td>
                <td>{t.packets}</td>
                <td>{secs(t.roundAirMs)}</td>
                <td>
                  {secs(t.preloadChannelMs)} ({t.transmissions} sends)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

function StepsForm({ steps, onChange, parades }: { steps: Step[]; onChange: (s: Step[]) => void; parades: ShowVenue['parades'] }) {
  const put = (i: number, s: Step) => onChange(steps.map((x, k) => (k === i ? s : x)));
  const add = (s: Step) => onChange([...steps, s]);
  return (
    <fieldset className="brand-card brand-steps" data-testid="brand-steps">
      <h3>Steps</h3>
      <ol>
        {steps.map((s, i) => (
          <li key={i}>
            <strong>{STEP_WORDS[s.kind]}</strong>
            <label>
              for
              <input type="number" min={0} step={0.5} value={s.duration / 1000} onChange={(e) => put(i, { ...s, duration: Math.max(0, Number(e.target.value) * 1000) })} /> s
            </label>
            {(s.kind === 'reveal' || s.kind === 'wash') && (
              <label>
                fade
                <input type="number" min={0} step={0.1} value={s.fade / 1000} onChange={(e) => put(i, { ...s, fade: Math.max(0, Number(e.target.value) * 1000) })} /> s
              </label>
            )}
            {s.kind === 'wash' && <input type="color" aria-label="Wash colour" value={hex(s.color)} onChange={(e) => put(i, { ...s, color: rgb(e.target.value) })} />}
            {s.kind === 'parade' && (
              <select value={s.parade} onChange={(e) => put(i, { ...s, parade: e.target.value })}>
                {parades.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
            <button className="icon" aria-label="Remove step" onClick={() => onChange(steps.filter((_, k) => k !== i))} disabled={steps.length === 1}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="adds">
        <button className="small" onClick={() => add({ kind: 'reveal', duration: 6000, fade: 500 })}>+ show logo</button>
        <button className="small" onClick={() => add({ kind: 'wash', duration: 3000, color: [255, 255, 255], fade: 500 })}>+ colour wash</button>
        {parades.length > 0 && <button className="small" onClick={() => add({ kind: 'parade', duration: 10_000, parade: parades[0].id })}>+ parade</button>}
        <button className="small" onClick={() => add({ kind: 'hold', duration: 3000 })}>+ hold</button>
      </div>
    </fieldset>
  );
}
