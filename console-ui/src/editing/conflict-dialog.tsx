/**
 * Two people saved the same show: theirs is on the server, yours is here.
 * Reload theirs (yours is dropped) or overwrite (yours goes on top of theirs,
 * knowingly). Nothing is ever overwritten silently.
 */
import { diffShows } from './show-diff';
import { useEditing } from './editing-context';

const MAX_ROWS = 12;

export function ConflictDialog() {
  const { state, dispatch } = useEditing();
  if (state.status !== 'conflict' || !state.draft) return null;
  const theirs = state.theirs;
  const diffs = theirs ? diffShows(theirs.show, state.draft) : [];
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
        {theirs && (
          <table className="compare" data-testid="conflict-diff">
            <thead>
              <tr>
                <th>What differs</th>
                <th>Theirs (rev {theirs.revision})</th>
                <th>Yours (unsaved)</th>
              </tr>
            </thead>
            <tbody>
              {diffs.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    No difference: keeping either is the same.
                  </td>
                </tr>
              )}
              {diffs.slice(0, MAX_ROWS).map((d) => (
                <tr key={d.what} className="differs">
                  <th>{d.what}</th>
                  <td>{d.theirs}</td>
                  <td>{d.mine}</td>
                </tr>
              ))}
              {diffs.length > MAX_ROWS && (
                <tr>
                  <td colSpan={3} className="muted">
                    and {diffs.length - MAX_ROWS} more
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
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
