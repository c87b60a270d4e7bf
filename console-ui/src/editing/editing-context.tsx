/**
 * The show being edited (Compose and Venue pages share it): loads it, keeps
 * the draft, autosaves a moment after the last edit with the revision the edit
 * started from, and turns someone else's save into a reload (clean draft) or a
 * conflict to resolve (dirty draft).
 */
import { parseShow, type Show } from '@crowdcue/protocol';
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { ApiError, errorText } from '../api/http';
import { getShow, isConflict, listShows, saveShow, type StoredShow } from '../api/shows-api';
import { useLiveStore } from '../live/live-context';
import { draftReducer, emptyDraft, type DraftAction, type DraftState } from './draft';
import { lastEditedShow } from './last-edited';

const AUTOSAVE_MS = 800;
const STORAGE_KEY = 'crowdcue.editingShow';

interface EditingApi {
  showId: string | null;
  state: DraftState;
  canWrite: boolean;
  loadError: string | null;
  open(id: string | null): void;
  /** Applies an edit to the draft; a thrown error is shown, the draft stays as it was. */
  edit(change: (show: Show) => Show): void;
  /** Saves now instead of waiting for autosave. */
  saveNow(): void;
  dispatch(a: DraftAction): void;
  lastEditError: string | null;
}

const EditingContext = createContext<EditingApi | null>(null);

/** Defaults filled and colours as [r, g, b], whatever the stored file wrote. */
function normalised(stored: StoredShow): StoredShow {
  const r = parseShow(stored.show);
  return r.ok ? { ...stored, show: r.value } : stored;
}

export function EditingProvider({ canRead, canWrite, username = null, children }: { canRead: boolean; canWrite: boolean; username?: string | null; children: ReactNode }) {
  const live = useLiveStore();
  const [showId, setShowId] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const [state, dispatch] = useReducer(draftReducer, emptyDraft);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [lastEditError, setLastEditError] = useState<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const saving = useRef(false);

  const load = useCallback(async (id: string) => {
    try {
      dispatch({ type: 'load', stored: normalised(await getShow(id)) });
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
      if (e instanceof ApiError && e.statusCode === 404) {
        dispatch({ type: 'close' });
        localStorage.removeItem(STORAGE_KEY);
      }
    }
  }, []);

  useEffect(() => {
    if (showId && canRead) void load(showId);
    else dispatch({ type: 'close' });
  }, [showId, canRead, load]);

  // Nothing remembered in this browser: reopen the show this account saved last.
  const askedLast = useRef(false);
  useEffect(() => {
    if (showId || !canRead || askedLast.current) return;
    askedLast.current = true;
    listShows().then(
      (list) => {
        const id = lastEditedShow(list, username);
        if (id && !localStorage.getItem(STORAGE_KEY)) {
          localStorage.setItem(STORAGE_KEY, id);
          setShowId(id);
        }
      },
      () => undefined,
    );
  }, [showId, canRead, username]);

  const open = useCallback((id: string | null) => {
    if (id) localStorage.setItem(STORAGE_KEY, id);
    else localStorage.removeItem(STORAGE_KEY);
    setShowId(id);
    if (id && id === stateRef.current.base?.id) void load(id);
  }, [load]);

  const save = useCallback(async (force = false) => {
    const s = stateRef.current;
    if (saving.current || !s.draft || !s.base || !canWrite) return;
    const retry = force && (s.status === 'error' || s.status === 'invalid');
    if (s.status !== 'dirty' && !retry) return;
    const checked = parseShow(s.draft);
    if (!checked.ok) {
      dispatch({ type: 'invalid', fields: checked.errors });
      return;
    }
    saving.current = true;
    const seq = s.editSeq;
    dispatch({ type: 'saveStart' });
    try {
      const stored = await saveShow(s.base.id, s.base.revision, s.draft);
      dispatch({ type: 'saveOk', stored: normalised(stored), seq });
    } catch (e) {
      if (isConflict(e)) {
        const theirs = e.current as StoredShow | undefined;
        dispatch({ type: 'conflict', theirs: theirs ? normalised(theirs) : null });
      } else {
        dispatch({ type: 'saveFailed', message: errorText(e), fields: e instanceof ApiError ? e.fields : undefined });
      }
    } finally {
      saving.current = false;
    }
  }, [canWrite]);

  // Autosave: a moment after the last edit.
  useEffect(() => {
    if (state.status !== 'dirty' || !canWrite) return;
    const t = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [state.status, state.editSeq, canWrite, save]);

  // Another console saved this show.
  useEffect(
    () => live.onShowChanged((c) => dispatch({ type: 'remoteChanged', show: c.show, revision: c.revision })),
    [live],
  );
  useEffect(() => {
    if (state.reload && state.base) void load(state.base.id);
  }, [state.reload, state.base, load]);
  // A conflict announced by the stream: fetch their version to compare.
  useEffect(() => {
    if (state.status !== 'conflict' || state.theirs !== null || !state.base) return;
    getShow(state.base.id).then(
      (theirs) => dispatch({ type: 'conflict', theirs: normalised(theirs) }),
      () => undefined,
    );
  }, [state.status, state.theirs, state.base]);

  const api = useMemo<EditingApi>(
    () => ({
      showId,
      state,
      canWrite,
      loadError,
      lastEditError,
      open,
      dispatch,
      edit(change) {
        const draft = stateRef.current.draft;
        if (!draft) return;
        try {
          dispatch({ type: 'edit', show: change(draft) });
          setLastEditError(null);
        } catch (e) {
          setLastEditError(errorText(e));
        }
      },
      saveNow() {
        void save(true);
      },
    }),
    [showId, state, canWrite, loadError, lastEditError, open, save],
  );
  return <EditingContext.Provider value={api}>{children}</EditingContext.Provider>;
}

export function useEditing(): EditingApi {
  const e = useContext(EditingContext);
  if (!e) throw new Error('useEditing outside EditingProvider');
  return e;
}
