import { describe, expect, it } from 'vitest';
import { migrateShow } from './migrate';
import { parseShow } from './parse-show';

describe('migrateShow', () => {
  it('passes a current show through', () => {
    expect(migrateShow({ version: 1, id: 'x' })).toEqual({ ok: true, value: { version: 1, id: 'x' }, from: 1 });
  });

  it('refuses a newer version clearly, and parseShow stops there', () => {
    const newer = { version: 2, id: 'x' };
    const err = [{ path: 'version', message: 'show file version 2 is newer than this CrowdCue reads (1); update CrowdCue' }];
    expect(migrateShow(newer)).toEqual({ ok: false, errors: err });
    expect(parseShow(newer)).toEqual({ ok: false, errors: err });
  });

  it('refuses unknown versions', () => {
    expect(migrateShow({ version: 0 })).toMatchObject({ ok: false, errors: [{ path: 'version', message: 'unknown show file version 0' }] });
    expect(migrateShow({ version: '1' })).toMatchObject({ ok: false, errors: [{ path: 'version', message: 'unknown show file version "1"' }] });
    expect(migrateShow({ version: 1.5 })).toMatchObject({ ok: false });
  });

  it('runs the migration chain step by step (hooks keyed by version)', () => {
    // Pretend versions 2 and 3 exist, to show how steps plug in.
    const migrations = {
      1: ({ title, ...rest }: Record<string, unknown>) => ({ ...rest, name: title }),
      2: (s: Record<string, unknown>) => ({ ...s, site: 0 }),
    };
    expect(migrateShow({ version: 1, title: 'Old' }, { migrations, current: 3 })).toEqual({
      ok: true,
      value: { version: 3, name: 'Old', site: 0 },
      from: 1,
    });
    expect(migrateShow({ version: 2, name: 'N' }, { migrations, current: 3 })).toEqual({ ok: true, value: { version: 3, name: 'N', site: 0 }, from: 2 });
    expect(migrateShow({ version: 1 }, { migrations: { 1: migrations[1] }, current: 3 })).toEqual({
      ok: false,
      errors: [{ path: 'version', message: 'no migration from show file version 2' }],
    });
  });
});
