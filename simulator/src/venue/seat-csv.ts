/**
 * Imports a real seat map: CSV rows `section,row,seat,x,y[,zone]`. x and y are in
 * any units (they are scaled to 0..255 per axis for the bands); without a zone
 * column, each section becomes a zone. Every error is collected and names the
 * line and column, and nothing is returned unless the whole file is good.
 */
import { finishVenue, type UnnumberedSeat } from './finish-venue';
import { SHOW_LIMITS, formatCount } from '@crowdcue/protocol';
import { MAX_ZONES, type VenueMap, type VenueZone } from './types';

export interface SeatCsvError {
  /** 1-based line in the text. */
  line: number;
  column?: string;
  /** Full sentence, e.g. `line 12, column x: not a number ('12,5')`. */
  message: string;
}

export type SeatCsvResult = { ok: true; venue: VenueMap } | { ok: false; errors: SeatCsvError[] };

const COLUMNS = ['section', 'row', 'seat', 'x', 'y', 'zone'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['section', 'row', 'seat', 'x', 'y'];
/** Reports stop after this many errors: a wrong file would otherwise produce one per line. */
const MAX_ERRORS = 100;

export interface SeatCsvOptions {
  name?: string;
}

export function parseSeatCsv(text: string, opts: SeatCsvOptions = {}): SeatCsvResult {
  const errors: SeatCsvError[] = [];
  const report = (line: number, column: string | undefined, what: string) => {
    if (errors.length < MAX_ERRORS) {
      errors.push({ line, column, message: `line ${line}${column ? `, column ${column}` : ''}: ${what}` });
    }
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let order: Column[] = [...COLUMNS];
  let started = false;
  let hasHeader = false;
  const rows: Array<{ line: number; seat: Omit<UnnumberedSeat, 'zone'> & { zone?: number } }> = [];
  const seen = new Map<string, number>();

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const split = splitCsvLine(raw);
    if (typeof split === 'string') {
      report(lineNo, undefined, split);
      continue;
    }
    const fields = split.map((f) => f.trim());
    if (!started && looksLikeHeader(fields)) {
      started = true;
      hasHeader = true;
      const header = readHeader(fields, lineNo, report);
      if (header) order = header;
      else order = [];
      continue;
    }
    started = true;
    if (order.length === 0) break; // the header was bad; its errors say why
    const fits = hasHeader ? fields.length === order.length : fields.length === 5 || fields.length === 6;
    if (!fits) {
      report(lineNo, undefined, `expected ${hasHeader ? `${order.length} columns (as the header)` : '5 or 6 columns (section,row,seat,x,y[,zone])'}, got ${fields.length}`);
      continue;
    }
    const get = (c: Column) => {
      const k = order.indexOf(c);
      return k >= 0 && k < fields.length ? fields[k] : undefined;
    };
    let bad = false;
    const label = (c: Column) => {
      const v = get(c) ?? '';
      if (v === '') {
        report(lineNo, c, 'empty');
        bad = true;
      }
      return v;
    };
    const number = (c: Column) => {
      const v = get(c) ?? '';
      const n = v === '' ? NaN : Number(v);
      if (!Number.isFinite(n)) {
        report(lineNo, c, v === '' ? 'empty, expected a number' : `not a number ('${v}')`);
        bad = true;
      }
      return n;
    };
    const section = label('section');
    const row = label('row');
    const seat = label('seat');
    const x = number('x');
    const y = number('y');
    let zone: number | undefined;
    const zoneText = get('zone');
    if (zoneText !== undefined && zoneText !== '') {
      const z = Number(zoneText);
      if (!Number.isInteger(z) || z < 0 || z >= MAX_ZONES) {
        report(lineNo, 'zone', `must be a whole number 0..63, got '${zoneText}'`);
        bad = true;
      } else zone = z;
    }
    if (bad) continue;
    const key = `${section}\u0000${row}\u0000${seat}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report(lineNo, undefined, `seat ${section}/${row}/${seat} is already on line ${first}`);
      continue;
    }
    if (rows.length === SHOW_LIMITS.seats) {
      // One seat past what a site can address: say so and read no further.
      report(lineNo, undefined, `more than ${formatCount(SHOW_LIMITS.seats)} seats; a venue has at most that many (a band's pixel is a u16)`);
      break;
    }
    seen.set(key, lineNo);
    rows.push({ line: lineNo, seat: { section, row, seat, x, y, zone } });
  }

  if (errors.length === 0 && rows.length === 0) report(1, undefined, 'no seats in the file');
  // Zones come either from the file or from sections, not a mix: a mix would put unrelated seats in one zone.
  const withZone = rows.filter((r) => r.seat.zone !== undefined).length;
  if (withZone > 0 && withZone < rows.length) {
    for (const r of rows) if (r.seat.zone === undefined) report(r.line, 'zone', 'empty, but other rows give a zone');
  }
  if (errors.length > 0) return { ok: false, errors };

  const { seats, zones } = assignZones(rows.map((r) => r.seat));
  return { ok: true, venue: finishVenue(opts.name ?? 'Imported venue', 'csv', seats, zones) };
}

/** The single error message of a failed parse, one error per line. */
export function formatSeatCsvErrors(errors: SeatCsvError[]): string {
  return errors.map((e) => e.message).join('\n');
}

function looksLikeHeader(fields: string[]): boolean {
  const lower = fields.map((f) => f.toLowerCase());
  return lower.includes('section') || (lower.includes('x') && lower.includes('y'));
}

function readHeader(fields: string[], line: number, report: (line: number, column: string | undefined, what: string) => void): Column[] | null {
  const order: Column[] = [];
  let ok = true;
  fields.forEach((f, k) => {
    const name = f.toLowerCase() as Column;
    if (!COLUMNS.includes(name)) {
      report(line, f || `#${k + 1}`, `unknown column (expected ${COLUMNS.join(', ')})`);
      ok = false;
    } else if (order.includes(name)) {
      report(line, f, 'named twice');
      ok = false;
    } else order.push(name);
  });
  for (const c of REQUIRED) {
    if (!order.includes(c)) {
      report(line, c, 'missing from the header');
      ok = false;
    }
  }
  return ok ? order : null;
}

/** Splits one CSV line, honouring double quotes ("" inside quotes is one quote). */
export function splitCsvLine(line: string): string[] | string {
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
    i++;
  }
  if (quoted) return 'a quoted field is not closed';
  out.push(field);
  return out;
}

