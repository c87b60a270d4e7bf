/**
 * Two people saved the same show: theirs is on the server, yours is here.
 * Reload theirs (yours is dropped) or overwrite (yours goes on top of theirs,
 * knowingly). Nothing is ever overwritten silently.
 */
import type { Show } from '@crowdcue/protocol';
import { useEditing } from './editing-context';

function summary(show: Show) {
  const cues = show.cueLists.reduce((n, l) => n + l.cues.length, 0);
  const steps = show.parades.reduce((n, p) => n + p.tracks.reduce((m, t) => m + t.steps.length, 0), 0);
  const seats = Array.isArray(show.venue.seats) ? `${show.venue.seats.length} listed seats` : `${show.venue.seats.kind} seats`;
  return [
    ['Name', show.name],
    ['Cues', String(cues)],
    ['Parades', `${show.parades.length} (${steps} blocks)`],
    ['Zones', String(show.venue.zones.length)],
    ['Seats', seats],
  ];
}

export function ConflictDialog() {
  const { state, dispatch } = useEditing();
  if (state.status !== 'conflict' || !state.draft) return null;
  const theirs = state.theirs;
  const mine = summary(state.draft);
  const other = theirs ? summary(theirs.show) : null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-labelledby="conflict-title" data-testid="conflict-dialog">
        <h2 id="conflict-title">Someone else saved this show</h2>
        <p className="muted">
          {state.error ??
            (theirs
              ? `${theirs.savedBy} saved revision ${theirs.revision} at ${new Date(theirs.savedAt).toLocaleTimeString()}, after you started editing revision ${state.base?.revision}.`
              : 'Fetching their version…')}
        </p>
        <table className="compare">
          <thead>
            <tr>
              <th />
              <th>Theirs {theirs ? `(rev ${theirs.revision})` : ''}</th>
              <th>Yours (unsaved)</th>
            </tr>
          </thead>
          <tbody>
            {mine.map(([k, v], i) => (
              <tr key={k} className={other && other[i][1] !== v ? 'differs' : ''}>
                <th>{k}</th>
                <td>{other ? other[i][1] : '…'}</td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row end">
          <button data-testid="conflict-reload" className="ghost" disabled={!theirs} onClick={() => dispatch({ type: 'keepTheirs' })}>
            Reload theirs (drop mine)
          </button>
          <button data-testid="conflict-overwrite" className="danger" disabled={!theirs} onClick={() => dispatch({ type: 'keepMine' })}>
            Overwrite with mine
          </button>
        </div>
      </div>
    </div>
  );
}
