/**
 * Proof of play: one row per brand sequence that was due to play, in SQLite
 * (`<data>/proof-of-play.sqlite`), append-only. There is no update or delete
 * path in this module, and triggers in the database refuse UPDATE and DELETE
 * from anywhere else, so a report cannot be changed after the fact. The row
 * keeps the verdict (played, partial, not played, with the reasons), the
 * figures of the on-air replay and the PNG of the replayed crowd at the
 * slot's middle. Rows written before the replay existed read as played with
 * no figures.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { PlayFigures, PlayReason, PlayStatus, ProofOfPlayRecord } from '@crowdcue/protocol';
import { z } from 'zod';

/** A sequence's slot as the runtime records it: the report's fields, with the replayed crowd's PNG. */
export type ProofOfPlayEntry = Omit<ProofOfPlayRecord, 'id' | 'recordedAt' | 'hasSnapshot'> & { snapshotPng?: Uint8Array };

interface Row {
  id: number;
  recorded_at: string;
  brand: string;
  sequence_id: string;
  sequence_name: string;
  show_id: string;
  scheduled_start: string;
  scheduled_end: string;
  actual_start: string;
  actual_end: string;
  zones: string;
  seats_covered: number;
  bands_estimated: number;
  bands_covered: number;
  airtime_ms: number;
  airtime_by_transmitter: string;
  transmissions: number;
  notes: string | null;
  status: string | null;
  reasons: string | null;
  figures: string | null;
  show_name: string | null;
  venue_name: string | null;
  has_snapshot: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS plays (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  brand TEXT NOT NULL,
  sequence_id TEXT NOT NULL,
  sequence_name TEXT NOT NULL,
  show_id TEXT NOT NULL,
  scheduled_start TEXT NOT NULL,
  scheduled_end TEXT NOT NULL,
  actual_start TEXT NOT NULL,
  actual_end TEXT NOT NULL,
  zones TEXT NOT NULL,
  seats_covered INTEGER NOT NULL,
  bands_estimated INTEGER NOT NULL,
  bands_covered INTEGER NOT NULL,
  airtime_ms REAL NOT NULL,
  airtime_by_transmitter TEXT NOT NULL,
  transmissions INTEGER NOT NULL,
  notes TEXT,
  snapshot BLOB
);
CREATE INDEX IF NOT EXISTS plays_brand ON plays (brand, id);
CREATE TRIGGER IF NOT EXISTS plays_no_update BEFORE UPDATE ON plays
  BEGIN SELECT RAISE(ABORT, 'proof of play is append-only: rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS plays_no_delete BEFORE DELETE ON plays
  BEGIN SELECT RAISE(ABORT, 'proof of play is append-only: rows cannot be deleted'); END;
`;

/** Columns added since the first version: added to an older file on open (ADD COLUMN changes no row). */
const ADDED_COLUMNS = ['status TEXT', 'reasons TEXT', 'figures TEXT', 'show_name TEXT', 'venue_name TEXT'];

const COLUMNS =
  'id, recorded_at, brand, sequence_id, sequence_name, show_id, scheduled_start, scheduled_end, actual_start, actual_end, zones, seats_covered, bands_estimated, bands_covered, airtime_ms, airtime_by_transmitter, transmissions, notes, status, reasons, figures, show_name, venue_name, snapshot IS NOT NULL AS has_snapshot';

export const PROOF_OF_PLAY_FILE = 'proof-of-play.sqlite';

/** A row with every column as stored, the snapshot PNG in base64: how a row travels to a hot-standby backup. */
export const StoredPlaySchema = z.strictObject({
  id: z.number().int().min(1),
  recorded_at: z.string().max(64),
  brand: z.string().max(200),
  sequence_id: z.string().max(200),
  sequence_name: z.string().max(1000),
  show_id: z.string().max(200),
  scheduled_start: z.string().max(64),
  scheduled_end: z.string().max(64),
  actual_start: z.string().max(64),
  actual_end: z.string().max(64),
  zones: z.string(),
  seats_covered: z.number(),
  bands_estimated: z.number(),
  bands_covered: z.number(),
  airtime_ms: z.number(),
  airtime_by_transmitter: z.string(),
  transmissions: z.number(),
  notes: z.string().nullable(),
  status: z.string().max(32).nullable(),
  reasons: z.string().nullable(),
  figures: z.string().nullable(),
  show_name: z.string().nullable(),
  venue_name: z.string().nullable(),
  snapshot: z.string().nullable(),
});
export type StoredPlay = z.infer<typeof StoredPlaySchema>;
const STORED_COLUMNS = Object.keys(StoredPlaySchema.shape) as Array<keyof StoredPlay>;

export class ProofOfPlayLog {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, PROOF_OF_PLAY_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    const have = new Set((this.db.prepare('PRAGMA table_info(plays)').all() as Array<{ name: string }>).map((c) => c.name));
    for (const col of ADDED_COLUMNS) if (!have.has(col.split(' ')[0])) this.db.exec(`ALTER TABLE plays ADD COLUMN ${col}`);
  }

  record(e: ProofOfPlayEntry, now = new Date()): ProofOfPlayRecord {
    const info = this.db
      .prepare(
        `INSERT INTO plays (recorded_at, brand, sequence_id, sequence_name, show_id, scheduled_start, scheduled_end, actual_start, actual_end, zones,
           seats_covered, bands_estimated, bands_covered, airtime_ms, airtime_by_transmitter, transmissions, notes, status, reasons, figures, show_name, venue_name, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        now.toISOString(),
        e.brand,
        e.sequenceId,
        e.sequenceName,
        e.showId,
        e.scheduledStart,
        e.scheduledEnd,
        e.actualStart,
        e.actualEnd,
        JSON.stringify(e.zones),
        Math.round(e.seatsCovered),
        Math.round(e.bandsEstimated),
        Math.round(e.bandsCovered),
        e.airtimeMs,
        JSON.stringify(e.airtimeByTransmitter),
        Math.round(e.transmissions),
        e.notes ?? null,
        e.status,
        JSON.stringify(e.reasons),
        e.figures ? JSON.stringify(e.figures) : null,
        e.showName ?? null,
        e.venueName ?? null,
        e.snapshotPng ? Buffer.from(e.snapshotPng) : null,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** Newest first; `brand` given: only that brand's. */
  list(filter: { brand?: string } = {}): ProofOfPlayRecord[] {
    const rows = (
      filter.brand === undefined
        ? this.db.prepare(`SELECT ${COLUMNS} FROM plays ORDER BY id DESC`).all()
        : this.db.prepare(`SELECT ${COLUMNS} FROM plays WHERE brand = ? ORDER BY id DESC`).all(filter.brand)
    ) as Row[];
    return rows.map(fromRow);
  }

  get(id: number): ProofOfPlayRecord | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM plays WHERE id = ?`).get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The newest row's id (0 with none). */
  newestId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM plays').get() as { id: number }).id;
  }

  /** Rows after `afterId`, oldest first, every column as stored: what a hot-standby backup copies. */
  rowsAfter(afterId: number, limit: number): StoredPlay[] {
    const rows = this.db.prepare(`SELECT ${STORED_COLUMNS.join(', ')} FROM plays WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ ...r, snapshot: r.snapshot instanceof Buffer ? r.snapshot.toString('base64') : null }) as StoredPlay);
  }

  /**
   * Keeps a row the active controller of a hot-standby pair recorded, under its id, so a
   * report has the same id on both. A row already there under that id is left as it is
   * (the log is append-only): `had` when it is the same play, `differs` when another.
   */
  copy(row: StoredPlay): 'added' | 'had' | 'differs' {
    const there = this.db.prepare('SELECT recorded_at, sequence_id, actual_start FROM plays WHERE id = ?').get(row.id) as
      | { recorded_at: string; sequence_id: string; actual_start: string }
      | undefined;
    if (there) return there.recorded_at === row.recorded_at && there.sequence_id === row.sequence_id && there.actual_start === row.actual_start ? 'had' : 'differs';
    const values = STORED_COLUMNS.map((c) => (c === 'snapshot' ? (row.snapshot === null ? null : Buffer.from(row.snapshot, 'base64')) : row[c]));
    this.db.prepare(`INSERT INTO plays (${STORED_COLUMNS.join(', ')}) VALUES (${STORED_COLUMNS.map(() => '?').join(', ')})`).run(...values);
    return 'added';
  }

  snapshot(id: number): Buffer | undefined {
    const row = this.db.prepare('SELECT snapshot FROM plays WHERE id = ?').get(id) as { snapshot: Buffer | null } | undefined;
    return row?.snapshot ?? undefined;
  }

  close(): void {
    this.db.close();
  }
}