/** Seats without a zone get their section's: one zone per section, or sections grouped evenly when there are more than 64. */
function assignZones(seats: Array<Omit<UnnumberedSeat, 'zone'> & { zone?: number }>): { seats: UnnumberedSeat[]; zones: VenueZone[] } {
  const sections: string[] = [];
  const sectionIndex = new Map<string, number>();
  for (const s of seats) {
    if (s.zone === undefined && !sectionIndex.has(s.section)) {
      sectionIndex.set(s.section, sections.length);
      sections.push(s.section);
    }
  }
  const perZone = Math.max(1, Math.ceil(sections.length / MAX_ZONES));
  const names = new Map<number, string[]>();
  const out: UnnumberedSeat[] = seats.map((s) => {
    const zone = s.zone ?? Math.floor((sectionIndex.get(s.section) ?? 0) / perZone);
    if (!names.has(zone)) names.set(zone, []);
    const list = names.get(zone)!;
    if (s.zone === undefined && !list.includes(s.section)) list.push(s.section);
    return { section: s.section, row: s.row, seat: s.seat, x: s.x, y: s.y, zone };
  });
  const zones = [...names.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([id, secs]) => ({ id, name: secs.length === 0 ? `Zone ${id}` : secs.length === 1 ? `Section ${secs[0]}` : `Sections ${secs[0]}-${secs[secs.length - 1]}` }));
  return { seats: out, zones };
}
