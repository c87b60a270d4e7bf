import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROOF_OF_PLAY_FILE, ProofOfPlayLog, proofOfPlayCsv } from './proof-of-play';
import { playEntry } from './proof-of-play.test-util';

const entry = playEntry;

describe('ProofOfPlayLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crowdcue-pop-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps plays across restarts, newest first, per brand, with the snapshot', () => {
    const log = new ProofOfPlayLog(dir);
    const a = log.record(entry('acme', { snapshotPng: Uint8Array.from([137, 80, 78, 71]) }));
    log.record(entry('globex'));
    log.close();
    const again = new ProofOfPlayLog(dir);
    expect(again.list().map((r) => r.brand)).toEqual(['globex', 'acme']);
    expect(again.list({ brand: 'acme' })).toEqual([expect.objectContaining({ id: a.id, zones: [1, 2], bandsEstimated: 2388, hasSnapshot: true })]);
    expect([...again.snapshot(a.id)!]).toEqual([137, 80, 78, 71]);
    expect(again.get(999)).toBeUndefined();
    again.close();
  });

  it('refuses UPDATE and DELETE, even from outside this module', () => {
    const log = new ProofOfPlayLog(dir);
    log.record(entry('acme'));
    log.close();
    const db = new Database(join(dir, PROOF_OF_PLAY_FILE));
    expect(() => db.prepare("UPDATE plays SET brand = 'evil'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM plays').run()).toThrow(/append-only/);
    expect((db.prepare('SELECT brand FROM plays').all() as Array<{ brand: string }>).map((r) => r.brand)).toEqual(['acme']);
    db.close();
  });

  it('exports CSV with quoting and formula-safe cells', () => {
    const log = new ProofOfPlayLog(dir);
    log.record(entry('acme', { sequenceName: '=HYPERLINK("x"), "quoted"', notes: 'preload late by 2 s' }));
    const csv = proofOfPlayCsv(log.list());
    const [head, row] = csv.trim().split('\r\n');
    expect(head.split(',')).toContain('bands_estimated');
    expect(row).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    expect(row).toContain('1 2');
    log.close();
  });
});

describe('ProofOfPlayLog copied to a hot-standby backup', () => {
  let dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
    dirs = [];
  });
  const open = async () => {
    const d = await mkdtemp(join(tmpdir(), 'crowdcue-pop-'));
    dirs.push(d);
    return new ProofOfPlayLog(d);
  };

  it('copies rows under their ids with every column and the snapshot, page by page; the copy records on after them', async () => {
    const active = await open();
    const backup = await open();
    for (let i = 0; i < 5; i++) active.record(entry(i % 2 ? 'acme' : 'globex', i === 3 ? { snapshotPng: Uint8Array.from([137, 80, 78, 71, i]), notes: 'late' } : {}));
    expect(active.newestId()).toBe(5);
    const first = active.rowsAfter(0, 3);
    expect(first.map((r) => r.id)).toEqual([1, 2, 3]);
    for (const r of [...first, ...active.rowsAfter(3, 3)]) expect(backup.copy(r)).toBe('added');
    expect(backup.list()).toEqual(active.list());
    expect(backup.snapshot(4)).toEqual(active.snapshot(4));
    expect(backup.copy(active.rowsAfter(1, 1)[0]!)).toBe('had');
    // Taken over: its own rows come after the copied ones.
    expect(backup.record(entry('acme')).id).toBe(6);
    active.record(entry('initech'));
    expect(backup.copy(active.rowsAfter(5, 1)[0]!)).toBe('differs');
    expect(backup.get(6)?.brand).toBe('acme');
    active.close();
    backup.close();
  });
});
