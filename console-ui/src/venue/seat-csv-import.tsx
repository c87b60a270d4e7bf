/**
 * Imports a seat map CSV (`section,row,seat,x,y[,zone]`). Every problem is
 * listed with its line and column; nothing changes until the whole file reads.
 */
import { parseSeatCsv, type SeatCsvError, type VenueMap } from '@crowdcue/simulator';
import { useRef, useState } from 'react';

interface Props {
  disabled: boolean;
  onUse: (venue: VenueMap, csv: string) => void;
}

type State = { kind: 'idle' } | { kind: 'errors'; file: string; errors: SeatCsvError[] } | { kind: 'ready'; file: string; venue: VenueMap; csv: string };

export function SeatCsvImport({ disabled, onUse }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  async function pick(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const csv = await f.text();
    if (input.current) input.current.value = '';
    const r = parseSeatCsv(csv, { name: f.name.replace(/\.csv$/i, '') });
    setState(r.ok ? { kind: 'ready', file: f.name, venue: r.venue, csv } : { kind: 'errors', file: f.name, errors: r.errors });
  }

  return (
    <div className="csv-import">
      <label className="file-pick">
        <input ref={input} data-testid="venue-csv-input" type="file" accept=".csv,text/csv" disabled={disabled} onChange={(e) => void pick(e.target.files)} />
        <span className="button-like">Import seat map CSV…</span>
      </label>
      <p className="muted small-text">Columns: section,row,seat,x,y[,zone]. Without a zone column each section becomes a zone.</p>
      {state.kind === 'errors' && (
        <div className="errors" data-testid="venue-csv-errors" role="alert">
          <p>
            <strong>{state.file}</strong>: {state.errors.length} problem{state.errors.length === 1 ? '' : 's'}, nothing imported
          </p>
          <ul>
            {state.errors.map((e, i) => (
              <li key={i}>
                <code>
                  line {e.line}
                  {e.column ? `, ${e.column}` : ''}
                </code>{' '}
                {e.message.replace(/^line \d+(, column [^:]+)?: /, '')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.kind === 'ready' && (
        <div className="notice" data-testid="venue-csv-ready">
          <p>
            <strong>{state.file}</strong>: {state.venue.seats.length} seats in {state.venue.zones.length} zones.
          </p>
          <div className="row">
            <button
              className="primary"
              data-testid="venue-csv-use"
              onClick={() => {
                onUse(state.venue, state.csv);
                setState({ kind: 'idle' });
              }}
            >
              Use this seat map
            </button>
            <button className="ghost" onClick={() => setState({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
