/** Where the edited show's save stands: saved, saving, unsaved, to fix, conflict. */
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
    <span className={`save-status s-${status}`} data-testid="save-status" data-status={status} title={state.error ?? ''}>
      <span className="save-dot" />
      {status === 'readonly' ? 'Read only' : TEXT[status]}
      {state.base && status !== 'empty' && <span className="muted"> · rev {state.base.revision}</span>}
    </span>
  );
}
