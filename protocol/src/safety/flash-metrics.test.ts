import { describe, expect, it } from 'vitest';
import { ChangeCounter, contrasts, redLevel, relativeLuminance } from './flash-metrics';
import { effectFlashesPerSecond, minSafePeriodMs } from './effect-flash-rate';
import { worstFlashWindow, type TimelineEntry } from './timeline-flash';

const WHITE: [number, number, number] = [255, 255, 255];
const BLACK: [number, number, number] = [0, 0, 0];
const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];

describe('flash metrics', () => {
  it('measures relative luminance and saturated red as WCAG does', () => {
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 6);
    expect(relativeLuminance(BLACK)).toBe(0);
    expect(redLevel(RED)).toBeCloseTo(320, 6);
    expect(redLevel([255, 200, 0])).toBe(0); // amber is not saturated red
  });

  it('calls black/white and red/blue changes, not two near greys', () => {
    expect(contrasts(BLACK, WHITE)).toBe(true);
    expect(contrasts(RED, BLUE)).toBe(true); // luminance alike, but a red flash
    expect(contrasts([100, 100, 100], [110, 110, 110])).toBe(false);
  });

  it('counts a staircase once and each reversal again', () => {
    const c = new ChangeCounter(0.1);
    const seen = [0, 0.05, 0.15, 0.3, 0.6, 0.55, 0.45, 0.5, 0.9].map((v) => c.push(v));
    expect(seen).toEqual([0, 0, 1, 0, 0, 0, -1, 0, 1]);
  });
});

describe('effect flash rate', () => {
  const square = (periodMs: number) => ({ shape: 'SQUARE' as const, c1: WHITE, c2: BLACK, periodMs });

  it('gives 1000/p for a contrasting SQUARE or SINE', () => {
    expect(effectFlashesPerSecond(square(125))).toBeCloseTo(8, 6);
    expect(effectFlashesPerSecond({ ...square(500), shape: 'SINE' })).toBeCloseTo(2, 6);
    expect(effectFlashesPerSecond({ ...square(500), shape: 'RAMP' })).toBeCloseTo(2, 6);
  });

  it('gives half that for SPARKLE and nothing for colours that do not contrast', () => {
    expect(effectFlashesPerSecond({ ...square(100), shape: 'SPARKLE' })).toBeCloseTo(5, 6);
    expect(effectFlashesPerSecond({ shape: 'SINE', c1: [100, 100, 100], c2: [104, 104, 104], periodMs: 50 })).toBe(0);
  });

  it('counts a flash per cycle for a bright RAINBOW and none for a dim one', () => {
    expect(effectFlashesPerSecond({ shape: 'RAINBOW', c1: WHITE, c2: BLACK, periodMs: 1000 })).toBe(1);
    expect(effectFlashesPerSecond({ shape: 'RAINBOW', c1: [40, 40, 40], c2: BLACK, periodMs: 100 })).toBe(0);
  });

  it('finds the shortest safe period', () => {
    expect(minSafePeriodMs({ shape: 'SQUARE', c1: WHITE, c2: BLACK }, 3)).toBe(334);
    expect(effectFlashesPerSecond(square(334))).toBeLessThanOrEqual(3);
    expect(effectFlashesPerSecond(square(333))).toBeGreaterThan(3);
    expect(minSafePeriodMs({ shape: 'SINE', c1: WHITE, c2: WHITE }, 3)).toBeNull();
  });
});

describe('flashes across a sequence of looks', () => {
  const color = (atMs: number, rgb: [number, number, number], label: string, fadeMs = 0): TimelineEntry => ({
    atMs,
    look: { kind: 'color', rgb, fadeMs },
    label,
  });

  it('finds a cue chain that alternates black and white every 100 ms', () => {
    const entries = Array.from({ length: 10 }, (_, i) => color(i * 100, i % 2 ? BLACK : WHITE, `cue ${i}`));
    const worst = worstFlashWindow(entries);
    expect(worst.flashesPerSecond).toBe(5);
  });

  it('lets a slow chain through and counts a fade over every window it overlaps', () => {
    const slow = [color(0, WHITE, 'a'), color(1000, BLACK, 'b'), color(2000, WHITE, 'c')];
    expect(worstFlashWindow(slow).flashesPerSecond).toBe(0.5);
    const faded = [color(0, WHITE, 'a', 900), color(950, BLACK, 'b'), color(1300, WHITE, 'c')];
    expect(worstFlashWindow(faded).flashesPerSecond).toBe(1.5);
  });

  it('adds an effect to the changes around it and blames the look that tips it', () => {
    const entries: TimelineEntry[] = [
      color(0, BLACK, 'dark'),
      { atMs: 1000, look: { kind: 'effect', effect: { shape: 'SQUARE', c1: WHITE, c2: BLACK, periodMs: 400 } }, label: 'strobe' },
      color(3000, BLACK, 'out'),
    ];
    const worst = worstFlashWindow(entries);
    expect(worst.flashesPerSecond).toBeGreaterThan(2.5);
    expect(worst.flashesPerSecond).toBeLessThanOrEqual(3.5);
    expect(['strobe', 'out']).toContain(worst.label);
  });
});
