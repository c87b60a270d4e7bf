import { describe, expect, it } from 'vitest';
import { PixmobAirQueue, type PixmobView } from './pixmob-air-queue';

const still = (rgb: PixmobView['rgb']): PixmobView => ({ rgb, motion: 'still', asleep: false });
const STEP = 59;

describe('PixmobAirQueue', () => {
  it('leaves a zone the show has not addressed alone', () => {
    const q = new PixmobAirQueue();
    expect(q.next(0, still(undefined), STEP)).toBeUndefined();
    expect(q.next(5000, still(undefined), STEP)).toBeUndefined();
  });

  it('cuts to a new colour, repeats it once, then refreshes it after a quiet second', () => {
    const q = new PixmobAirQueue();
    expect(q.next(0, still([255, 128, 1]), STEP)).toMatchObject({ kind: 'cut', command: { rgb: [252, 128, 0], attack: 0, release: 0 } });
    expect(q.next(60, still([255, 128, 1]), STEP)).toMatchObject({ kind: 'repeat' });
    expect(q.next(120, still([255, 128, 1]), STEP)).toBeUndefined();
    expect(q.next(1060, still([255, 128, 1]), STEP)).toMatchObject({ kind: 'refresh', command: { rgb: [252, 128, 0] } });
  });

  it('keeps the line free when a planned change lands within the slot', () => {
    const q = new PixmobAirQueue();
    q.next(0, still([252, 0, 0]), STEP);
    expect(q.next(60, still([252, 0, 0]), STEP, true)).toBeUndefined();
    expect(q.next(2000, still([252, 0, 0]), STEP, true)).toBeUndefined();
    expect(q.next(2000, still([252, 0, 0]), STEP)).toMatchObject({ kind: 'repeat' });
  });

  it('puts a newer change ahead of the repeat of an older one', () => {
    const q = new PixmobAirQueue();
    q.next(0, still([252, 0, 0]), STEP);
    expect(q.next(60, still([0, 252, 0]), STEP)).toMatchObject({ kind: 'cut', command: { rgb: [0, 252, 0] } });
  });

  it('glides while the look moves smoothly, with the band fade nearest one step (96 ms)', () => {
    const q = new PixmobAirQueue();
    q.next(0, still([0, 0, 0]), STEP);
    expect(q.next(60, { rgb: [40, 40, 40], motion: 'smooth', asleep: false }, STEP, true)).toBeUndefined();
    expect(q.next(60, { rgb: [40, 40, 40], motion: 'smooth', asleep: false }, STEP)).toMatchObject({ kind: 'glide', command: { attack: 2 } });
  });

  it('sends a fade the band runs itself once, and nothing more until it is over', () => {
    const q = new PixmobAirQueue({ repeats: 1 });
    const fade = { rgb: [0, 252, 0] as [number, number, number], attack: 4, untilMs: 480 };
    expect(q.next(0, { rgb: [0, 10, 0], motion: 'smooth', asleep: false, nativeFade: fade }, STEP)).toMatchObject({ kind: 'fade', command: { rgb: [0, 252, 0], attack: 4 } });
    expect(q.next(60, { rgb: [0, 40, 0], motion: 'smooth', asleep: false, nativeFade: fade }, STEP)).toBeUndefined();
    expect(q.next(500, still([0, 252, 0]), STEP)).toBeUndefined();
  });

  it('goes dark on sleep, once with its repeat, then quiet', () => {
    const q = new PixmobAirQueue();
    q.next(0, still([252, 0, 0]), STEP);
    q.next(60, still([252, 0, 0]), STEP);
    const asleep: PixmobView = { rgb: [0, 0, 0], motion: 'still', asleep: true };
    expect(q.next(120, asleep, STEP)).toMatchObject({ kind: 'sleep', command: { rgb: [0, 0, 0] } });
    expect(q.next(180, asleep, STEP)).toMatchObject({ kind: 'repeat' });
    expect(q.next(5000, asleep, STEP)).toBeUndefined();
  });

  it('holds back a change over the flash limit and takes it when the second allows', () => {
    const q = new PixmobAirQueue({ flashesPerSecond: 1, repeats: 1 });
    const white = still([252, 252, 252]);
    const black = still([0, 0, 0]);
    expect(q.next(0, white, STEP)?.kind).toBe('cut');
    expect(q.next(100, black, STEP)?.kind).toBe('cut');
    expect(q.next(200, white, STEP)).toBeUndefined();
    expect(q.heldBack).toBe(1);
    expect(q.next(1000, white, STEP)?.kind).toBe('cut');
  });
});