function fromRow(r: Row): ProofOfPlayRecord {
  return {
    id: r.id,
    recordedAt: r.recorded_at,
    brand: r.brand,
    sequenceId: r.sequence_id,
    sequenceName: r.sequence_name,
    showId: r.show_id,
    scheduledStart: r.scheduled_start,
    scheduledEnd: r.scheduled_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    zones: JSON.parse(r.zones) as number[],
    seatsCovered: r.seats_covered,
    bandsEstimated: r.bands_estimated,
    bandsCovered: r.bands_covered,
    airtimeMs: r.airtime_ms,
    airtimeByTransmitter: JSON.parse(r.airtime_by_transmitter) as Record<string, number>,
    transmissions: r.transmissions,
    ...(r.notes !== null ? { notes: r.notes } : {}),
    ...(r.show_name !== null ? { showName: r.show_name } : {}),
    ...(r.venue_name !== null ? { venueName: r.venue_name } : {}),
    status: (r.status as PlayStatus | null) ?? 'played',
    reasons: r.reasons ? (JSON.parse(r.reasons) as PlayReason[]) : [],
    figures: r.figures ? (JSON.parse(r.figures) as PlayFigures) : null,
    hasSnapshot: r.has_snapshot === 1,
  };
}

/** A share as a percentage with one decimal; blank when there is none. */
const share = (s: number | undefined) => (s === undefined ? '' : Math.round(s * 1000) / 10);

