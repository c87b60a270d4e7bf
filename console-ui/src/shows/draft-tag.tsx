/** A show saved as a draft (it breaks the flash limit): marked in the list with why it cannot go live. */
import type { ShowSummary } from '../api/shows-api';
import '../compose/flash-safety.css';

export function DraftTag({ id, draft }: { id: string; draft: NonNullable<ShowSummary['draft']> }) {
  return (
    <>
      <span className="tag draft" data-testid={`show-draft-${id}`}>
        DRAFT
      </span>
      <div className="muted small-text">
        Cannot go live: {draft.problems} flash problem{draft.problems === 1 ? '' : 's'}, e.g. {draft.first}
      </div>
    </>
  );
}
