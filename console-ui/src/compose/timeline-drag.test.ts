import { describe, expect, it } from 'vitest';
import { dragBlock, dragRow, formatMs, grabMode, msAt, rulerStep, snap } from './timeline-drag';

const scale = { pxPerMs: 0.1, snapMs: 100, durationMs: 10_000, minMs: 200 };

describe('timeline drag maths', () => {
  it('moves a block by the pointer, snapped to the grid', () => {
    expect(dragBlock({ at: 1000, duration: 2000 }, 'move', 52, scale)).toEqual({ at: 1500, duration: 2000 });
    expect(dragBlock({ at: 1000, duration: 2000 }, 'move', 52, scale, true)).toEqual({ at: 1520, duration: 2000 });
  });

  it('keeps a moved block inside the parade', () => {
    expect(dragBlock({ at: 1000, duration: 2000 }, 'move', -500, scale)).toEqual({ at: 0, duration: 2000 });
    expect(dragBlock({ at: 1000, duration: 2000 }, 'move', 5000, scale)).toEqual({ at: 8000, duration: 2000 });
  });

  it('resizes from the left edge keeping the end, from the right keeping the start', () => {
    expect(dragBlock({ at: 1000, duration: 2000 }, 'start', 30, scale)).toEqual({ at: 1300, duration: 1700 });
    expect(dragBlock({ at: 1000, duration: 2000 }, 'end', -40, scale)).toEqual({ at: 1000, duration: 1600 });
  });

  it('never shrinks a block below the minimum or past the parade', () => {
    expect(dragBlock({ at: 1000, duration: 2000 }, 'start', 500, scale)).toEqual({ at: 2800, duration: 200 });
    expect(dragBlock({ at: 1000, duration: 2000 }, 'end', -500, scale)).toEqual({ at: 1000, duration: 200 });
    expect(dragBlock({ at: 1000, duration: 2000 }, 'end', 5000, scale)).toEqual({ at: 1000, duration: 9000 });
    expect(dragBlock({ at: 1000, duration: 2000 }, 'start', -5000, scale)).toEqual({ at: 0, duration: 3000 });
  });

  it('picks the grabbed edge and the row', () => {
    expect(grabMode(3, 100)).toBe('start');
    expect(grabMode(97, 100)).toBe('end');
    expect(grabMode(50, 100)).toBe('move');
    expect(grabMode(4, 12)).toBe('move');
    expect(dragRow(1, 70, 48, 4)).toBe(2);
    expect(dragRow(1, -200, 48, 4)).toBe(0);
    expect(dragRow(1, 900, 48, 4)).toBe(3);
  });

  it('reads the ruler', () => {
    expect(msAt(250, scale)).toBe(2500);
    expect(msAt(-5, scale)).toBe(0);
    expect(msAt(5000, scale)).toBe(10_000);
    expect(rulerStep(0.1)).toBe(1000);
    expect(rulerStep(0.5)).toBe(250);
    expect(snap(149, 100)).toBe(100);
    expect(formatMs(61_500)).toBe('1:01.5');
  });
});
