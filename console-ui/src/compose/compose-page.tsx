/** Compose: the parade editor and cue list editing for the show being edited. */
import { parseShow } from '@crowdcue/protocol';
import { useMemo, useState } from 'react';
import { EditedShowBar } from '../editing/edited-show-bar';
import { useEditing } from '../editing/editing-context';
import { CueListEditor } from './cue-list-editor';
import { ParadeEditor } from './parade-editor';

export function ComposePage() {
  const editing = useEditing();
  const [tab, setTab] = useState<'parades' | 'cues'>('parades');
  const draft = editing.state.draft;
  // Checked as the server would: every problem by path, shown where it is.
  const errors = useMemo(() => {
    if (!draft) return [];
    const r = parseShow(draft);
    return r.ok ? [] : r.errors;
  }, [draft]);

  return (
    <div className="compose-page">
      <EditedShowBar errors={errors}>
        <div className="segmented tabs">
          <button data-testid="tab-parades" className={tab === 'parades' ? 'on' : ''} onClick={() => setTab('parades')}>
            Parades
          </button>
          <button data-testid="tab-cues" className={tab === 'cues' ? 'on' : ''} onClick={() => setTab('cues')}>
            Cues
          </button>
        </div>
      </EditedShowBar>
      {draft && (tab === 'parades' ? <ParadeEditor key={draft.id} show={draft} errors={errors} /> : <CueListEditor key={draft.id} show={draft} errors={errors} />)}
    </div>
  );
}
