/**
 * Imports a show file. Each problem the server finds is listed with its path
 * in the file (`cueLists[0].cues[3].fade: must be >= 0`), beside the file name.
 * A show whose id exists already is replaced only when asked.
 */
import { useRef, useState } from 'react';
import { ApiError, errorText, type FieldError } from '../api/http';
import { importShow, type StoredShow } from '../api/shows-api';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; file: string }
  | { kind: 'ok'; file: string; stored: StoredShow }
  | { kind: 'errors'; file: string; message: string; fields: FieldError[] }
  | { kind: 'exists'; file: string; json: unknown; message: string };

/** `line 3, column 14` for a JSON syntax error, when the browser's message gives a position. */
function jsonProblem(text: string, e: unknown): string {
  const msg = errorText(e);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return `not valid JSON: ${msg}`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `not valid JSON (line ${line}, column ${column}): ${msg}`;
}

export function ShowImport({ disabled, onImported }: { disabled?: boolean; onImported: (stored: StoredShow) => void }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  async function send(file: string, json: unknown, overwrite: boolean) {
    setOutcome({ kind: 'busy', file });
    try {
      const stored = await importShow(json, overwrite);
      setOutcome({ kind: 'ok', file, stored });
      onImported(stored);
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 409) setOutcome({ kind: 'exists', file, json, message: e.message });
      else setOutcome({ kind: 'errors', file, message: errorText(e), fields: e instanceof ApiError ? e.fields : [] });
    }
  }

  async function pick(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const text = await f.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      setOutcome({ kind: 'errors', file: f.name, message: jsonProblem(text, e), fields: [] });
      return;
    } finally {
      if (input.current) input.current.value = '';
    }
    await send(f.name, json, false);
  }

  return (
    <section className="panel import" data-testid="show-import">
      <h2>Import a show file</h2>
      <div className="pad">
        <label className="file-pick">
          <input ref={input} data-testid="show-import-input" type="file" accept=".json,application/json" disabled={disabled} onChange={(e) => void pick(e.target.files)} />
          <span className="button-like">Choose file…</span>
          <span className="muted">{outcome.kind === 'idle' ? 'A .show.json file (version 1)' : outcome.file}</span>
        </label>
        {outcome.kind === 'busy' && <p className="muted">Checking {outcome.file}…</p>}
        {outcome.kind === 'ok' && (
          <p className="ok-text" data-testid="show-import-ok">
            Imported “{outcome.stored.show.name}” as {outcome.stored.id} (revision {outcome.stored.revision}).
          </p>
        )}
        {outcome.kind === 'exists' && (
          <div className="notice" data-testid="show-import-exists">
            <p>{outcome.message}</p>
            <button data-testid="show-import-replace" className="danger" onClick={() => void send(outcome.file, outcome.json, true)}>
              Replace the stored show
            </button>
          </div>
        )}
        {outcome.kind === 'errors' && (
          <div className="errors" data-testid="show-errors" role="alert">
            <p>
              <strong>{outcome.file}</strong> was not imported
              {outcome.fields.length ? `: ${outcome.fields.length} problem${outcome.fields.length === 1 ? '' : 's'}` : `: ${outcome.message}`}
            </p>
            {outcome.fields.length > 0 && (
              <ul>
                {outcome.fields.map((f, i) => (
                  <li key={i} data-testid="show-error">
                    <code>{f.path || '(file)'}</code>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
