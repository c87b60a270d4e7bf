import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROOF_OF_PLAY_FILE, ProofOfPlayLog, proofOfPlayCsv, type ProofOfPlayEntry } from './proof-of-play';

const entry = (brand: string, extra: Partial<ProofOfPlayEntry> = {}): ProofOfPlayEntry => ({
  brand,
  sequenceId: `${brand}-seq`,
  sequenceName: `${brand} logo`,
  showId: 'demo',
  scheduledStart: '2025-06-01T20:30:00.000Z',
  scheduledEnd: '2025-06-01T20:30:10.000Z',
  actualStart: '2025-06-01T20:30:00.000Z',
  actualEnd: '2025-06-01T20:30:10.000Z',
  zones: [1, 2],
  seatsCovered: 2400,
  bandsEstimated: 2388,
  bandsCovered: 2400,
  airtimeMs: 1234.5,
  airtimeByTransmitter: { main: 1234.5 },
  transmissions: 180,
  status: 'played',
  reasons: [],
  figures: null,
  ...extra,
});

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
