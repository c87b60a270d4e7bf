import { describe, expect, it } from 'vitest';
import { bandPositions } from './band-position';
import { formatSeatCsvErrors, parseSeatCsv, splitCsvLine } from './seat-csv';

describe('parseSeatCsv', () => {
  it('reads rows without a header, scales x, y per axis and gives each section a zone', () => {
    const r = parseSeatCsv('A,1,1,0,10\nA,1,2,50,10\nB,1,1,100,30\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.venue.seats).toEqual([
      { section: 'A', row: '1', seat: '1', x: 0, y: 10, zone: 0, pixel: 0 },
      { section: 'A', row: '1', seat: '2', x: 50, y: 10, zone: 0, pixel: 1 },
      { section: 'B', row: '1', seat: '1', x: 100, y: 30, zone: 1, pixel: 2 },
    ]);
    expect(r.venue.zones).toEqual([
      { id: 0, name: 'Section A' },
      { id: 1, name: 'Section B' },
    ]);
    const { x, y } = bandPositions(r.venue);
    expect([...x]).toEqual([0, 128, 255]);
    expect([...y]).toEqual([0, 0, 255]);
  });

  it('takes columns in the header order, quotes, CRLF, comments and a zone column', () => {
    const text = '\uFEFFzone,x,y,section,row,seat\r\n# north stand\r\n7,1.5,2,"North, upper",A,1\r\n9,3,4,"North, upper",A,2\r\n';
    const r = parseSeatCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.venue.seats.map((s) => [s.section, s.zone, s.x])).toEqual([
      ['North, upper', 7, 1.5],
      ['North, upper', 9, 3],
    ]);
    expect(r.venue.zones.map((z) => z.id)).toEqual([7, 9]);
  });

  it('collects every error with its line and column, and returns no venue', () => {
    const text = ['section,row,seat,x,y,zone', 'A,1,1,0,0,1', 'A,1,2,abc,0,1', 'A,1,3,0,,1', 'A,1,1,5,5,1', 'A,1,4,0,0,64', 'A,1,5,0,0', ',1,6,0,0,2'].join('\n');
    const r = parseSeatCsv(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual([
      "line 3, column x: not a number ('abc')",
      'line 4, column y: empty, expected a number',
      'line 5: seat A/1/1 is already on line 2',
      "line 6, column zone: must be a whole number 0..63, got '64'",
      'line 7: expected 6 columns (as the header), got 5',
      'line 8, column section: empty',
    ]);
    expect(r.errors[0]).toMatchObject({ line: 3, column: 'x' });
    expect(formatSeatCsvErrors(r.errors).split('\n')).toHaveLength(6);
  });

  it('names a bad header, a missing column and an unclosed quote', () => {
    const r1 = parseSeatCsv('section,row,seat,x,height\nA,1,1,0,0\n');
    expect(!r1.ok && r1.errors.map((e) => e.message)).toEqual([
      'line 1, column height: unknown column (expected section, row, seat, x, y, zone)',
      'line 1, column y: missing from the header',
    ]);
    const r2 = parseSeatCsv('A,1,1,0,0\n"B,1,1,0,0\n');
    expect(!r2.ok && r2.errors[0].message).toBe('line 2: a quoted field is not closed');
  });

  it('refuses an empty file and a mix of given and missing zones', () => {
    const r1 = parseSeatCsv('\n# nothing\n');
    expect(!r1.ok && r1.errors[0].message).toBe('line 1: no seats in the file');
    const r2 = parseSeatCsv('A,1,1,0,0,3\nA,1,2,1,0\n');
    expect(!r2.ok && r2.errors[0].message).toBe('line 2, column zone: empty, but other rows give a zone');
  });

  it('groups more than 64 sections into 64 zones', () => {
    const lines = Array.from({ length: 128 }, (_, i) => `S${i},1,1,${i},0`);
    const r = parseSeatCsv(lines.join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.venue.zones).toHaveLength(64);
    expect(r.venue.seats[0].zone).toBe(0);
    expect(r.venue.seats[1].zone).toBe(0);
    expect(r.venue.seats[127].zone).toBe(63);
  });
});

describe('splitCsvLine', () => {
  it('handles quotes and doubled quotes', () => {
    expect(splitCsvLine('a,"b ""c""",d')).toEqual(['a', 'b "c"', 'd']);
    expect(splitCsvLine('a,,')).toEqual(['a', '', '']);
  });

  it('refuses a seat map with more seats than a site addresses, naming the line', () => {
    const lines = ['section,row,seat,x,y,zone'];
    for (let i = 0; i < 65_536; i++) lines.push(`A,${Math.floor(i / 1000)},${i % 1000},${i % 1000},${Math.floor(i / 1000)},0`);
    const r = parseSeatCsv(lines.join('\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ line: 65_537, column: undefined, message: 'line 65537: more than 65,535 seats; a venue has at most that many (a band\'s pixel is a u16)' }]);
  });
});