const CSV_COLUMNS: Array<[string, (r: ProofOfPlayRecord) => string | number]> = [
  ['id', (r) => r.id],
  ['brand', (r) => r.brand],
  ['sequence', (r) => r.sequenceId],
  ['sequence_name', (r) => r.sequenceName],
  ['show', (r) => r.showId],
  ['scheduled_start', (r) => r.scheduledStart],
  ['scheduled_end', (r) => r.scheduledEnd],
  ['actual_start', (r) => r.actualStart],
  ['actual_end', (r) => r.actualEnd],
  ['status', (r) => r.status],
  ['reasons', (r) => r.reasons.map((x) => x.message).join('; ')],
  ['zones', (r) => r.zones.join(' ')],
  ['seats_covered', (r) => r.seatsCovered],
  ['bands_covered', (r) => r.bandsCovered],
  ['bands_estimated', (r) => r.bandsEstimated],
  ['share_start', (r) => share(r.figures?.start.share)],
  ['share_middle', (r) => share(r.figures?.middle.share)],
  ['share_end', (r) => share(r.figures?.end.share)],
  ['shown_s', (r) => (r.figures ? Math.round(r.figures.shownMs / 100) / 10 : '')],
  ['slot_s', (r) => (r.figures ? Math.round(r.figures.spanMs / 100) / 10 : '')],
  ['airtime_ms', (r) => Math.round(r.airtimeMs * 10) / 10],
  ['transmissions', (r) => r.transmissions],
  ['notes', (r) => r.notes ?? ''],
  ['recorded_at', (r) => r.recordedAt],
];

/** RFC 4180 CSV; a cell that starts like a formula is prefixed with ' so spreadsheets show it as text. */
export function proofOfPlayCsv(records: readonly ProofOfPlayRecord[]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.map(([h]) => h).join(',')];
  for (const r of records) lines.push(CSV_COLUMNS.map(([, f]) => cell(f(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}
