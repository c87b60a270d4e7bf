/**
 * The show being edited, and where its save stands. Every edit is kept in the
 * draft; autosave PUTs it with the revision the edit started from. A save that
 * someone else's save beat comes back as a conflict with their version: the
 * designer keeps theirs (reload) or keeps theirs-as-base and puts this draft on
 * top (overwrite), never a silent overwrite.
 */
import type { Show } from '@crowdcue/protocol';
import type { FieldError } from '../api/http';
import type { StoredShow } from '../api/shows-api';

export type SaveStatus = 'empty' | 'clean' | 'dirty' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'error';

export interface DraftState {
  /** The stored version this draft is based on (its revision goes with the next save). */
  base: StoredShow | null;
  draft: Show | null;
  /** Bumped by every edit; a save reports which edit it carried. */
  editSeq: number;
  savedSeq: number;
  status: SaveStatus;
  /** Why the last save failed, and the fields at fault. */
  error?: string;
  fields?: FieldError[];
  /** Someone else's version, when it clashes with this draft (null while it is fetched). */
  theirs?: StoredShow | null;
  /** A newer revision announced while a save was under way. */
  announced?: number;
  /** Set when the stored show changed and the clean draft should be reloaded. */
  reload?: boolean;
}

export type DraftAction =
  | { type: 'load'; stored: StoredShow }
  | { type: 'close' }
  | { type: 'edit'; show: Show }
  | { type: 'invalid'; fields: FieldError[] }
  | { type: 'saveStart' }
  | { type: 'saveOk'; stored: StoredShow; seq: number }
  | { type: 'saveFailed'; message: string; fields?: FieldError[] }
  | { type: 'conflict'; theirs: StoredShow | null }
  | { type: 'remoteChanged'; show: string; revision: number | null }
  | { type: 'keepTheirs' }
  | { type: 'keepMine' };

export const emptyDraft: DraftState = { base: null, draft: null, editSeq: 0, savedSeq: 0, status: 'empty' };

export const isDirty = (s: DraftState): boolean => s.editSeq !== s.savedSeq;

function remote(s: DraftState, revision: number): DraftState {
  if (!s.base || revision <= s.base.revision) return s;
  if (s.status === 'saving') return { ...s, announced: Math.max(revision, s.announced ?? 0) };
  if (isDirty(s) || s.status === 'invalid' || s.status === 'error') return { ...s, status: 'conflict', theirs: s.theirs ?? null };
  return { ...s, reload: true };
}

export function draftReducer(s: DraftState, a: DraftAction): DraftState {
  switch (a.type) {
    case 'load':
      return { base: a.stored, draft: a.stored.show, editSeq: 0, savedSeq: 0, status: 'clean' };
    case 'close':
      return emptyDraft;
    case 'edit':
      if (!s.draft) return s;
      return {
        ...s,
        draft: a.show,
        editSeq: s.editSeq + 1,
        // A conflict stays until the designer resolves it; edits go on in the draft meanwhile.
        status: s.status === 'conflict' || s.status === 'saving' ? s.status : 'dirty',
        error: s.status === 'conflict' ? s.error : undefined,
        fields: s.status === 'conflict' ? s.fields : undefined,
      };
    case 'invalid':
      return { ...s, status: 'invalid', fields: a.fields, error: `${a.fields.length} problem${a.fields.length === 1 ? '' : 's'} to fix before saving` };
    case 'saveStart':
      return { ...s, status: 'saving', error: undefined, fields: undefined };
    case 'saveOk': {
      const next: DraftState = { ...s, base: a.stored, savedSeq: a.seq, announced: undefined };
      const dirty = next.editSeq !== a.seq;
      // Keep the draft: edits made while saving must not be lost.
      next.status = dirty ? 'dirty' : 'saved';
      return s.announced !== undefined ? remote(next, s.announced) : next;
    }
    case 'saveFailed':
      return { ...s, status: 'error', error: a.message, fields: a.fields };
    case 'conflict':
      return { ...s, status: 'conflict', theirs: a.theirs, announced: undefined };
    case 'remoteChanged':
      if (!s.base || a.show !== s.base.id) return s;
      if (a.revision === null) return { ...s, status: 'conflict', theirs: null, error: 'this show was deleted on the server' };
      return remote(s, a.revision);
    case 'keepTheirs':
      if (!s.theirs) return s;
      return draftReducer(s, { type: 'load', stored: s.theirs });
    case 'keepMine':
      if (!s.theirs || !s.draft) return s;
      // Their revision becomes the base, so the next save goes on top of it, knowingly.
      return { ...s, base: { ...s.theirs, show: s.theirs.show }, theirs: undefined, status: 'dirty', editSeq: s.editSeq + 1, error: undefined };
  }
}
