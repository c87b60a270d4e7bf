/**
 * A brand sequence being made or changed: the logo (upload, placement), the
 * preview side by side (the source image, and the crowd showing the seat image
 * as the bands would), what it costs on air, and the steps.
 */
import type { BrandSequence, LogoPlacement } from '@crowdcue/protocol';
import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../api/http';
import { CrowdView } from '../crowd/crowd-view';
import { brandApi, type LogoRecord, type LogoPreview, type SequenceInput, type ShowVenue } from './brand-client';
import { PREVIEW_AT_MS, previewCrowd } from './preview-crowd';

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
  const zones = venue.venue.zones;

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
      <h2>{initial ? `Edit ${initial.name}` : 'New logo sequence'}</h2>
      <div className="pad">
        <label>
          Name <input data-testid="brand-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <label>
          Logo (PNG, JPEG or SVG){' '}
          <input data-testid="brand-upload-input" type="file" accept="image/png,image/jpeg,image/svg+xml" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="brand-error">
            {error}
          </p>
        )}
        {placement && (
          <fieldset className="brand-placement" data-testid="brand-placement">
            <legend>Placement</legend>
            <label>
              Across <input type="range" min={0} max={1} step={0.01} value={placement.x} onChange={(e) => set('x', Number(e.target.value))} />
            </label>
            <label>
              Down <input type="range" min={0} max={1} step={0.01} value={placement.y} onChange={(e) => set('y', Number(e.target.value))} />
            </label>
            <label>
              Scale <input data-testid="brand-scale" type="number" min={0.05} max={10} step={0.05} value={placement.scale} onChange={(e) => set('scale', Math.max(0.05, Number(e.target.value)))} />
            </label>
            <label>
              Rotation ° <input data-testid="brand-rotation" type="number" min={-360} max={360} value={placement.rotation} onChange={(e) => set('rotation', Number(e.target.value))} />
            </label>
            <label>
              <select data-testid="brand-fit" value={placement.fit} onChange={(e) => set('fit', e.target.value as 'fit' | 'fill')}>
                <option value="fit">fit (whole logo)</option>
                <option value="fill">fill (cover, crop)</option>
              </select>
            </label>
            <label>
              Background <input type="color" value={hex(placement.background)} onChange={(e) => set('background', rgb(e.target.value))} />
            </label>
            <div className="brand-zones" data-testid="brand-zones">
              Zones:{' '}
              {zones.map((z) => {
                const on = !placement.zones || placement.zones.includes(z.id);
                return (
                  <label key={z.id} title={z.name}>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() => {
                        const cur = placement.zones ?? zones.map((x) => x.id);
                        const next = on ? cur.filter((id) => id !== z.id) : [...cur, z.id].sort((a, b) => a - b);
                        set('zones', next.length === zones.length ? undefined : next.length > 0 ? next : cur);
                      }}
                    />
                    {z.id}
                  </label>
                );
              })}
            </div>
          </fieldset>
        )}
        {placement && (
          <div className="brand-side-by-side">
            <figure data-testid="brand-source">
              <img src={brandApi.logoUrl(placement.asset)} alt={logo?.name ?? 'logo'} style={{ maxWidth: 240, maxHeight: 160, background: hex(placement.background) }} />
              <figcaption>Source{logo ? ` · ${logo.width} × ${logo.height} ${logo.format.toUpperCase()}` : ''}</figcaption>
            </figure>
            <figure data-testid="brand-preview" data-ready={crowd ? 'yes' : 'no'}>
              <CrowdView crowd={crowd?.crowd ?? null} positions={crowd?.positions} seatLabel={crowd?.seatLabel} clock={() => PREVIEW_AT_MS} redrawKey={crowd} testId="brand-preview-canvas" emptyText="Preview…" />
              <figcaption>On the crowd, as the bands show it</figcaption>
            </figure>
          </div>
        )}
        {preview && <CostPanel preview={preview} />}
        <StepsForm steps={steps} onChange={setSteps} parades={venue.parades} />
        <div className="row">
          <button className="primary" data-testid="brand-save" disabled={busy} onClick={() => void save()}>
            Save
          </button>
          <button onClick={onCancel}>Cancel</button>
        </div>
      </div>
    </section>
  );
}

function CostPanel({ preview }: { preview: LogoPreview }) {
  const c = preview.cost;
  return (
    <div className="brand-cost" data-testid="brand-cost">
      <h3>On air</h3>
      <div className="brand-palette" data-testid="brand-palette">
        {preview.palette.map((p, i) => (
          <span key={i} className="swatch" title={hex(p)} style={{ background: hex(p), display: 'inline-block', width: 18, height: 18 }} />
        ))}
      </div>
      <p>
        {preview.seats.covered.toLocaleString()} of {preview.seats.total.toLocaleString()} seats · {preview.palette.length} colours · {c.imagePackets} IMAGE packets + PALETTE + SHOW_IMAGE ·{' '}
        {c.bytes} bytes (one per seat would be {c.perSeat.packets.toLocaleString()} packets, {secs(c.perSeat.airMs)})
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
      <p className="muted">
        The preload needs {secs(preview.preload.leadMs)} before the reveal; {Math.round(c.rounds.expectedShare * 1000) / 10}% of bands expected to show it at 5% packet loss.
      </p>
    </div>
  );
}

function StepsForm({ steps, onChange, parades }: { steps: Step[]; onChange: (s: Step[]) => void; parades: ShowVenue['parades'] }) {
  const put = (i: number, s: Step) => onChange(steps.map((x, k) => (k === i ? s : x)));
  const add = (s: Step) => onChange([...steps, s]);
  return (
    <fieldset data-testid="brand-steps">
      <legend>Steps</legend>
      <ol>
        {steps.map((s, i) => (
          <li key={i}>
            <strong>{s.kind}</strong>{' '}
            <label>
              for{' '}
              <input type="number" min={0} step={0.5} value={s.duration / 1000} onChange={(e) => put(i, { ...s, duration: Math.max(0, Number(e.target.value) * 1000) })} /> s
            </label>
            {(s.kind === 'reveal' || s.kind === 'wash') && (
              <label>
                {' '}
                fade <input type="number" min={0} step={0.1} value={s.fade / 1000} onChange={(e) => put(i, { ...s, fade: Math.max(0, Number(e.target.value) * 1000) })} /> s
              </label>
            )}
            {s.kind === 'wash' && <input type="color" value={hex(s.color)} onChange={(e) => put(i, { ...s, color: rgb(e.target.value) })} />}
            {s.kind === 'parade' && (
              <select value={s.parade} onChange={(e) => put(i, { ...s, parade: e.target.value })}>
                {parades.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}{' '}
            <button onClick={() => onChange(steps.filter((_, k) => k !== i))} disabled={steps.length === 1}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button onClick={() => add({ kind: 'reveal', duration: 6000, fade: 500 })}>+ reveal</button>
      <button onClick={() => add({ kind: 'wash', duration: 3000, color: [255, 255, 255], fade: 500 })}>+ wash</button>
      {parades.length > 0 && <button onClick={() => add({ kind: 'parade', duration: 10_000, parade: parades[0].id })}>+ parade</button>}
      <button onClick={() => add({ kind: 'hold', duration: 3000 })}>+ hold</button>
    </fieldset>
  );
}
