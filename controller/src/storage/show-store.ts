/**
 * Shows live on disk as one JSON file each in `<data>/shows/`. Every save bumps a
 * revision; a save that names a stale revision is refused with the current one, so
 * two designers saving the same show get a conflict to resolve instead of a silent
 * overwrite. A show is validated before anything is written: an invalid show
 * leaves the stored one untouched.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseShow, type Show, type ShowSummary, type StoredShow } from '@crowdcue/protocol';
import { readJson, writeJsonAtomic } from './atomic-json';

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

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface SaveOptions {
  expectedRevision?: number;
  overwrite?: boolean;
  review?: (current: Show | undefined, next: Show) => Show;
}

export function validateShow(json: unknown): Show {
  const parsed = parseShow(json);
  if (!parsed.ok) throw new ShowValidationError(parsed.errors);
  return parsed.value;
}

export class ShowStore {
  private readonly dir: string;
  /** Saves to one show are serialised so the revision check and the write are one step. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
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
      const stored = await this.get(name.slice(0, -5)).catch(() => undefined);
      if (stored) out.push({ id: stored.id, name: stored.show.name, revision: stored.revision, savedAt: stored.savedAt, savedBy: stored.savedBy });
    }
    return out;
  }

  async get(id: string): Promise<StoredShow> {
    const raw = (await readJson(this.file(id))) as StoredShow | undefined;
    if (!raw) throw new ShowNotFoundError(id);
    return raw;
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
    let show = validateShow(json);
    if (!ID.test(show.id)) {
      throw new ShowValidationError([{ path: 'id', message: 'must be 1-64 lower-case letters, digits or dashes, starting with a letter or digit' }]);
    }
    return this.serialised(show.id, async () => {
      const current = await this.get(show.id).catch((err: unknown) => {
        if (err instanceof ShowNotFoundError) return undefined;
        throw err;
      });
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
      };
      await writeJsonAtomic(this.file(show.id), stored, { backup: true });
      return stored;
    });
  }

  async remove(id: string): Promise<void> {
    await this.serialised(id, async () => {
      await this.get(id);
      await rm(this.file(id));
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
