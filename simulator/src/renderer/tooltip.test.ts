import { describe, expect, it } from 'vitest';
import { cardLines, colorHex } from './tooltip';

describe('hover card', () => {
  it('names section, row, seat, zone and colour', () => {
    expect(cardLines({ index: 3, seat: { section: '112', row: 'F', seat: 7 }, zone: 12, rgba: [255, 16, 0, 255] })).toEqual([
      'Section 112 · Row F · Seat 7',
      'Zone 12',
      '#ff1000  rgb(255, 16, 0)',
    ]);
  });

  it('falls back to the band index without a seat map', () => {
    expect(cardLines({ index: 41, zone: 0, rgba: [0, 0, 0, 255] })[0]).toBe('Band 41');
  });

  it('formats hex colours with two digits per channel', () => {
    expect(colorHex(1, 2, 255)).toBe('#0102ff');
  });
});
