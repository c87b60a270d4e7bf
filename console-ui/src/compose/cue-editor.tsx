/** One cue: number, label, timing (delay, fade, hang, follow), its parade, and its looks per zone. */
import type { Cue, Look, LookKey, Show } from '@crowdcue/protocol';
import type { FieldError } from '../api/http';
import { lookSwatch } from '../ui/colour';
import { FieldErrors } from '../ui/field-errors';
import { LookFields } from '../ui/look-fields';
import { NumberField } from '../ui/number-field';
import { defaultLook, nextFreeZoneKey, rekeyLook, setCue, setLook, sortedLookKeys } from './cue-edits';

interface Props {
  show: Show;
  listId: string;
  cue: Cue;
  errors: FieldError[];
  disabled: boolean;
  edit: (change: (s: Show) => Show) => void;
  onDelete: () => void;
  onMove: (by: -1 | 1) => void;
}

export function CueEditor({ show, listId, cue, errors, disabled, edit, onDelete, onMove }: Props) {
  const zones = show.venue.zones;
  const keys = sortedLookKeys(cue.looks);
  const patch = (p: Partial<Omit<Cue, 'id' | 'looks'>>) => edit((s) => setCue(s, listId, cue.id, p));
  const freeKey = 'all' in cue.looks ? nextFreeZoneKey(cue.looks, zones.map((z) => z.id)) : 'all';
  return (
    <fieldset className="cue-editor" data-testid="cue-editor" disabled={disabled}>
      <div className="row spread">
        <h3>
          Cue {cue.number} <span className="muted">{cue.id}</span>
        </h3>
        <div className="row tight">
          <button type="button" className="small" data-testid="cue-up" onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className="small" data-testid="cue-down" onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="small danger" data-testid="cue-delete" onClick={onDelete}>
            Delete
          </button>
        </div>
      </div>
      <div className="field-grid">
        <NumberField label="Number" testId="cue-number" value={cue.number} integer={false} min={0.001} step={0.1} onChange={(v) => v && patch({ number: v })} />
        <label className="span2">
          Label
          <input data-testid="cue-label" value={cue.label} onChange={(e) => patch({ label: e.target.value })} />
        </label>
        <NumberField label="Delay (ms)" testId="cue-delay" value={cue.delay} min={0} onChange={(v) => patch({ delay: v ?? 0 })} />
        <NumberField label="Fade (ms)" testId="cue-fade" value={cue.fade} min={0} onChange={(v) => patch({ fade: v ?? 0 })} />
        <NumberField label="Hang (ms)" testId="cue-hang" value={cue.hang} min={0} onChange={(v) => patch({ hang: v ?? 0 })} />
        <NumberField label="Follow (ms, empty = wait for GO)" testId="cue-follow" value={cue.follow ?? undefined} optional min={0} onChange={(v) => patch({ follow: v ?? null })} />
        <label>
          Parade
          <select data-testid="cue-parade" value={cue.parade ?? ''} onChange={(e) => patch({ parade: e.target.value || undefined })}>
            <option value="">(none)</option>
            {show.parades.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      <h4>Looks</h4>
      <p className="muted small-text">A zone's own look wins over “all”.</p>
      <div className="look-list">
        {keys.map((key) => (
          <div key={key} className="look-item" data-testid={`cue-look-${key}`}>
            <div className="row spread">
              <span className="row tight">
                <span className="cue-swatch big" style={{ background: lookSwatch(cue.looks[key]) }} />
                <select
                  data-testid={`cue-look-key-${key}`}
                  value={key}
                  onChange={(e) => edit((s) => rekeyLook(s, listId, cue.id, key, e.target.value as LookKey))}
                >
                  <option value="all" disabled={key !== 'all' && 'all' in cue.looks}>
                    all zones
                  </option>
                  {zones.map((z) => (
                    <option key={z.id} value={`zone${z.id}`} disabled={`zone${z.id}` !== key && `zone${z.id}` in cue.looks}>
                      zone {z.id} · {z.name}
                    </option>
                  ))}
                </select>
              </span>
              <button type="button" className="small ghost" data-testid={`cue-look-remove-${key}`} onClick={() => edit((s) => setLook(s, listId, cue.id, key, null))}>
                Remove
              </button>
            </div>
            <LookFields look={cue.looks[key]} withFade testIdPrefix={`cue-look-${key}`} onChange={(l: Look) => edit((s) => setLook(s, listId, cue.id, key, l))} />
          </div>
        ))}
      </div>
      <button type="button" data-testid="cue-look-add" disabled={!freeKey} onClick={() => freeKey && edit((s) => setLook(s, listId, cue.id, freeKey, defaultLook('color')))}>
        + Look {freeKey ? `for ${freeKey === 'all' ? 'all zones' : freeKey}` : ''}
      </button>

      <FieldErrors errors={errors} testId="cue-errors" />
    </fieldset>
  );
}
