/**
 * Compose: the parade editor and cue list editing for the show being edited.
 * Schema problems block the save; flash-safety problems do not (the show is
 * kept as a draft that cannot go live) and are shown beside the cue or step
 * that causes them as the designer edits.
 */
import { parseShow } from '@crowdcue/protocol';
import { useMemo, useState } from 'react';
import { EditedShowBar } from '../editing/edited-show-bar';
import { useEditing } from '../editing/editing-context';
import { CueListEditor } from './cue-list-editor';
import { FlashSafetyBanner } from './flash-safety-banner';
import { ParadeEditor } from './parade-editor';
import { useFlashCheck } from './use-flash-check';

export function ComposePage() {
  const editing = useEditing();
  const [tab, setTab] = useState<'parades' | 'cues'>('parades');
  const [focus, setFocus] = useState<{ path: string; at: number } | null>(null);
  const draft = editing.state.draft;
  // Checked as the server would: every problem by path, shown where it is.
  const parsed = useMemo(() => (draft ? parseShow(draft) : null), [draft]);
  const errors = parsed && !parsed.ok ? parsed.errors : [];
  const flash = useFlashCheck(parsed?.ok ? parsed.value : null);
  const inline = useMemo(() => [...errors, ...flash.problems], [errors, flash.problems]);

  const jump = (path: string) => {
    setTab(path.startsWith('parades') ? 'parades' : 'cues');
    setFocus({ path, at: Date.now() });
  };

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
      {draft && <FlashSafetyBanner problems={flash.problems} checking={flash.checking} storedDraft={Boolean(editing.state.base?.draft)} onJump={jump} />}
      {draft &&
        (tab === 'parades' ? (
          <ParadeEditor key={draft.id} show={draft} errors={inline} focus={focus} />
        ) : (
          <CueListEditor key={draft.id} show={draft} errors={inline} focus={focus} />
        ))}
    </div>
  );
}
