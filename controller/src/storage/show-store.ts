/**
 * Shows live on disk as one JSON file each in `<data>/shows/`. Every save bumps a
 * revision; a save that names a stale revision is refused with the current one, so
 * two designers saving the same show get a conflict to resolve instead of a silent
 * overwrite. A show is validated before anything is written: an invalid show
 * leaves the stored one untouched.
 *
 * A show that breaks the flash limit is still stored, marked as a draft with its
 * problems (`draft`): it can be edited and rehearsed, and the live load refuses it.
 *
 * A show file that does not read (cut short, wrong shape) is replaced by its
 * `.bak` when that is good (the damaged file is kept as `<id>.json.damaged` and
 * `onRecovered` is told, for the operator's warning); with no good copy the show
 * is listed as damaged, with the reason, and can only be deleted or overwritten.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkShowFile, parseShow, type Show, type ShowDraft, type ShowError, type ShowSummary, type StoredShow, showDraftOf } from '@crowdcue/protocol';
import { backupPath, readJsonRecovering, writeJsonAtomic, type JsonCheck, type RecoveredJson } from './atomic-json';

export interface FieldError {
  path: string;
  message: string;
}

export class ShowValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`show is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

export class ShowConflictError extends Error {
  constructor(readonly current: StoredShow) {
    super(`show '${current.id}' was saved by ${current.savedBy} at ${current.savedAt} (revision ${current.revision}); reload and merge`);
  }
}

export class ShowNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`no show '${id}'`);
  }
}

/** No good copy of the show on disk: it can be deleted, or overwritten by an import. */
export class ShowDamagedError extends Error {
  constructor(
    readonly id: string,
    readonly reason: string,
    /** The account may not delete or overwrite a damaged show (only `shows:repair`, an admin). */
    readonly refused = false,
  ) {
    super(
      refused
        ? `show '${id}' is damaged and cannot be read (${reason}); only an admin may delete it or import a show file over it`
        : `show '${id}' is damaged and cannot be read (${reason}); delete it, or import a show file over it`,
    );
  }
}

export interface ShowStoreOptions {
  /** A damaged show file was replaced by its backup: `problem` says what was wrong. */
  onRecovered?: (id: string, problem: string) => void;
  /**
   * How a saved show is validated and flash-checked; the server hands in one
   * that does it in a worker task for large shows (show-validate-task.ts).
   * Default: inline.
   */
  validate?: (json: unknown, signal?: AbortSignal) => Promise<CheckedShow>;
  /**
   * How a show file (and its `.bak`) is read and checked; the server hands in
   * one that reads large files in a worker task (show-read-task.ts). Default:
   * inline, `readJsonRecovering(path, checkStored)`.
   */
  readStored?: (path: string) => Promise<RecoveredJson<StoredShow>>;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface SaveOptions {
  expectedRevision?: number;
  overwrite?: boolean;
  review?: (current: Show | undefined, next: Show) => Show;
  /** The client has gone: a validation still running in a worker stops. */
  signal?: AbortSignal;
  /** May an overwrite replace a damaged show (an admin's `shows:repair`)? Default false. */
  repair?: boolean;
}

/** A show that parsed, with its flash-safety problems (any: it is stored as a draft). */
export interface CheckedShow {
  show: Show;
  problems: ShowError[];
}

export function validateShow(json: unknown): CheckedShow {
  const checked = checkShowFile(json);
  if (!checked.ok) throw new ShowValidationError(checked.errors);
  return { show: checked.value, problems: checked.problems };
}

/** A draft mark read back from disk, kept only when it has the shape a save writes. */
function readDraft(raw: unknown): ShowDraft | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const problems = (raw as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return undefined;
  const valid = problems.filter((p): p is ShowError => typeof p === 'object' && p !== null && typeof (p as ShowError).path === 'string' && typeof (p as ShowError).message === 'string');
  // A mark that does not read still marks a draft: a damaged mark must not let an unsafe show go live.
  return { reason: 'flash-limit', problems: valid.length > 0 ? valid : [{ path: '', message: 'the show was saved as a draft (its problems do not read)' }] };
}

/** A stored show's envelope, its show checked by the show model's own parser. */
export const checkStored: JsonCheck<StoredShow> = (raw) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'not a stored show (expected an object)' };
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !ID.test(r.id)) return { ok: false, error: 'id: missing or not a show id' };
  if (typeof r.revision !== 'number' || !Number.isInteger(r.revision) || r.revision < 1) return { ok: false, error: 'revision: must be a whole number from 1' };
  if (typeof r.savedAt !== 'string') return { ok: false, error: 'savedAt: must be a string' };
  if (typeof r.savedBy !== 'string') return { ok: false, error: 'savedBy: must be a string' };
  const show = parseShow(r.show);
  if (!show.ok) return { ok: false, error: show.errors.slice(0, 3).map((e) => `show.${e.path}: ${e.message}`).join('; ') };
  if (show.value.id !== r.id) return { ok: false, error: `show.id: '${show.value.id}' does not match the file's id '${r.id}'` };
  const draft = r.draft === undefined ? undefined : readDraft(r.draft);
  return { ok: true, value: { id: r.id, revision: r.revision, savedAt: r.savedAt, savedBy: r.savedBy, show: show.value, ...(draft ? { draft } : {}) } };
};

