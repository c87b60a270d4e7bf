/**
 * The bar above Compose and Venue: which show is being edited, its save state,
 * a Save button (autosave also runs), and the problems that block saving.
 */
import type { ReactNode } from 'react';
import type { FieldError } from '../api/http';
import { navigate } from '../app/router';
import { ConflictDialog } from './conflict-dialog';
import { useEditing } from './editing-context';
import { SaveStatus } from './save-status';

export function EditedShowBar({ errors, children }: { errors: FieldError[]; children?: ReactNode }) {
  const editing = useEditing();
  const { state } = editing;
  if (!state.draft) {
    return (
      <div className="panel empty-state">
        <h2>No show open</h2>
        <p className="muted">{editing.loadError ?? 'Open a show on the Shows page to edit it.'}</p>
        <button className="primary" onClick={() => navigate('/shows')}>
          Go to Shows
        </button>
      </div>
    );
  }
  const serverFields = state.status === 'error' || state.status === 'invalid' ? (state.fields ?? []) : [];
  return (
    <>
      <div className="edit-bar">
        <div className="edit-title">
          <span className="label">Editing</span>
          <strong data-testid="edited-show">{state.draft.name}</strong>
          <code className="muted">{state.draft.id}</code>
        </div>
        {children}
        <div className="row tight end-push">
          <SaveStatus />
          <button data-testid="parade-save" className="primary" disabled={!editing.canWrite || state.status === 'saving' || state.status === 'clean' || state.status === 'saved'} onClick={editing.saveNow}>
            Save
          </button>
        </div>
      </div>
      {editing.lastEditError && <p className="error banner">{editing.lastEditError}</p>}
      {state.status === 'error' && state.error && serverFields.length === 0 && <p className="error banner">{state.error}</p>}
      {errors.length > 0 && (
        <details className="draft-errors" data-testid="draft-errors" open={state.status === 'invalid'}>
          <summary>
            {errors.length} problem{errors.length === 1 ? '' : 's'} in this show {editing.canWrite ? '(saving waits until they are fixed)' : ''}
          </summary>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                <code>{e.path || '(show)'}</code>: {e.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ConflictDialog />
    </>
  );
}
