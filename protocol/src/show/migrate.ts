/**
 * Show files carry a `version`. Older files are brought up to the current
 * version one step at a time before they are parsed; a newer file is refused
 * rather than guessed at, so a show is never half-understood.
 */
import type { ShowError } from './format-issues';
import { SHOW_VERSION } from './show';

export type JsonObject = Record<string, unknown>;
/** Turns a show of version `v` into version `v + 1`. */
export type ShowMigration = (show: JsonObject) => JsonObject;

/** SHOW_MIGRATIONS[v] upgrades version v to v + 1. Version 1 is the first: none yet. */
export const SHOW_MIGRATIONS: Readonly<Record<number, ShowMigration>> = {};

export type MigrateResult = { ok: true; value: JsonObject; from: number } | { ok: false; errors: ShowError[] };

export interface MigrateOptions {
  migrations?: Readonly<Record<number, ShowMigration>>;
  /** The version to reach; SHOW_VERSION unless testing a chain. */
  current?: number;
}

export function migrateShow(json: unknown, opts: MigrateOptions = {}): MigrateResult {
  const { migrations = SHOW_MIGRATIONS, current = SHOW_VERSION } = opts;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: [{ path: '', message: 'a show file must be a JSON object' }] };
  }
  const version = (json as JsonObject).version;
  if (version === undefined) {
    return { ok: false, errors: [{ path: 'version', message: `is required (current version is ${current})` }] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [{ path: 'version', message: `unknown show file version ${JSON.stringify(version)}` }] };
  }
  if (version > current) {
    return {
      ok: false,
      errors: [{ path: 'version', message: `show file version ${version} is newer than this CrowdCue reads (${current}); update CrowdCue` }],
    };
  }
  let show = json as JsonObject;
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, errors: [{ path: 'version', message: `no migration from show file version ${v}` }] };
    show = { ...step(show), version: v + 1 };
  }
  return { ok: true, value: show, from: version };
}