const readStoredInline = (path: string): Promise<RecoveredJson<StoredShow>> => readJsonRecovering(path, checkStored);

/** A file's identity for the read cache: any write (atomic rename, an edit by hand) changes it. */
async function fileKey(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : undefined;
}

export class ShowStore {
  private readonly dir: string;
  /** Saves to one show are serialised so the revision check and the write are one step. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /**
   * The last good read of each show, by the file's identity (inode, size, mtime):
   * a large show is parsed once, not on every list, read and load. Stored shows
   * are never changed in place (edits work on a copy), so one object serves all.
   */
  private readonly cache = new Map<string, { key: string; stored: StoredShow }>();

  constructor(
    dataDir: string,
    private readonly opts: ShowStoreOptions = {},
  ) {
    this.dir = join(dataDir, 'shows');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  private file(id: string): string {
    if (!ID.test(id)) throw new ShowNotFoundError(id);
    return join(this.dir, `${id}.json`);
  }

  async list(): Promise<ShowSummary[]> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    const out: ShowSummary[] = [];
    for (const name of names) {
      const id = name.slice(0, -5);
      if (!ID.test(id)) continue;
      const read = await this.read(id).catch(() => undefined);
      if (read?.status === 'ok') {
        const s = read.stored;
        const draft = s.draft ? { problems: s.draft.problems.length, first: s.draft.problems[0]?.message ?? '' } : undefined;
        out.push({ id: s.id, name: s.show.name, revision: s.revision, savedAt: s.savedAt, savedBy: s.savedBy, ...(draft ? { draft } : {}) });
      } else if (read?.status === 'damaged') {
        out.push({ id, name: id, revision: 0, savedAt: '', savedBy: '', damaged: { reason: read.reason } });
      }
    }
    return out;
  }

  async get(id: string): Promise<StoredShow> {
    const read = await this.read(id);
    if (read.status === 'missing') throw new ShowNotFoundError(id);
    if (read.status === 'damaged') throw new ShowDamagedError(id, read.reason);
    return read.stored;
  }

