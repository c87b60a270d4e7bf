/**
 * Stored shows: open one for editing, load one live, import, export, delete, start a new one.
 * A show whose file (and backup) does not read is listed as damaged with the reason: it can
 * only be deleted, or replaced by importing a show file with its id.
 */
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../api/http';
import { createShow, deleteShow, downloadShow, listShows, type ShowSummary } from '../api/shows-api';
import { navigate } from '../app/router';
import { useEditing } from '../editing/editing-context';
import { useLive, useLiveStore } from '../live/live-context';
import { newShow } from './new-show';
import { DraftTag } from './draft-tag';
import { ShowImport } from './show-import';
import { VenueChoiceForm } from '../venue/venue-choice-form';

export function ShowsPage({ canWrite, canControl }: { canWrite: boolean; canControl: boolean }) {
  const editing = useEditing();
  const store = useLiveStore();
  const liveShow = useLive().state?.show ?? null;
  const [shows, setShows] = useState<ShowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [newName, setNewName] = useState('');

  const refresh = useCallback(() => {
    listShows().then(
      (list) => {
        setShows(list.sort((a, b) => a.name.localeCompare(b.name)));
        setError(null);
      },
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => store.onShowChanged(refresh), [store, refresh]);

  const act = async (what: () => Promise<unknown>) => {
    try {
      await what();
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="shows-page">
      <section className="panel">
        <h2>Shows</h2>
        {error && <p className="error pad" role="alert">{error}</p>}
        <table className="grid-table" data-testid="show-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Id</th>
              <th className="num">Rev</th>
              <th>Saved</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shows?.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">No shows yet: import one or start a new one.</td>
              </tr>
            )}
            {shows?.map((s) => (
              <tr key={s.id} data-testid={`show-row-${s.id}`} className={s.id === editing.showId ? 'selected' : ''}>
                <td>
                  <strong>{s.name}</strong>
                  {s.id === liveShow && <span className="tag live">LIVE</span>}
                  {s.id === editing.showId && <span className="tag">editing</span>}
                  {s.draft && <DraftTag id={s.id} draft={s.draft} />}
                  {s.damaged && (
                    <>
                      <span className="tag danger" data-testid={`show-damaged-${s.id}`}>DAMAGED</span>
                      <div className="error">{s.damaged.reason}: delete it, or import a show file with this id to replace it.</div>
                    </>
                  )}
                </td>
                <td><code>{s.id}</code></td>
                <td className="num">{s.damaged ? '' : s.revision}</td>
                <td className="muted">
                  {s.damaged ? '' : `${new Date(s.savedAt).toLocaleString()} · ${s.savedBy}`}
                </td>
                <td className="actions">
                  {!s.damaged && (<>
                  <button
                    data-testid={`show-open-${s.id}`}
                    onClick={() => {
                      editing.open(s.id);
                      navigate('/compose');
                    }}
                  >
                    Open
                  </button>
                  {canControl && (
                    <button data-testid={`show-load-${s.id}`} className={s.id === liveShow || s.draft ? '' : 'primary'} title={s.draft ? 'A draft cannot go live: fix its flash problems first' : undefined} onClick={() => void act(async () => {
                      const ack = await store.run('load', { show: s.id });
                      if (!ack.ok) throw new Error(ack.error);
                    })}>
                      Load live
                    </button>
                  )}
                  <button data-testid={`show-export-${s.id}`} onClick={() => void act(() => downloadShow(s.id))}>
                    Export
                  </button>
                  </>)}
                  {canWrite &&
                    (confirmDelete === s.id ? (
                      <button
                        data-testid={`show-delete-confirm-${s.id}`}
                        className="danger"
                        onClick={() =>
                          void act(async () => {
                            await deleteShow(s.id);
                            setConfirmDelete(null);
                            if (editing.showId === s.id) editing.open(null);
                            refresh();
                          })
                        }
                      >
                        Really delete
                      </button>
                    ) : (
                      <button data-testid={`show-delete-${s.id}`} className="ghost" onClick={() => setConfirmDelete(s.id)}>
                        Delete
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="shows-side">
        <ShowImport disabled={!canWrite} onImported={() => refresh()} />
        {canWrite && (
          <section className="panel">
            <h2>New show</h2>
            <div className="pad new-show">
              <input data-testid="new-show-name" placeholder="Show name" value={newName} onChange={(e) => setNewName(e.target.value)} />
              <VenueChoiceForm
                testId="new-show-venue"
                applyTestId="new-show-create"
                action="Create"
                canApply={Boolean(newName.trim())}
                onApply={(venue) => {
                  const name = newName.trim();
                  if (!name) return;
                  void act(async () => {
                    const stored = await createShow(newShow(name, shows?.map((s) => s.id) ?? [], venue));
                    setNewName('');
                    refresh();
                    editing.open(stored.id);
                  });
                }}
              />
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
