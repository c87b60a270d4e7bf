/** Where the edited show's save stands: saved (or saved as a draft that cannot go live), saving, unsaved, to fix, conflict. */
import { useEditing } from './editing-context';

const TEXT: Record<string, string> = {
  empty: 'No show open',
  clean: 'Saved',
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  invalid: 'Fix errors to save',
  conflict: 'Conflict',
  error: 'Save failed',
};

export function SaveStatus() {
  const { state, canWrite } = useEditing();
  const status = !canWrite && state.status !== 'empty' ? 'readonly' : state.status;
  return (
    <span className={`save-status s-${status}`} data-testid="save-status" data-status={status} data-draft={state.base?.draft ? 'yes' : 'no'} title={state.error ?? ''}>
      <span className="save-dot" />
      {status === 'readonly' ? 'Read only' : (status === 'clean' || status === 'saved') && state.base?.draft ? 'Saved as a draft' : TEXT[status]}
      {state.base && status !== 'empty' && <span className="muted"> · rev {state.base.revision}</span>}
    </span>
  );
}