  /**
   * Reads a show, putting its backup back in place when the file is damaged
   * (the damaged file is kept beside it for a look by hand).
   */
  private async read(id: string, inLock = false): Promise<{ status: 'ok'; stored: StoredShow } | { status: 'missing' } | { status: 'damaged'; reason: string }> {
    const path = this.file(id);
    const key = await fileKey(path);
    const known = this.cache.get(id);
    if (key !== undefined && known?.key === key) return { status: 'ok', stored: known.stored };
    // A deleted show stays deleted even if its backup is still about.
    const read = await (this.opts.readStored ?? readStoredInline)(path);
    if (read.status === 'missing') return read;
    if (read.status === 'damaged') return { status: 'damaged', reason: read.problem.replaceAll(`${this.dir}/`, '') };
    if (read.status === 'ok') {
      if (key !== undefined) this.cache.set(id, { key, stored: read.value });
      return { status: 'ok', stored: read.value };
    }
    if (read.value.id !== id) return { status: 'damaged', reason: `${id}.json.bak holds show '${read.value.id}'` };
    const putBack = async () => {
      await rename(path, `${path}.damaged`).catch(() => undefined);
      await writeJsonAtomic(path, read.value);
    };
    await (inLock ? putBack() : this.serialised(id, putBack));
    this.opts.onRecovered?.(id, read.problem.replaceAll(`${this.dir}/`, ''));
    return { status: 'ok', stored: read.value };
  }

  async has(id: string): Promise<boolean> {
    return this.get(id).then(
      () => true,
      () => false,
    );
  }

  /**
   * Create or replace. `expectedRevision` undefined = create (fails if it exists
   * unless `overwrite`), a number = update only if the stored revision matches.
   * `review` sees the stored show and the new one inside the same serialised step
   * (so no save can slip in between): it may refuse by throwing, or answer the
   * show to store.
   */
  async save(json: unknown, by: string, opts: SaveOptions = {}): Promise<StoredShow> {
    // Validated before anything is read or written: a refused save changes nothing.
    const checked = this.opts.validate ? await this.opts.validate(json, opts.signal) : validateShow(json);
    let show = checked.show;
    const draft = showDraftOf(checked.problems);
    if (!ID.test(show.id)) {
      throw new ShowValidationError([{ path: 'id', message: 'must be 1-64 lower-case letters, digits or dashes, starting with a letter or digit' }]);
    }
    return this.serialised(show.id, async () => {
      const read = await this.read(show.id, true);
      // Only an overwrite (import) may replace a show that cannot be read.
      if (read.status === 'damaged' && !opts.overwrite) throw new ShowDamagedError(show.id, read.reason);
      if (read.status === 'damaged' && !opts.repair) throw new ShowDamagedError(show.id, read.reason, true);
      const current = read.status === 'ok' ? read.stored : undefined;
      if (current && opts.expectedRevision === undefined && !opts.overwrite) throw new ShowConflictError(current);
      if (opts.expectedRevision !== undefined) {
        if (!current) throw new ShowNotFoundError(show.id);
        if (current.revision !== opts.expectedRevision) throw new ShowConflictError(current);
      }
      if (opts.review) show = opts.review(current?.show, show);
      const stored: StoredShow = {
        id: show.id,
        revision: (current?.revision ?? 0) + 1,
        savedAt: new Date().toISOString(),
        savedBy: by,
        show,
        ...(draft ? { draft } : {}),
      };
      const path = this.file(show.id);
      // The file just read good (or recovered) is known good: kept as the backup without parsing it again.
      await writeJsonAtomic(path, stored, { backup: read.status === 'ok' ? 'known-good' : false });
      const key = await fileKey(path);
      if (key !== undefined) this.cache.set(show.id, { key, stored });
      return stored;
    });
  }

  /** `repair`: the account may delete a damaged show (an admin's `shows:repair`). */
  async remove(id: string, opts: { repair?: boolean } = {}): Promise<void> {
    const path = this.file(id);
    const read = await this.read(id);
    if (read.status === 'missing') throw new ShowNotFoundError(id);
    if (read.status === 'damaged' && !opts.repair) throw new ShowDamagedError(id, read.reason, true);
    await this.serialised(id, async () => {
      this.cache.delete(id);
      await rm(path);
      // A backup left behind would come back as the show's "good copy" under a new show of the same id.
      await rm(backupPath(path), { force: true });
    });
  }

  private serialised<T>(id: string, work: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const next = prev.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return next;
  }
}
