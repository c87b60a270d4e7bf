/** Cue list editing: pick a list, the table of its cues, and the selected cue's editor. */
import type { Show } from '@crowdcue/protocol';
import { useEffect, useMemo, useState } from 'react';
import type { FieldError } from '../api/http';
import { useEditing } from '../editing/editing-context';
import { addCue, addCueList, moveCue, removeCue } from './cue-edits';
import { CueEditor } from './cue-editor';
import { CueTable } from './cue-table';

export function CueListEditor({ show, errors, focus }: { show: Show; errors: FieldError[]; focus?: { path: string; at: number } | null }) {
  const editing = useEditing();
  const disabled = !editing.canWrite;
  const [listId, setListId] = useState<string | null>(show.cueLists[0]?.id ?? null);
  const [cueId, setCueId] = useState<string | null>(null);
  // A problem's "Show" button: select the cue its path names.
  useEffect(() => {
    const m = focus ? /^cueLists\[(\d+)\]\.cues\[(\d+)\]/.exec(focus.path) : null;
    const l = m ? show.cueLists[Number(m[1])] : undefined;
    const c = m ? l?.cues[Number(m[2])] : undefined;
    if (l && c) {
      setListId(l.id);
      setCueId(c.id);
    }
    // Only a new jump moves the selection, not every edit of the show.
  }, [focus]);
  const listIndex = Math.max(0, show.cueLists.findIndex((l) => l.id === listId));
  const list = show.cueLists[listIndex] ?? null;
  const cueIndex = list ? list.cues.findIndex((c) => c.id === cueId) : -1;
  const cue = cueIndex >= 0 ? list!.cues[cueIndex] : null;

  const invalidCues = useMemo(() => {
    const out = new Set<string>();
    if (!list) return out;
    list.cues.forEach((c, i) => {
      const p = `cueLists[${listIndex}].cues[${i}]`;
      if (errors.some((e) => e.path === p || e.path.startsWith(`${p}.`))) out.add(c.id);
    });
    return out;
  }, [errors, list, listIndex]);
  const cuePath = `cueLists[${listIndex}].cues[${cueIndex}]`;

  return (
    <div className="cue-list-editor">
      <div className="toolbar">
        <label className="inline">
          Cue list
          <select data-testid="cuelist-select" value={list?.id ?? ''} onChange={(e) => setListId(e.target.value)}>
            {show.cueLists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button
          data-testid="cuelist-add"
          disabled={disabled}
          onClick={() => {
            let id = '';
            editing.edit((s) => {
              const r = addCueList(s, `List ${s.cueLists.length + 1}`);
              id = r.id;
              return r.show;
            });
            if (id) setListId(id);
          }}
        >
          + Cue list
        </button>
        {list && (
          <button
            data-testid="cue-add"
            className="primary"
            disabled={disabled}
            onClick={() => {
              let id = '';
              editing.edit((s) => {
                const r = addCue(s, list.id, cue?.id);
                id = r.id;
                return r.show;
              });
              if (id) setCueId(id);
            }}
          >
            + Cue {cue ? `after ${cue.number}` : ''}
          </button>
        )}
      </div>
      <div className="cue-edit-body">
        <section className="panel">{list ? <CueTable list={list} selected={cueId} invalidCues={invalidCues} onSelect={setCueId} /> : <p className="muted pad">No cue lists.</p>}</section>
        <section className="panel inspector">
          {cue && list ? (
            <CueEditor
              show={show}
              listId={list.id}
              cue={cue}
              disabled={disabled}
              errors={errors.filter((e) => e.path === cuePath || e.path.startsWith(`${cuePath}.`))}
              edit={editing.edit}
              onDelete={() => {
                editing.edit((s) => removeCue(s, list.id, cue.id));
                setCueId(null);
              }}
              onMove={(by) => editing.edit((s) => moveCue(s, list.id, cue.id, by))}
            />
          ) : (
            <div className="hint">
              <h3>Cues</h3>
              <p className="muted">Select a cue to edit its timing and its looks per zone.</p>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
