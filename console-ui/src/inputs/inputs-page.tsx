/**
 * Inputs: what the show takes from the rig besides this console (OSC, and
 * timecode and desk input beside it), for the live show (or, with none live,
 * the show open for editing). Saved into the show through the shows API with
 * this operator's own role: the controller takes a change to `inputs` only
 * from an operator or admin, and applies the live show's at once.
 */
import type { StoredShow } from '@crowdcue/protocol';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorText, type FieldError } from '../api/http';
import { getShow, isConflict, saveShow } from '../api/shows-api';
import { useEditing } from '../editing/editing-context';
import { useLive, useLiveStore } from '../live/live-context';
import { FieldErrors } from '../ui/field-errors';
import { INPUT_SECTIONS, type InputsDraft } from './input-sections';
import './inputs-page.css';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

export function InputsPage() {
  const store = useLiveStore();
  const live = useLive().state?.show ?? null;
  const open = useEditing().showId;
  const showId = live ?? open;
  const [stored, setStored] = useState<StoredShow | null>(null);
  const [draft, setDraft] = useState<InputsDraft>({});
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!showId) return;
    try {
      const s = await getShow(showId);
      setStored(s);
      setDraft({ ...(s.show.inputs ?? {}) });
      setError(null);
      setFields([]);
    } catch (e) {
      setError(errorText(e));
    }
  }, [showId]);
  useEffect(() => void load(), [load]);
  useEffect(() => store.onShowChanged((c) => c.show === showId && !busy && stored && c.revision > stored.revision && void load()), [store, showId, busy, stored, load]);

  const dirty = stored !== null && !sameJson(stored.show.inputs, draft);
  const save = async () => {
    if (!stored) return;
    setBusy(true);
    setSaved(null);
    const kept = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined));
    const { inputs: _old, ...rest } = stored.show;
    try {
      const next = await saveShow(stored.id, stored.revision, { ...rest, ...(Object.keys(kept).length > 0 ? { inputs: kept } : {}) } as StoredShow['show']);
      setStored(next);
      setDraft({ ...(next.show.inputs ?? {}) });
      setError(null);
      setFields([]);
      setSaved(`Saved as revision ${next.revision}${next.id === live ? '; the live show uses it now' : ''}.`);
    } catch (e) {
      setError(isConflict(e) ? `${errorText(e)}. Reload to see the saved inputs, then make your change again.` : errorText(e));
      setFields(e instanceof ApiError ? e.fields : []);
    } finally {
      setBusy(false);
    }
  };

  if (!showId) {
    return (
      <section className="panel empty-state" data-testid="inputs-page">
        <h2>Inputs</h2>
        <p className="muted">No show is live or open: load one to set its inputs.</p>
      </section>
    );
  }

  return (
    <div className="inputs-page" data-testid="inputs-page">
      <section className="panel inputs-head">
        <h2>
          Inputs <span className="muted">· {showId}{showId === live ? ' (live)' : ' (open)'}{stored ? ` · revision ${stored.revision}` : ''}</span>
        </h2>
        <div className="pad row">
          <span className="muted">OSC from show-callers, timecode and a lighting desk: what may command this show besides the console.</span>
          <button className="ghost end-push" data-testid="inputs-revert" disabled={!dirty || busy} onClick={() => stored && setDraft({ ...(stored.show.inputs ?? {}) })}>
            Revert
          </button>
          <button data-testid="inputs-save" disabled={!dirty || busy} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Save inputs'}
          </button>
        </div>
        {error && (
          <p className="error pad" role="alert" data-testid="inputs-error">
            {error}
          </p>
        )}
        {fields.length > 0 && (
          <div className="pad">
            <FieldErrors errors={fields} testId="inputs-field-errors" />
          </div>
        )}
        {saved && !dirty && (
          <p className="ok-text pad" data-testid="inputs-saved">
            {saved}
          </p>
        )}
      </section>
      {INPUT_SECTIONS.map((s) => (
        <section key={s.key} className="panel inputs-section" data-testid={`inputs-section-${s.key}`}>
          <h2>{s.title}</h2>
          {s.render(draft[s.key], (v) => setDraft((d) => ({ ...d, [s.key]: v })), busy || !stored, stored?.show.cueLists ?? [])}
        </section>
      ))}
    </div>
  );
}
